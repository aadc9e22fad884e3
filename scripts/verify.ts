/**
 * `npm run verify [-- --dist <dir>] [--env <name>] [--base <ref>] [--json | --markdown]`: judges
 * dist/ as the cluster and Argo CD will see it; with `--base`, objects changed since that git ref
 * are judged as UPDATEs of their previous version. Exit 1 on any error finding, 2 on bad arguments.
 */
import { parseArgs } from 'node:util';
import { loadBaseObjects } from './verify/base-objects.ts';
import { renderReport } from './verify/report.ts';
import { verifyDist } from './verify/run-verify.ts';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        dist: { type: 'string', default: 'dist' },
        env: { type: 'string' },
        base: { type: 'string' },
        json: { type: 'boolean', default: false },
        markdown: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`verify: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  let base;
  try {
    base = values.base === undefined ? undefined : loadBaseObjects(process.cwd(), values.base, values.dist);
  } catch (e) {
    process.stderr.write(`verify: --base: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const result = await verifyDist(values.dist, {
    crdsDir: process.env.CRDS_DIR ?? '../shared/crds',
    ...(values.env ? { env: values.env } : {}),
    ...(base ? { base } : {}),
  });
  process.stdout.write(renderReport(result, values.json ? 'json' : values.markdown ? 'markdown' : 'text'));
  return result.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

process.exitCode = await main();
