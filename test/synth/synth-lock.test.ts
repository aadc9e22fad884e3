/**
 * The dist/ lock: one holder at a time, a second synth waits (then gives up with a clear message),
 * and what a killed synth left is taken over.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, LockHeldError } from '../../scripts/synth/synth-lock.ts';

let dir: string;
let lock: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fintrack-lock-'));
  lock = join(dir, '.dist.synth-lock');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid as number;

describe('acquireLock', () => {
  it('gives up after waiting while another holder keeps it, then succeeds once released', () => {
    const first = acquireLock(lock, 0, 'lock');
    expect(() => acquireLock(lock, 100, 'lock')).toThrow(LockHeldError);
    expect(() => acquireLock(lock, 100, 'lock')).toThrow(
      /^lock: another synth \(pid \d+ on .+, started .+\) is writing dist\/; waited 0 s\./,
    );
    first.release();
    expect(existsSync(lock)).toBe(false);
    const second = acquireLock(lock, 0, 'lock');
    expect(second.notes).toEqual([]);
    second.release();
  });

  it('waits for a holder in another process and then takes the lock', async () => {
    // GIVEN another process that holds the lock for a moment
    const holder = spawn(process.execPath, [
      '-e',
      `const fs = require('fs'); fs.writeFileSync(${JSON.stringify(lock)}, JSON.stringify({ pid: process.pid, host: require('os').hostname(), started: 'now' })); console.log('held'); setTimeout(() => fs.rmSync(${JSON.stringify(lock)}), 400);`,
    ]);
    await new Promise((resolve) => holder.stdout.once('data', resolve));
    // WHEN this process asks for it, THEN it waits and gets it
    const taken = acquireLock(lock, 10_000, 'lock');
    expect(taken.notes).toEqual([`waited for another synth (pid ${holder.pid}) to finish`]);
    taken.release();
  });

  it('takes over a lock whose process is gone, and removes its private file', () => {
    const pid = deadPid();
    writeFileSync(lock, JSON.stringify({ pid, host: hostname(), started: 'earlier' }));
    writeFileSync(`${lock}.${pid}`, 'left by a killed synth');
    const taken = acquireLock(lock, 0, 'lock');
    expect(taken.notes).toEqual([`took over a stale lock lock (pid ${pid} is gone)`]);
    expect(existsSync(`${lock}.${pid}`)).toBe(false);
    taken.release();
  });

  it('keeps waiting on a live holder from another host (it cannot tell whether it is gone)', () => {
    writeFileSync(lock, JSON.stringify({ pid: deadPid(), host: `${hostname()}-other`, started: 'earlier' }));
    expect(() => acquireLock(lock, 50, 'lock')).toThrow(LockHeldError);
  });
});
