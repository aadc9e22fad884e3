/**
 * Temporary copies of the repo's catalog and dist/ for tests that must not touch the real ones.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
  /** Writes a file under the workspace. */
  write(file: string, content: string): void;
  /** Reads a file under the workspace. */
  read(file: string): string;
  /** A new workspace with a copy of everything in this one. */
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
      writeFileSync(path(file), after);
    },
    write(file, content) {
      writeFileSync(path(file), content);
    },
    read(file) {
      return readFileSync(path(file), 'utf8');
    },
    clone() {
      const copy = mkdtempSync(join(tmpdir(), 'fintrack-'));
      cpSync(root, copy, { recursive: true });
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
