/**
 * Usage and options of `npm run bench`.
 */
import type { CommandSpec } from '../cli.ts';

const options = {
  sizes: { type: 'string', default: '100,300,1000' },
  runs: { type: 'string', default: '1' },
  'no-cdk8s': { type: 'boolean', default: false },
  json: { type: 'string', default: 'build/bench.json' },
} as const;

/** `npm run bench`. */
export const BENCH_SPEC: CommandSpec<typeof options> = {
  name: 'bench',
  usage: `usage: npm run bench -- [--sizes <n,n,...>] [--runs <n>] [--no-cdk8s] [--json <file>]

Measures synth (into an empty dist/), synth --check, verify and diff (one service changed) as child
processes on today's catalog and on generated catalogs of <sizes> services x 3 environments
(scripts/bench/generate-catalog.ts, seeded), each in a scratch repository. Per step: wall time, CPU
time and peak RSS of its Node processes, files and bytes written, time per service (median of
<runs>). Today's catalog also runs through \`cdk8s synth --no-check-upgrade\` for the ratio. Prints a
table and issue 13's targets, and writes the rows as JSON. The defaults take about 3.5 minutes on a
2-core machine.

  --sizes <n,...>   generated catalog sizes (default 100,300,1000; "" for today's catalog only)
  --runs <n>        runs per step, the median is reported (default 1)
  --no-cdk8s        skip the cdk8s synth comparison
  --json <file>     where the rows go (default build/bench.json)

Exit codes: 0 every target met, 1 a target missed, 2 usage error or a measured command failed.`,
  options,
};
