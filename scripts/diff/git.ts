/**
 * The few git reads the diff needs: resolve the base, list dist/ at a ref, read many blobs at once.
 * Every listing is one `git` call and every batch of reads is one `git cat-file --batch`, so a
 * 500-file dist/ costs three processes, not five hundred.
 */
import { spawnSync } from 'node:child_process';

/** Runs git in `cwd`; returns trimmed stdout, or `undefined` when git exits non-zero. */
function gitOutput(cwd: string, args: readonly string[]): string | undefined {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Runs git in `cwd`; throws with git's own message when it fails. */
function git(cwd: string, args: readonly string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${(r.stderr || r.error?.message || '').trim()}`);
  return r.stdout;
}

/** A base ref and the commit it names. */
export interface ResolvedBase {
  /** What the user asked for, or how the default was found. */
  readonly label: string;
  /** Full commit id. */
  readonly commit: string;
}

/**
 * Resolves the base to compare against: `ref` when given, otherwise `git merge-base HEAD main`
 * (then `origin/main`, for CI clones without a local main), falling back to HEAD.
 */
export function resolveBase(cwd: string, ref?: string): ResolvedBase {
  if (ref !== undefined) {
    const commit = gitOutput(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    if (commit === undefined) throw new Error(`unknown base ref "${ref}"`);
    return { label: ref, commit };
  }
  for (const main of ['main', 'origin/main']) {
    const commit = gitOutput(cwd, ['merge-base', 'HEAD', main]);
    if (commit) return { label: `merge-base HEAD ${main}`, commit };
  }
  const head = gitOutput(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (head === undefined) throw new Error('no base: the repository has no commits yet');
  return { label: 'HEAD', commit: head };
}

/** Paths of every file under `dir` at `commit` (one `git ls-tree` call). */
export function listFiles(cwd: string, commit: string, dir: string): string[] {
  const out = git(cwd, ['ls-tree', '-r', '--name-only', '--full-tree', commit, '--', dir]);
  return out.split('\n').filter((line) => line.length > 0);
}

/** Reads every `path` at `commit` with one `git cat-file --batch`; missing paths are left out. */
export function readFiles(cwd: string, commit: string, paths: readonly string[]): Map<string, string> {
  const files = new Map<string, string>();
  if (paths.length === 0) return files;
  const r = spawnSync('git', ['cat-file', '--batch'], {
    cwd,
    input: paths.map((p) => `${commit}:${p}\n`).join(''),
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`git cat-file --batch failed: ${r.stderr.toString().trim()}`);
  const out = r.stdout;
  let at = 0;
  for (const path of paths) {
    const eol = out.indexOf(0x0a, at);
    const header = out.toString('utf8', at, eol);
    at = eol + 1;
    if (header.endsWith(' missing')) continue;
    const size = Number(header.split(' ')[2]);
    files.set(path, out.toString('utf8', at, at + size));
    at += size + 1;
  }
  return files;
}
