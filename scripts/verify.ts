/**
 * `npm run verify`: judges dist/ as the cluster and Argo CD will see it (usage in
 * scripts/commands/verify.ts). Prints each check's wall time on stderr as it finishes, so a long
 * run shows progress and the slow check is named. Exit 0 no errors, 1 error findings, 2 usage.
 */
import { EXIT, finish, isEntry, parseCommand, type CommandOutput } from './cli.ts';
import { VERIFY_SPEC } from './commands/verify.ts';
import { loadDist } from './verify/load-dist.ts';
import type { Check } from './verify/model.ts';
import { renderReport } from './verify/report.ts';
import { CHECKS, verifyModel, type VerifyResult } from './verify/run-verify.ts';

/** Rules of the `load` step, counted as run-verify.ts `verifyDist` counts them. */
const LOAD_RULES = 7;

/** `check` with a stopwatch: reports its name, time and finding count to `progress` when done. */
function timed(check: Check, progress: (line: string) => void): Check {
  return {
    ...check,
    async run(model, options) {
      const started = performance.now();
      const findings = await check.run(model, options);
      progress(`verify: ${check.name} ${Math.round(performance.now() - started)} ms, ${findings.length} finding(s)`);
      return findings;
    },
  };
}

/** Runs `verify <argv>`; `progress` receives one timing line per check. */
export async function main(argv: readonly string[], progress: (line: string) => void = () => {}): Promise<CommandOutput> {
  const parsed = parseCommand(VERIFY_SPEC, argv);
  if (!parsed.ok) return parsed;
  const { values } = parsed;
  const started = performance.now();
  // verifyDist, with each check timed.
  const loaded = loadDist(values.dist, values.env);
  progress(`verify: load ${Math.round(performance.now() - started)} ms, ${loaded.findings.length} finding(s)`);
  const checks = CHECKS.map((c) => timed(c, progress));
  const findings = [...loaded.findings, ...(await verifyModel(loaded, { crdsDir: process.env.CRDS_DIR ?? '../shared/crds' }, checks))];
  const rules = { load: LOAD_RULES, ...Object.fromEntries(CHECKS.map((c) => [c.name, c.rules.length])) };
  const result: VerifyResult = { objects: loaded.objects.length, apps: loaded.apps.length, findings, rules };
  progress(`verify: ${result.objects} objects in ${Math.round(performance.now() - started)} ms`);
  const report = renderReport(result, values.json ? 'json' : values.markdown ? 'markdown' : 'text');
  return { exitCode: result.findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok, out: [report.trimEnd()], err: [] };
}

if (isEntry(import.meta.url)) finish(await main(process.argv.slice(2), (line) => console.error(line)));
