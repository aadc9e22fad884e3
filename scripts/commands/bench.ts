/**
 * Usage and options of `npm run bench`.
 */
import type { CommandSpec } from '../cli.ts';

const options = { runs: { type: 'string', default: '5' }, 'target-ms': { type: 'string', default: '1000' } } as const;

/** `npm run bench`. */
export const BENCH_SPEC: CommandSpec<typeof options> = {
  name: 'bench',
  usage: `usage: npm run bench -- [--runs <n>] [--target-ms <ms>]

Runs synth once to warm up, then <n> times, and prints the median, min and max wall time, peak
memory (with /usr/bin/time) and what dist/ holds per environment.

  --runs <n>         timed runs (default 5)
  --target-ms <ms>   the median must stay below this (default 1000)

Exit codes: 0 median under target, 1 target missed, 2 usage error or synth failed.`,
  options,
};
