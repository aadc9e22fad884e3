/**
 * `npm run verify`: judges dist/ as the cluster and Argo CD will see it (usage in
 * scripts/commands/verify.ts); with `--base`, objects changed since that git ref are judged as
 * UPDATEs of their previous version. Prints each check's wall time on stderr as it finishes, so a
 * long run shows progress and the slow check is named. Exit 0 no errors, 1 error findings, 2 usage.
 */
import { EXIT, finish, isEntry, parseCommand, type CommandOutput } from './cli.ts';
import { VERIFY_SPEC } from './commands/verify.ts';
import { loadBaseObjects } from './verify/base-objects.ts';
import { renderReport } from './verify/report.ts';
import { verifyDist } from './verify/run-verify.ts';

/** Runs `verify <argv>`; `progress` receives one timing line per check. */
export async function main(argv: readonly string[], progress: (line: string) => void = () => {}): Promise<CommandOutput> {
  const parsed = parseCommand(VERIFY_SPEC, argv);
  if (!parsed.ok) return parsed;
  const { values } = parsed;
  let base;
  try {
    base = values.base === undefined ? undefined : loadBaseObjects(process.cwd(), values.base, values.dist);
  } catch (e) {
    return { exitCode: EXIT.usage, out: [], err: [`verify: --base: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const result = await verifyDist(values.dist, {
    crdsDir: process.env.CRDS_DIR ?? '../shared/crds',
    ...(values.env ? { env: values.env } : {}),
    ...(base ? { base } : {}),
    progress,
  });
  const report = renderReport(result, values.json ? 'json' : values.markdown ? 'markdown' : 'text');
  return { exitCode: result.findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok, out: [report.trimEnd()], err: [] };
}

if (isEntry(import.meta.url)) finish(await main(process.argv.slice(2), (line) => console.error(line)));
