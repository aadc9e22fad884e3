/**
 * Renders a verify result as text (terminal), JSON (machines) or Markdown (PR comment).
 */
import type { Finding } from './model.ts';
import type { VerifyResult } from './run-verify.ts';

/** Output formats. */
export type ReportFormat = 'text' | 'json' | 'markdown';

function counts(result: VerifyResult): { check: string; rules: number; errors: number; warnings: number }[] {
  return Object.entries(result.rules).map(([check, rules]) => ({
    check,
    rules,
    errors: result.findings.filter((f) => f.check === check && f.severity === 'error').length,
    warnings: result.findings.filter((f) => f.check === check && f.severity === 'warning').length,
  }));
}

function where(f: Finding): string {
  return `${f.env}/${f.app} ${f.kind} ${f.name}`;
}

/** The report in `format`. */
export function renderReport(result: VerifyResult, format: ReportFormat): string {
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.length - errors;
  if (format === 'json') {
    return `${JSON.stringify({ objects: result.objects, apps: result.apps, errors, warnings, checks: counts(result), notApplicable: result.notApplicable ?? [], findings: result.findings }, null, 2)}\n`;
  }
  if (format === 'markdown') {
    const lines = [
      `### verify: ${errors === 0 ? 'passed' : 'failed'} — ${errors} error(s), ${warnings} warning(s) in ${result.objects} objects / ${result.apps} apps`,
      '',
      '| check | rules | errors | warnings |',
      '|---|---:|---:|---:|',
      ...counts(result).map((c) => `| ${c.check} | ${c.rules} | ${c.errors} | ${c.warnings} |`),
      ...(result.notApplicable ?? []).map((n) => `| ${n.check} (${n.env}) | – | does not apply (${n.platform}): ${n.reason} | |`),
    ];
    if (result.findings.length > 0) {
      lines.push('', '| severity | where | rule | message |', '|---|---|---|---|');
      for (const f of result.findings)
        lines.push(`| ${f.severity} | ${where(f)} | ${f.check}/${f.rule} | ${f.message.replace(/\|/g, '\\|')} |`);
    }
    return `${lines.join('\n')}\n`;
  }
  const lines = [`verify: ${result.objects} objects in ${result.apps} app folders`];
  for (const c of counts(result))
    lines.push(
      `  ${c.check.padEnd(12)} ${String(c.rules).padStart(2)} rules  ${String(c.errors).padStart(3)} errors  ${String(c.warnings).padStart(3)} warnings`,
    );
  for (const n of result.notApplicable ?? []) lines.push(`  ${n.check.padEnd(12)} does not apply to ${n.env} (${n.platform}): ${n.reason}`);
  for (const f of result.findings) lines.push(`${f.severity.toUpperCase()} ${where(f)} [${f.check}/${f.rule}] ${f.message}`);
  lines.push(errors === 0 ? `verify: passed (${warnings} warning(s))` : `verify: FAILED with ${errors} error(s), ${warnings} warning(s)`);
  return `${lines.join('\n')}\n`;
}
