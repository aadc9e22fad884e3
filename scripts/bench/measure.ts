/**
 * Runs one command as a child process and measures it: wall time, CPU time (user + system, summed
 * over every Node process of the command, from probe.mjs), peak RSS (the largest of them), and the
 * files and bytes it wrote under the folder it runs in.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stampTree, written } from './tree-stamp.ts';

/** One measured run. */
export interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakRssMiB: number;
  readonly files: number;
  readonly bytes: number;
  readonly exitCode: number;
  readonly stderr: string;
}

/** A command to measure. */
export interface Command {
  readonly cwd: string;
  readonly argv: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Folder whose writes are counted. @default cwd */
  readonly writesUnder?: string;
}

/** The preload that reports each Node process's resource usage. */
export function probeFile(repoRoot: string): string {
  return resolve(repoRoot, 'scripts', 'bench', 'probe.mjs');
}

/** Runs `command` once (its working folder is where writes are counted) and measures it. */
export function measure(command: Command, repoRoot: string): Sample {
  const probes = mkdtempSync(join(tmpdir(), 'fintrack-bench-'));
  try {
    const before = stampTree(command.writesUnder ?? command.cwd);
    const nodeOptions = `${process.env.NODE_OPTIONS ?? ''} --import=${pathToFileURL(probeFile(repoRoot)).href}`.trim();
    const started = performance.now();
    const r = spawnSync(command.argv[0] as string, command.argv.slice(1), {
      cwd: command.cwd,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, ...command.env, NODE_OPTIONS: nodeOptions, FINTRACK_BENCH_PROBE_DIR: probes },
    });
    const wallMs = performance.now() - started;
    const usage = readdirSync(probes).map(
      (f) => JSON.parse(readFileSync(join(probes, f), 'utf8')) as { userUs: number; systemUs: number; maxRssKb: number },
    );
    const w = written(before, stampTree(command.writesUnder ?? command.cwd));
    return {
      wallMs,
      cpuMs: usage.reduce((n, u) => n + (u.userUs + u.systemUs) / 1000, 0),
      peakRssMiB: usage.reduce((n, u) => Math.max(n, u.maxRssKb / 1024), 0),
      files: w.files,
      bytes: w.bytes,
      exitCode: r.status ?? -1,
      stderr: r.stderr ?? String(r.error ?? ''),
    };
  } finally {
    rmSync(probes, { recursive: true, force: true });
  }
}

/** The median sample by wall time (the upper middle one for an even count). */
export function median(samples: readonly Sample[]): Sample {
  const sorted = [...samples].sort((a, b) => a.wallMs - b.wallMs);
  return sorted[Math.floor(sorted.length / 2)] as Sample;
}
