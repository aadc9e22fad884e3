/**
 * Switches dist/ (and the Terraform catalogs synth writes beside it) from the old tree to the new
 * one so that an interruption at any point leaves, after the next synth's recovery, either the
 * whole old or the whole new state, never a mix.
 *
 * 1. stage: a full new tree is built in `.dist.synth-staging/` next to dist/: files that do not
 *    change are hard-linked from dist/ (copied where links are refused), changed files are written,
 *    stale owned files left out; files synth does not own (`.argocd-source-*`, notes) come along.
 *    The staging tree is then checked against the plan (every name, every written size).
 *    Changed Terraform catalogs are written as `<file>.synth-new` beside their targets.
 * 2. commit: a journal `.dist.synth-commit.json` naming the renames still to do is written to a
 *    temporary name and renamed into place. Before this rename nothing visible changed; after it
 *    the new state wins.
 * 3. switch: dist/ → `.dist.synth-old/`, staging → dist/, each `<file>.synth-new` → `<file>`,
 *    journal removed, old tree removed.
 *
 * Recovery (every synth, under the lock, before reading dist/): with a journal, the remaining
 * renames of step 3 are redone (roll forward); without one, staging leftovers are removed (roll
 * back). Node has no atomic exchange of two folders (renameat2 RENAME_EXCHANGE is not exposed),
 * so between the two renames of step 3 dist/ is briefly absent while both whole trees exist beside
 * it; the journal tells the next run which one to put back.
 */
import { basename, dirname, join, relative, sep } from 'node:path';
import { NODE_WRITER_FS, type WriterFs } from './writer-fs.ts';

/** Suffix of a per-file temporary the pre-transaction writer left when it was killed. */
export const LEGACY_TMP_SUFFIX = '.synth-tmp';
/** Suffix of a staged Terraform catalog awaiting its rename. */
export const STAGED_SUFFIX = '.synth-new';

/** The sidecar paths of a dist folder: all siblings of it, so renames stay on one file system. */
export interface DistSidecars {
  /** The new tree while it is built. */
  readonly staging: string;
  /** The old tree between the switch and its removal. */
  readonly old: string;
  /** The commit record. */
  readonly journal: string;
  /** The commit record before it is renamed into place. */
  readonly journalTmp: string;
  /** The lock file (see `synth-lock.ts`). */
  readonly lock: string;
}

/** Sidecar paths of `dist` (e.g. `.dist.synth-staging` next to `dist`). */
export function sidecars(dist: string): DistSidecars {
  const at = (suffix: string): string => join(dirname(dist), `.${basename(dist)}.${suffix}`);
  return {
    staging: at('synth-staging'),
    old: at('synth-old'),
    journal: at('synth-commit.json'),
    journalTmp: at('synth-commit.json.tmp'),
    lock: at('synth-lock'),
  };
}

/** What one synth changes. */
export interface DistChange {
  /** Files under dist/ to write (path → content); unchanged files are left out. */
  readonly writes: ReadonlyMap<string, string>;
  /** Files under dist/ to remove. */
  readonly deletes: readonly string[];
  /** Files outside dist/ (the Terraform catalogs) to write (path → content). */
  readonly outside: ReadonlyMap<string, string>;
}

/** Named points of a commit, reported to {@link TransactionOptions.onStep} (tests stop there). */
export type TransactionStep = 'staged' | 'committed' | 'old-moved' | 'switched' | 'outside-renamed' | 'done';

/** Options of {@link commitDist} and {@link recoverDist}. */
export interface TransactionOptions {
  /** File operations. @default NODE_WRITER_FS */
  readonly fs?: WriterFs;
  /** Called after each named step (a test hook). @default - nothing */
  readonly onStep?: (step: TransactionStep) => void;
}

interface Journal {
  readonly version: 1;
  /** Whether the staging tree replaces dist/. */
  readonly switchDist: boolean;
  /** Renames still to do: [staged file, target]. */
  readonly outside: readonly (readonly [string, string])[];
}

const isUnder = (root: string, path: string): boolean => path.startsWith(root + sep);

/** Applies `change` as one transaction (see the file comment). Throws the first file-system error. */
export function commitDist(dist: string, change: DistChange, options: TransactionOptions = {}): void {
  const fs = options.fs ?? NODE_WRITER_FS;
  const step = options.onStep ?? ((): void => undefined);
  const paths = sidecars(dist);
  const switchDist = change.writes.size > 0 || change.deletes.length > 0;
  const staged: (readonly [string, string])[] = [];
  try {
    if (switchDist) stageTree(fs, dist, paths.staging, change);
    for (const [target, content] of change.outside) {
      // Recorded before writing, so a half-written file is removed by the cleanup below too.
      staged.push([target + STAGED_SUFFIX, target]);
      fs.mkdir(dirname(target));
      fs.writeFile(target + STAGED_SUFFIX, content);
      if (fs.size(target + STAGED_SUFFIX) !== Buffer.byteLength(content)) throw incomplete(target + STAGED_SUFFIX);
    }
    step('staged');
    const journal: Journal = { version: 1, switchDist, outside: staged };
    fs.writeFile(paths.journalTmp, JSON.stringify(journal));
    fs.rename(paths.journalTmp, paths.journal);
  } catch (e) {
    // Not committed: remove what was staged, best effort (a dead disk fails here too; the next run
    // removes the rest). The original error is the one to report.
    for (const p of [paths.staging, paths.journalTmp, ...staged.map(([from]) => from)]) {
      try {
        fs.rm(p);
      } catch {
        // reported by the next run's recovery
      }
    }
    throw e;
  }
  step('committed');
  finish(fs, dist, paths, { version: 1, switchDist, outside: staged }, step);
}

/** Step 3: the renames after the commit point. Each is skipped when a previous run did it already. */
function finish(fs: WriterFs, dist: string, paths: DistSidecars, journal: Journal, step: (s: TransactionStep) => void): void {
  if (journal.switchDist && fs.exists(paths.staging)) {
    if (fs.exists(dist)) {
      fs.rm(paths.old);
      fs.rename(dist, paths.old);
    }
    step('old-moved');
    fs.rename(paths.staging, dist);
  }
  step('switched');
  for (const [from, to] of journal.outside) if (fs.exists(from)) fs.rename(from, to);
  step('outside-renamed');
  fs.rm(paths.journal);
  fs.rm(paths.old);
  step('done');
}

function incomplete(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`staged file is incomplete: ${path}`), { code: 'EIO', syscall: 'write', path });
}

/** Builds the new tree in `staging` (legacy temporaries are never carried over). */
function stageTree(fs: WriterFs, dist: string, staging: string, change: DistChange): void {
  fs.rm(staging);
  fs.mkdir(staging);
  const skip = new Set<string>([...change.writes.keys(), ...change.deletes]);
  const expected = new Set<string>();
  const walk = (dir: string): void => {
    // The old tree is removed after the switch: a folder in it that cannot be emptied (read-only)
    // must stop synth now, while nothing has changed, not after the commit.
    fs.assertWritable(dir);
    for (const entry of fs.readdir(dir)) {
      const from = join(dir, entry.name);
      const to = join(staging, relative(dist, from));
      if (entry.isDirectory()) {
        fs.mkdirOne(to);
        expected.add(to);
        walk(from);
      } else if (entry.name.endsWith(LEGACY_TMP_SUFFIX) || skip.has(from)) {
        continue;
      } else if (entry.isSymbolicLink()) {
        fs.symlink(fs.readlink(from), to);
        expected.add(to);
      } else if (entry.isFile()) {
        linkOrCopy(fs, from, to);
        expected.add(to);
      }
    }
  };
  if (fs.exists(dist)) walk(dist);
  for (const [path, content] of change.writes) {
    if (!isUnder(dist, path)) throw new Error(`internal: ${path} is not under ${dist}`);
    const to = join(staging, relative(dist, path));
    fs.mkdir(dirname(to));
    for (let d = dirname(to); d !== staging; d = dirname(d)) expected.add(d);
    fs.writeFile(to, content);
    if (fs.size(to) !== Buffer.byteLength(content)) throw incomplete(to);
    expected.add(to);
  }
  // A folder whose owned files were all deleted goes too (as before), unless something else remains.
  for (const path of change.deletes) {
    const dir = join(staging, relative(dist, dirname(path)));
    if (fs.exists(dir) && fs.readdir(dir).length === 0) {
      fs.rm(dir);
      expected.delete(dir);
    }
  }
  verifyStaged(fs, staging, expected);
}

function linkOrCopy(fs: WriterFs, from: string, to: string): void {
  try {
    fs.link(from, to);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // File systems without hard links (or hardened link rules) still allow a copy.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'EMLINK' && code !== 'EOPNOTSUPP') throw e;
    fs.copyFile(from, to);
  }
}

/** The staging tree holds exactly the expected names (a lost or extra entry aborts the commit). */
function verifyStaged(fs: WriterFs, staging: string, expected: ReadonlySet<string>): void {
  const found = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdir(dir)) {
      const p = join(dir, entry.name);
      found.add(p);
      if (entry.isDirectory()) walk(p);
    }
  };
  walk(staging);
  const missing = [...expected].filter((p) => !found.has(p));
  const extra = [...found].filter((p) => !expected.has(p));
  if (missing.length > 0 || extra.length > 0) throw incomplete(missing[0] ?? extra[0] ?? staging);
}

/** What an interrupted synth left, as the next run finds it. */
export interface Leftovers {
  /** Whether a committed journal is waiting to be finished (roll forward). */
  readonly committed: boolean;
  /** Every leftover path (sidecars, staged outside files, legacy temporaries). */
  readonly paths: readonly string[];
}

/** Finds what an interrupted synth left next to and under `dist` and in `outsideDirs`; changes nothing. */
export function findLeftovers(dist: string, outsideDirs: readonly string[], fs: WriterFs = NODE_WRITER_FS): Leftovers {
  const paths = sidecars(dist);
  const found = [paths.journal, paths.journalTmp, paths.staging, paths.old].filter((p) => fs.exists(p));
  const scan = (dir: string, deep: boolean): void => {
    for (const e of fs.readdir(dir)) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (deep) scan(p, deep);
      } else if (e.name.endsWith(LEGACY_TMP_SUFFIX) || (!deep && e.name.endsWith(STAGED_SUFFIX))) found.push(p);
    }
  };
  if (fs.exists(dist)) scan(dist, true);
  for (const dir of outsideDirs) if (fs.exists(dir)) scan(dir, false);
  return { committed: fs.exists(paths.journal), paths: found };
}

/** What {@link recoverDist} did. */
export interface Recovery {
  /**
   * `forward`: a committed synth was finished; `back`: an uncommitted one was undone; `cleanup`: a
   * finished synth's old tree (or legacy temporaries) removed.
   */
  readonly direction: 'forward' | 'back' | 'cleanup';
  /** The leftovers it found (now gone). */
  readonly paths: readonly string[];
}

/**
 * Brings dist/ and the outside files back to one whole state after an interrupted synth; returns
 * undefined when there was nothing to do.
 */
export function recoverDist(dist: string, outsideDirs: readonly string[], options: TransactionOptions = {}): Recovery | undefined {
  const fs = options.fs ?? NODE_WRITER_FS;
  const paths = sidecars(dist);
  const left = findLeftovers(dist, outsideDirs, fs);
  if (left.paths.length === 0) return undefined;
  const distMissing = !fs.exists(dist);
  if (left.committed) {
    finish(fs, dist, paths, JSON.parse(fs.readFile(paths.journal)) as Journal, () => undefined);
  } else {
    fs.rm(paths.staging);
    fs.rm(paths.journalTmp);
    if (fs.exists(paths.old)) {
      // No journal but an old tree: the removal after a finished switch was interrupted (dist/
      // exists: drop the old copy), or dist/ itself was lost (put the old one back).
      if (fs.exists(dist)) fs.rm(paths.old);
      else fs.rename(paths.old, dist);
    }
  }
  // Staged outside files not named by a journal, and the old writer's per-file temporaries.
  for (const p of left.paths) if ((p.endsWith(STAGED_SUFFIX) || p.endsWith(LEGACY_TMP_SUFFIX)) && fs.exists(p)) fs.rm(p);
  const undone = distMissing || left.paths.some((p) => p === paths.staging || p === paths.journalTmp || p.endsWith(STAGED_SUFFIX));
  return { direction: left.committed ? 'forward' : undone ? 'back' : 'cleanup', paths: left.paths };
}
