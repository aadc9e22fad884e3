/**
 * `npm run bench`: synth wall time (median of N runs after a warm-up) and peak memory, plus what
 * dist/ holds per environment. Targets are checked here, not in timed tests.
 *
 *   npm run bench -- [--runs 5] [--target-ms 1000]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, 'target-ms': { type: 'string', default: '1000' } } });
const runs = Number(values.runs);
const target = Number(values['target-ms']);
const command = [process.execPath, 'scripts/run.mjs', 'synth.ts'];
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function once(): { ms: number; rssKb?: number } {
  const started = performance.now();
  const result = timeBin
    ? spawnSync(timeBin, ['-f', '%M', ...command], { encoding: 'utf8' })
    : spawnSync(command[0] as string, command.slice(1), { encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`synth failed:\n${result.stderr}`);
  const rss = timeBin ? Number(result.stderr.trim().split('\n').at(-1)) : undefined;
  return { ms, ...(rss ? { rssKb: rss } : {}) };
}

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
process.exitCode = ok ? 0 : 1;
