/**
 * The benchmark: for today's catalog and each generated size, a scratch repository (git, apps/,
 * dist/, terraform/environments) where synth, `synth --check`, verify and diff run as child
 * processes from the bundles in build/, measured by measure.ts. Today's catalog also goes through
 * `cdk8s synth` for the ratio.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeGeneratedRepo } from './generate-catalog.ts';
import { measure, median, type Command, type Sample } from './measure.ts';

/** The steps measured on every catalog, in order. */
export const STEPS = ['synth', 'synth --check', 'verify', 'diff'] as const;
/** One step. */
export type Step = (typeof STEPS)[number];

/** The median run of one step on one catalog. */
export interface BenchRow {
  readonly catalog: string;
  readonly services: number;
  readonly step: Step | 'cdk8s synth';
  readonly runs: number;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakRssMiB: number;
  readonly files: number;
  readonly bytes: number;
  readonly msPerService: number;
}

/** What the bench was asked to do. */
export interface BenchOptions {
  readonly sizes: readonly number[];
  readonly runs: number;
  readonly cdk8s: boolean;
  /** Repository root holding the bundles and node_modules. @default process.cwd() */
  readonly repoRoot?: string;
  /** Progress lines (stderr). */
  readonly log?: (line: string) => void;
}

/** A child command failed: the benchmark cannot go on. */
export class BenchFailed extends Error {}

const ENTRIES = { synth: 'synth.ts', verify: 'scripts/verify.ts', diff: 'scripts/diff.ts' } as const;

/** Builds the bundles once (scripts/run.mjs rebuilds only what changed) so no timed run pays for esbuild. */
function bundle(repoRoot: string, entry: string): string {
  const r = spawnSync(process.execPath, ['scripts/run.mjs', entry, '--help'], { cwd: repoRoot, encoding: 'utf8' });
  const out = resolve(repoRoot, 'build', entry.replace(/^.*\//, '').replace(/\.ts$/, '.mjs'));
  if (!existsSync(out)) throw new BenchFailed(`bench: could not bundle ${entry}:\n${r.stderr}`);
  return out;
}

function git(cwd: string, args: readonly string[]): void {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new BenchFailed(`bench: git ${args.join(' ')} failed in ${cwd}:\n${r.stderr}`);
}

/** A scratch copy of today's catalog (apps/, dist/ and the Terraform catalogs). */
function copyToday(repoRoot: string, dir: string): number {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(repoRoot, 'apps'), join(dir, 'apps'), { recursive: true });
  cpSync(join(repoRoot, 'dist'), join(dir, 'dist'), { recursive: true });
  const envs = join(repoRoot, 'terraform', 'environments');
  for (const env of readdirSync(envs)) {
    for (const file of ['catalog.json', 'contract.json']) {
      if (!existsSync(join(envs, env, file))) continue;
      mkdirSync(join(dir, 'terraform', 'environments', env), { recursive: true });
      cpSync(join(envs, env, file), join(dir, 'terraform', 'environments', env, file));
    }
  }
  return readdirSync(join(dir, 'apps', 'services')).filter((f) => f.endsWith('.yaml')).length;
}

/** Removes what synth renders, so the next synth writes everything. */
function clearRendered(dir: string): void {
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  const envs = join(dir, 'terraform', 'environments');
  for (const env of readdirSync(envs)) for (const file of ['catalog.json', 'contract.json']) rmSync(join(envs, env, file), { force: true });
}

/** One replica more for the first service: the change `npm run diff` then reports. */
function changeOneService(dir: string): void {
  const services = join(dir, 'apps', 'services');
  const file = join(
    services,
    readdirSync(services)
      .filter((f) => f.endsWith('.yaml'))
      .sort()[0] as string,
  );
  const text = readFileSync(file, 'utf8');
  const next = text.replace(/^replicas: (\d+)$/m, (_m, n: string) => `replicas: ${Number(n) + 1}`);
  if (next === text) throw new BenchFailed(`bench: ${file} has no top-level replicas to change`);
  writeFileSync(file, next);
}

/** Runs the benchmark and returns one row per catalog and step (plus cdk8s synth). */
export function runBench(options: BenchOptions): BenchRow[] {
  const repoRoot = resolve(options.repoRoot ?? process.cwd());
  const log = options.log ?? (() => {});
  const bundles = {
    synth: bundle(repoRoot, ENTRIES.synth),
    verify: bundle(repoRoot, ENTRIES.verify),
    diff: bundle(repoRoot, ENTRIES.diff),
  };
  const env = {
    CRDS_DIR: resolve(repoRoot, process.env.CRDS_DIR ?? '../shared/crds'),
    VERIFY_CACHE_DIR: resolve(repoRoot, process.env.VERIFY_CACHE_DIR ?? 'build/verify-cache'),
    GIT_AUTHOR_NAME: 'bench',
    GIT_AUTHOR_EMAIL: 'bench@example.invalid',
    GIT_COMMITTER_NAME: 'bench',
    GIT_COMMITTER_EMAIL: 'bench@example.invalid',
  };
  const scratchRoot = join(tmpdir(), `fintrack-bench-${process.pid}`);
  const rows: BenchRow[] = [];
  const catalogs: { name: string; size?: number }[] = [
    { name: 'today' },
    ...options.sizes.map((size) => ({ name: `generated-${size}`, size })),
  ];
  try {
    for (const c of catalogs) {
      const dir = join(scratchRoot, c.name);
      const services = c.size === undefined ? copyToday(repoRoot, dir) : (writeGeneratedRepo(dir, c.size, { repoRoot }), c.size);
      const cmd = (bundleFile: string, ...args: string[]): Command => ({ cwd: dir, argv: [process.execPath, bundleFile, ...args], env });
      const must = (step: string, s: Sample, ok: readonly number[] = [0]): Sample => {
        if (!ok.includes(s.exitCode)) throw new BenchFailed(`bench: ${step} on ${c.name} exited ${s.exitCode}:\n${s.stderr}`);
        return s;
      };
      log(`bench: ${c.name} (${services} services)`);
      const sample = (step: Step, run: () => Sample): void => {
        const samples = Array.from({ length: options.runs }, run);
        const m = median(samples);
        rows.push({
          catalog: c.name,
          services,
          step,
          runs: samples.length,
          wallMs: m.wallMs,
          cpuMs: m.cpuMs,
          peakRssMiB: Math.max(...samples.map((s) => s.peakRssMiB)),
          files: m.files,
          bytes: m.bytes,
          msPerService: m.wallMs / services,
        });
        log(`  ${step}: ${(m.wallMs / 1000).toFixed(2)} s`);
      };
      // The first synth runs cold (no YAML memo in the scratch build/), like a fresh clone.
      sample('synth', () => {
        clearRendered(dir);
        return must('synth', measure(cmd(bundles.synth), repoRoot));
      });
      // Base commit for diff: the rendered catalog.
      git(dir, ['init', '-q', '-b', 'main']);
      git(dir, ['add', '-A']);
      git(dir, ['commit', '-q', '-m', 'base']);
      sample('synth --check', () => must('synth --check', measure(cmd(bundles.synth, '--check'), repoRoot)));
      sample('verify', () => must('verify', measure(cmd(bundles.verify), repoRoot)));
      changeOneService(dir);
      must('synth (one service changed)', measure(cmd(bundles.synth), repoRoot));
      sample('diff', () => must('diff', measure(cmd(bundles.diff, '--base', 'HEAD'), repoRoot)));
      rmSync(dir, { recursive: true, force: true });
    }
    if (options.cdk8s) rows.push(cdk8sRow(repoRoot, options.runs, log));
  } finally {
    rmSync(scratchRoot, { recursive: true, force: true });
  }
  return rows;
}

/** Today's catalog through the cdk8s CLI with this repo's cdk8s.yaml (it writes build/cdk8s.out). */
function cdk8sRow(repoRoot: string, runs: number, log: (line: string) => void): BenchRow {
  const services = readdirSync(join(repoRoot, 'apps', 'services')).filter((f) => f.endsWith('.yaml')).length;
  const cli = join(repoRoot, 'node_modules', '.bin', 'cdk8s');
  const samples = Array.from({ length: runs }, () => {
    const s = measure(
      { cwd: repoRoot, argv: [cli, 'synth', '--no-check-upgrade'], writesUnder: join(repoRoot, 'build', 'cdk8s.out') },
      repoRoot,
    );
    if (s.exitCode !== 0) throw new BenchFailed(`bench: cdk8s synth exited ${s.exitCode}:\n${s.stderr}`);
    return s;
  });
  const m = median(samples);
  log(`bench: cdk8s synth (today): ${(m.wallMs / 1000).toFixed(2)} s`);
  return {
    catalog: 'today',
    services,
    step: 'cdk8s synth',
    runs,
    wallMs: m.wallMs,
    cpuMs: m.cpuMs,
    peakRssMiB: Math.max(...samples.map((s) => s.peakRssMiB)),
    files: m.files,
    bytes: m.bytes,
    msPerService: m.wallMs / services,
  };
}
