/**
 * Temporary copies of the repo's catalog and dist/ for tests that must not touch the real ones.
 */
import { cpSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/** A scratch folder with `apps/`, `dist/` and `terraform/` copied from the repo. */
export interface Workspace {
  readonly root: string;
  readonly apps: string;
  readonly dist: string;
  readonly terraform: string;
  /** Replaces `search` with `replace` in a file under the workspace (fails if absent). */
  edit(file: string, search: string | RegExp, replace: string): void;
  /** Writes a file under the workspace (a new file replaces the old one: clones share unchanged files). */
  write(file: string, content: string | Uint8Array): void;
  /** Reads a file under the workspace. */
  read(file: string): string;
  /**
   * A new workspace with everything in this one, its files hard-linked: cheap, and safe because
   * `edit` and `write` replace a file instead of writing into it (and synth replaces, never rewrites).
   */
  clone(): Workspace;
  /** Removes the workspace. */
  dispose(): void;
}

/** Copies the repo's catalog (and optionally dist/) into a new scratch folder. */
export function workspace(options: { withDist?: boolean } = {}): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'fintrack-'));
  cpSync('apps', join(root, 'apps'), { recursive: true });
  if (options.withDist) cpSync('dist', join(root, 'dist'), { recursive: true });
  return at(root);
}

/** Recreates the folder tree of `from` under `to`, hard-linking every file. */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const [src, dst] = [join(from, entry.name), join(to, entry.name)];
    if (entry.isDirectory()) linkTree(src, dst);
    else if (entry.isSymbolicLink()) cpSync(src, dst, { verbatimSymlinks: true });
    else linkSync(src, dst);
  }
}

/** Replaces a file: a new inode, so hard-linked copies keep the old bytes. */
function replaceFile(path: string, content: string | Uint8Array): void {
  const tmp = `${path}.fixture-tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

function at(root: string): Workspace {
  const path = (file: string): string => join(root, file);
  return {
    root,
    apps: path('apps'),
    dist: path('dist'),
    terraform: path('terraform'),
    edit(file, search, replace) {
      const before = readFileSync(path(file), 'utf8');
      const after = before.replace(search, replace);
      if (after === before) throw new Error(`fixture edit found nothing to replace in ${file}: ${String(search)}`);
      replaceFile(path(file), after);
    },
    write(file, content) {
      replaceFile(path(file), content);
    },
    read(file) {
      return readFileSync(path(file), 'utf8');
    },
    clone() {
      const copy = mkdtempSync(join(tmpdir(), 'fintrack-'));
      linkTree(root, copy);
      return at(copy);
    },
    dispose() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A digest of every file under `dir` (paths and bytes), to prove a folder did not change. */
export function treeDigest(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else hash.update(relative(dir, p)).update('\0').update(readFileSync(p)).update('\0');
    }
  };
  walk(dir);
  return hash.digest('hex');
}
