/**
 * A snapshot of dist/: file path (relative to the repository root) → contents, either at a git
 * commit or in the working tree (so uncommitted and untracked output counts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { listFiles, readFiles } from './git.ts';

/** dist/ file path → file contents. */
export type Snapshot = ReadonlyMap<string, string>;

/** dist/ as committed at `commit`. */
export function snapshotAt(cwd: string, commit: string, dist: string): Snapshot {
  return readFiles(cwd, commit, listFiles(cwd, commit, dist));
}

/** dist/ as it is on disk under `cwd`; an absent folder is an empty snapshot. */
export function snapshotOfWorkingTree(cwd: string, dist: string): Snapshot {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.set(relative(cwd, path).split(sep).join('/'), readFileSync(path, 'utf8'));
    }
  };
  walk(join(cwd, dist));
  return files;
}
