/**
 * `npm run bench`: synth, synth --check, verify and diff on today's catalog and on generated ones,
 * measured as child processes (scripts/bench/). Targets are checked here, not in timed tests.
 * Usage in scripts/commands/bench.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { EXIT, finish, isEntry, parseCommand, positiveInt, usageError, type CommandOutput } from './cli.ts';
import { BENCH_SPEC } from './commands/bench.ts';
import { cdk8sRatio, report, targets } from './bench/report.ts';
import { BenchFailed, runBench } from './bench/run-bench.ts';

/** Options of the benchmark. */
export interface BenchArgs {
  readonly runs: number;
  readonly sizes: readonly number[];
  readonly cdk8s: boolean;
  readonly json: string;
}

/** Parsed options of the benchmark, or the output to print instead (help or a usage error). */
export function benchOptions(argv: readonly string[]): BenchArgs | CommandOutput {
  const parsed = parseCommand(BENCH_SPEC, argv);
  if (!parsed.ok) return parsed;
  const runs = positiveInt(BENCH_SPEC, 'runs', parsed.values.runs);
  if (typeof runs === 'object') return runs;
  const sizes: number[] = [];
  for (const part of parsed.values.sizes.split(',').filter((p) => p.trim() !== '')) {
    const n = Number(part.trim());
    if (!Number.isInteger(n) || n < 2) return usageError(BENCH_SPEC, `--sizes must list integers >= 2, got "${part}"`);
    sizes.push(n);
  }
  return { runs, sizes, cdk8s: !parsed.values['no-cdk8s'], json: parsed.values.json };
}

function bench(args: BenchArgs): CommandOutput {
  const started = new Date();
  const rows = runBench({ sizes: args.sizes, runs: args.runs, cdk8s: args.cdk8s, log: (line) => console.error(line) });
  const results = targets(rows);
  mkdirSync(dirname(args.json), { recursive: true });
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, platform: process.platform };
  writeFileSync(
    args.json,
    `${JSON.stringify({ started: started.toISOString(), machine, runs: args.runs, rows, cdk8sRatio: cdk8sRatio(rows), targets: results }, null, 2)}\n`,
  );
  const missed = results.some((t) => t.met === false);
  return { exitCode: missed ? EXIT.findings : EXIT.ok, out: [...report(rows), '', `rows written to ${args.json}`], err: [] };
}

if (isEntry(import.meta.url)) {
  const options = benchOptions(process.argv.slice(2));
  if ('exitCode' in options) finish(options);
  else {
    try {
      finish(bench(options));
    } catch (e) {
      if (!(e instanceof BenchFailed)) throw e;
      finish({ exitCode: EXIT.usage, out: [], err: [e.message] });
    }
  }
}
