/**
 * `npm run bench`: synth wall time (median of N runs after a warm-up) and peak memory, plus what
 * dist/ holds per environment. Targets are checked here, not in timed tests. Usage in
 * scripts/commands/bench.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT, finish, isEntry, parseCommand, positiveInt, type CommandOutput } from './cli.ts';
import { BENCH_SPEC } from './commands/bench.ts';

/** Parsed options of the benchmark, or the output to print instead (help or a usage error). */
export function benchOptions(argv: readonly string[]): { runs: number; target: number } | CommandOutput {
  const parsed = parseCommand(BENCH_SPEC, argv);
  if (!parsed.ok) return parsed;
  const runs = positiveInt(BENCH_SPEC, 'runs', parsed.values.runs);
  if (typeof runs === 'object') return runs;
  const target = positiveInt(BENCH_SPEC, 'target-ms', parsed.values['target-ms']);
  return typeof target === 'object' ? target : { runs, target };
}

const command = [process.execPath, 'scripts/run.mjs', 'synth.ts'];
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Synth exited non-zero: the benchmark cannot run (exit 2, not a missed target). */
class SynthFailed extends Error {}

function once(): { ms: number; rssKb?: number } {
  const started = performance.now();
  const result = timeBin
    ? spawnSync(timeBin, ['-f', '%M', ...command], { encoding: 'utf8' })
    : spawnSync(command[0] as string, command.slice(1), { encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new SynthFailed(`bench: synth failed (exit ${result.status}):\n${result.stderr}`);
  const rss = timeBin ? Number(result.stderr.trim().split('\n').at(-1)) : undefined;
  return { ms, ...(rss ? { rssKb: rss } : {}) };
}

function bench(runs: number, target: number): number {
  once(); // warm-up: builds the bundle and fills the OS file cache
  const samples = Array.from({ length: runs }, once);
  const times = samples.map((s) => s.ms).sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;
  const peak = Math.max(...samples.map((s) => s.rssKb ?? 0));

  console.log(
    `synth (${command.slice(1).join(' ')}), ${runs} runs: median ${median.toFixed(0)} ms, min ${times[0]?.toFixed(0)} ms, max ${times.at(-1)?.toFixed(0)} ms${peak ? `, peak RSS ${(peak / 1024).toFixed(0)} MiB` : ''}`,
  );
  for (const env of readdirSync('dist').sort()) {
    let files = 0;
    let documents = 0;
    const apps = readdirSync(join('dist', env)).filter((a) => existsSync(join('dist', env, a, 'kustomization.yaml')));
    for (const app of apps) {
      const entries = readdirSync(join('dist', env, app)).filter((f) => f.endsWith('.yaml'));
      files += entries.length;
      documents += entries
        .filter((f) => f !== 'kustomization.yaml')
        .reduce((n, f) => n + readFileSync(join('dist', env, app, f), 'utf8').split(/^---$/m).length, 0);
    }
    console.log(`  dist/${env}: ${apps.length} apps, ${files} files, ${documents} documents`);
  }
  const ok = median < target;
  console.log(`${ok ? 'PASS' : 'FAIL'}: median ${median.toFixed(0)} ms ${ok ? '<' : '>='} target ${target} ms`);
  return ok ? EXIT.ok : EXIT.findings;
}

if (isEntry(import.meta.url)) {
  const options = benchOptions(process.argv.slice(2));
  if ('exitCode' in options) finish(options);
  else {
    try {
      process.exitCode = bench(options.runs, options.target);
    } catch (e) {
      if (!(e instanceof SynthFailed)) throw e;
      finish({ exitCode: EXIT.usage, out: [], err: [e.message] });
    }
  }
}
