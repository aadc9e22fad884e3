/**
 * What a command wrote under a folder: a stamp of every file (inode, size, modification time)
 * before and after, compared. Synth hard-links unchanged files into its new tree, so only files it
 * really rewrote get a new inode or time.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Path → `inode:size:mtime` of every file under a root. */
export type TreeStamp = ReadonlyMap<string, { readonly key: string; readonly size: number }>;

/** Stamps every file under `root`, skipping folders named in `skip` (e.g. `.git`). */
export function stampTree(root: string, skip: readonly string[] = ['.git', 'node_modules']): TreeStamp {
  const out = new Map<string, { key: string; size: number }>();
  const walk = (dir: string, rel: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (skip.includes(name)) continue;
      const path = join(dir, name);
      const st = statSync(path, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(path, `${rel}${name}/`);
      else out.set(`${rel}${name}`, { key: `${st.ino}:${st.size}:${st.mtimeMs}`, size: st.size });
    }
  };
  walk(root, '');
  return out;
}

/** Files new or changed between two stamps, and their bytes. */
export function written(before: TreeStamp, after: TreeStamp): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const [path, now] of after) {
    if (before.get(path)?.key === now.key) continue;
    files++;
    bytes += now.size;
  }
  return { files, bytes };
}
