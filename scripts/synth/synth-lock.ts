/**
 * One synth at a time per dist/ folder: an exclusive lock file holding the owner's pid, host and
 * start time. A second synth waits for it; a lock whose process is gone (same host) is stale and
 * taken over.
 */
import { linkSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** Thrown when the lock stays held longer than the caller waits. */
export class LockHeldError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'LockHeldError';
  }
}

/** A held lock. */
export interface SynthLock {
  /** Notes for the user (e.g. a stale lock was taken over). */
  readonly notes: readonly string[];
  /** Releases the lock (idempotent). */
  release(): void;
}

interface Owner {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
}

/** Whether process `pid` exists on this host. */
function alive(pid: number): boolean {
  try {
    // Signal 0 checks existence only (Node's process.kill; kill(2) with sig 0 "no signal is sent").
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): Owner | undefined {
  try {
    const o = JSON.parse(readFileSync(path, 'utf8')) as Partial<Owner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' ? { pid: o.pid, host: o.host, started: String(o.started) } : undefined;
  } catch {
    return undefined;
  }
}

/** Removes `<lock>.<pid>` files of processes killed between writing them and taking the lock. */
function removeDeadPrivateFiles(path: string): void {
  const prefix = `${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    const pid = name.startsWith(prefix) ? Number(name.slice(prefix.length)) : NaN;
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) rmSync(join(dirname(path), name), { force: true });
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number): void => void Atomics.wait(pause, 0, 0, ms);

/**
 * Takes the lock at `path`, waiting up to `waitMs` for another synth to finish.
 * @throws LockHeldError when it is still held after `waitMs`
 */
export function acquireLock(path: string, waitMs: number, shown: string = path): SynthLock {
  const me: Owner = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  // The content is written first under a private name and then hard-linked to the lock name:
  // link(2) fails with EEXIST when the name exists, so the lock appears atomically and never empty.
  const mine = `${path}.${process.pid}`;
  removeDeadPrivateFiles(path);
  writeFileSync(mine, `${JSON.stringify(me)}\n`);
  const notes: string[] = [];
  const deadline = Date.now() + waitMs;
  let waited = false;
  try {
    for (;;) {
      try {
        linkSync(mine, path);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const owner = readOwner(path);
      if (owner === undefined || (owner.host === me.host && !alive(owner.pid))) {
        // Stale: its synth was killed. A racing synth may take it over first; the link decides.
        // Re-read just before removing so a lock another synth took over meanwhile is kept.
        const now = readOwner(path);
        if (now?.pid === owner?.pid && now?.started === owner?.started) rmSync(path, { force: true });
        notes.push(`took over a stale lock ${shown}${owner ? ` (pid ${owner.pid} is gone)` : ' (unreadable)'}`);
        continue;
      }
      if (Date.now() >= deadline) {
        throw new LockHeldError(
          `${shown}: another synth (pid ${owner.pid} on ${owner.host}, started ${owner.started}) is writing dist/; waited ${Math.round(waitMs / 1000)} s. Let it finish and run synth again, or delete ${shown} if no synth is running.`,
        );
      }
      if (!waited) notes.push(`waited for another synth (pid ${owner.pid}) to finish`);
      waited = true;
      sleep(50);
    }
  } finally {
    rmSync(mine, { force: true });
  }
  let held = true;
  return {
    notes,
    release(): void {
      if (!held) return;
      held = false;
      // Only remove our own lock: a stale-lock takeover by another process must not be undone.
      if (readOwner(path)?.pid === me.pid) rmSync(path, { force: true });
    },
  };
}
