/**
 * The file-system operations the dist/ transaction performs, as one small interface, so tests can
 * inject faults (a full disk, a read-only folder, a crash at step N) without touching the real
 * disk's behaviour. {@link NODE_WRITER_FS} is the real thing.
 */
import {
  accessSync,
  constants,
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmdirSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
  type Dirent,
} from 'node:fs';
import { join } from 'node:path';

/** Synchronous file operations used by the writer; every mutating one may fail with an errno error. */
export interface WriterFs {
  /** Entries of a folder, with their types. */
  readonly readdir: (path: string) => Dirent[];
  /** Creates a folder and its parents. */
  readonly mkdir: (path: string) => void;
  /** Creates one folder whose parent exists (cheaper than {@link WriterFs.mkdir}). */
  readonly mkdirOne: (path: string) => void;
  /** Adds a second name for an existing file (hard link). */
  readonly link: (existing: string, path: string) => void;
  /** Copies a file (a reflink where the file system offers one). */
  readonly copyFile: (from: string, to: string) => void;
  /** Recreates a symbolic link. */
  readonly symlink: (target: string, path: string) => void;
  /** Target of a symbolic link. */
  readonly readlink: (path: string) => string;
  /** Writes a whole file. */
  readonly writeFile: (path: string, data: string) => void;
  /** Reads a whole file as UTF-8. */
  readonly readFile: (path: string) => string;
  /** Renames a file or folder (atomic within one file system). */
  readonly rename: (from: string, to: string) => void;
  /** Removes a file or a folder tree; absent paths are fine. */
  readonly rm: (path: string) => void;
  /** Whether a path exists (a dangling symlink does not). */
  readonly exists: (path: string) => boolean;
  /** Size in bytes of a file. */
  readonly size: (path: string) => number;
  /** Throws (EACCES, EROFS) unless entries may be added to and removed from folder `path`. */
  readonly assertWritable: (path: string) => void;
}

/**
 * Removes a file or folder tree. A walk with typed directory entries is several times faster than
 * `rmSync(..., { recursive: true })`, which inspects every entry again before removing it.
 */
function removeTree(path: string): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(path, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') return unlinkSync(path);
    throw e;
  }
  for (const entry of entries) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) removeTree(child);
    else unlinkSync(child);
  }
  rmdirSync(path);
}

/** The real file system. */
export const NODE_WRITER_FS: WriterFs = {
  readdir: (path) => readdirSync(path, { withFileTypes: true }),
  mkdir: (path) => void mkdirSync(path, { recursive: true }),
  mkdirOne: (path) => mkdirSync(path),
  link: (existing, path) => linkSync(existing, path),
  copyFile: (from, to) => copyFileSync(from, to, constants.COPYFILE_FICLONE),
  symlink: (target, path) => symlinkSync(target, path),
  readlink: (path) => readlinkSync(path),
  writeFile: (path, data) => writeFileSync(path, data),
  readFile: (path) => readFileSync(path, 'utf8'),
  rename: (from, to) => renameSync(from, to),
  rm: (path) => removeTree(path),
  exists: (path) => existsSync(path),
  size: (path) => statSync(path).size,
  assertWritable: (path) => accessSync(path, constants.W_OK),
};
