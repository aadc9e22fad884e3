/**
 * Turns a file-system error into one line a person can act on: which path, what failed, what to do.
 */
import { relative } from 'node:path';

const VERBS: Readonly<Record<string, string>> = {
  open: 'write',
  write: 'write',
  read: 'read',
  rename: 'rename',
  mkdir: 'create folder',
  rmdir: 'remove',
  unlink: 'remove',
  rm: 'remove',
  link: 'link',
  copyfile: 'copy',
  scandir: 'list',
  stat: 'inspect',
  access: 'write to',
  lstat: 'inspect',
  symlink: 'link',
  readlink: 'read link',
};

// Meanings from errno(3) as Node reports them in `error.code`.
const HINTS: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full: free space and run synth again',
  EDQUOT: 'the disk quota is used up: free space and run synth again',
  EACCES: 'permission denied: make the folder writable (chmod u+w) or run synth as its owner',
  EPERM: 'operation not permitted: make the folder writable or run synth as its owner',
  EROFS: 'the file system is read-only: run synth in a writable checkout',
  EMFILE: 'too many open files: raise `ulimit -n` and run synth again',
  ENFILE: 'the system ran out of file handles: run synth again later',
  ENOENT: 'it disappeared while synth ran (is another tool changing the checkout?): run synth again',
  ENOTDIR: 'a file stands where a folder is expected: move it away',
  EISDIR: 'a folder stands where a file is expected: move it away',
  EBUSY: 'it is in use: close what holds it and run synth again',
  EIO: 'the data did not reach the disk intact: check the disk and run synth again',
};

/** Whether `e` looks like a Node file-system error. */
export function isFsError(e: unknown): e is NodeJS.ErrnoException {
  return (
    e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && /^E[A-Z]+$/.test((e as NodeJS.ErrnoException).code!)
  );
}

/**
 * One line for a file-system error, paths shown relative to `cwd`, ending with what state the
 * output was left in (`outcome`).
 */
export function fsFailureLine(e: NodeJS.ErrnoException, cwd: string, outcome: string): string {
  const path = e.path === undefined ? '(unknown path)' : relative(cwd, e.path) || e.path;
  const verb = VERBS[e.syscall ?? ''] ?? e.syscall ?? 'access';
  const hint = HINTS[e.code ?? ''] ?? 'check the path and run synth again';
  return `synth: cannot ${verb} ${path} (${e.code}): ${hint}. ${outcome}`;
}
