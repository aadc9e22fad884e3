/**
 * Synth under file-system faults and concurrency, end to end: an injected full disk or read-only
 * folder, a real SIGKILL between the two renames of the switch, and two synth processes at once.
 * Each time dist/ and the Terraform catalogs end up whole: the old state or the new one.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sidecars } from '../../scripts/synth/dist-transaction.ts';
import { synth } from '../../scripts/synth/synth-command.ts';
import { NODE_WRITER_FS, type WriterFs } from '../../scripts/synth/writer-fs.ts';
import { faultyFs } from '../support/faulty-fs.ts';
import { treeDigest, workspace, type Workspace } from '../support/fixture.ts';

const SERVICE = 'apps/services/reconciliation-service.yaml';

/** dist/ and terraform/ together. */
const state = (ws: Workspace): string => `${existsSync(ws.dist) ? treeDigest(ws.dist) : 'no dist'}|${treeDigest(ws.terraform)}`;

let base: Workspace;
let oldState: string;
let newState: string;

/** A rendered workspace whose catalog has one change not yet synthesized. */
function changed(): Workspace {
  const ws = base.clone();
  ws.edit(SERVICE, 'cpuUtilization: 65', 'cpuUtilization: 66');
  return ws;
}

beforeAll(() => {
  base = workspace();
  expect(synth({ cwd: base.root }).exitCode).toBe(0);
  oldState = state(base);
  const done = changed();
  expect(synth({ cwd: done.root }).exitCode).toBe(0);
  newState = state(done);
  done.dispose();
  expect(newState).not.toBe(oldState);
});
afterAll(() => base.dispose());

/** Starts `npm run synth` (the bundled entry point) as a separate process on `ws`. */
function startSynth(ws: Workspace, env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['scripts/run.mjs', 'synth.ts', '--apps', ws.apps, '--dist', ws.dist, '--terraform', ws.terraform], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves with the stderr text once it contains `marker`. */
function waitFor(child: ChildProcess, marker: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes(marker)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`synth exited (${code}) before "${marker}": ${err}`)));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('synth under faults', () => {
  it('fails with one line and leaves everything as it was when the disk is full', () => {
    // GIVEN a change to render and a disk that fills up at the 40th file operation
    const ws = changed();
    try {
      // WHEN synth runs
      const result = synth({ cwd: ws.root, fs: faultyFs({ at: 40, code: 'ENOSPC' }) });
      // THEN one actionable line, exit 1, and dist/ and terraform/ unchanged with nothing left over
      expect(result.exitCode).toBe(1);
      expect(result.err).toHaveLength(1);
      expect(result.err[0]).toMatch(
        /^synth: cannot \S+ \S+ \(ENOSPC\): the disk is full: free space and run synth again\. dist\/ and the Terraform catalogs were left as they were\.$/,
      );
      expect(state(ws)).toBe(oldState);
      expect(synth({ cwd: ws.root, check: true }).err[0]).toMatch(/^dist\/ is stale/);
    } finally {
      ws.dispose();
    }
  });

  it('fails with one line naming the folder when dist/prod is read-only', () => {
    // GIVEN a read-only dist/prod (injected: the tests run as root, which ignores modes)
    const ws = changed();
    try {
      const readOnly: WriterFs = {
        ...NODE_WRITER_FS,
        assertWritable: (path) => {
          if (path === join(ws.dist, 'prod')) throw Object.assign(new Error('EACCES'), { code: 'EACCES', syscall: 'access', path });
        },
      };
      const result = synth({ cwd: ws.root, fs: readOnly });
      expect(result.err).toEqual([
        'synth: cannot write to dist/prod (EACCES): permission denied: make the folder writable (chmod u+w) or run synth as its owner. dist/ and the Terraform catalogs were left as they were.',
      ]);
      expect(state(ws)).toBe(oldState);
    } finally {
      ws.dispose();
    }
  });

  it('says the change is committed when a failure comes after the commit, and the next run finishes it', () => {
    const ws = changed();
    try {
      // The switch's first rename (dist/ → .dist.synth-old) is the first operation after the commit.
      let count = 0;
      const probe = faultyFs({ at: 0 });
      const dry = ws.clone();
      synth({ cwd: dry.root, fs: probe, onStep: (s) => void (s === 'committed' && (count = probe.count())) });
      dry.dispose();
      const result = synth({ cwd: ws.root, fs: faultyFs({ at: count + 2, code: 'EBUSY', dead: true }) });
      expect(result.err[0]).toMatch(/The new dist\/ was committed; run synth again to finish switching it in\.$/);
      const next = synth({ cwd: ws.root });
      expect(next.exitCode).toBe(0);
      expect(next.out).toContain('synth: finished an interrupted synth that had committed; dist/ holds its new tree');
      expect(state(ws)).toBe(newState);
    } finally {
      ws.dispose();
    }
  });

  it('recovers the new tree after a real SIGKILL between the two renames', async () => {
    // GIVEN a synth process stopped after dist/ was renamed away and before the new tree took its place
    const ws = changed();
    try {
      const child = startSynth(ws, { FINTRACK_SYNTH_HOLD_AT: 'old-moved' });
      await waitFor(child, 'holding at old-moved');
      // WHEN it is killed there
      child.kill('SIGKILL');
      await exited(child);
      expect(existsSync(ws.dist)).toBe(false);
      // THEN --check reports the interrupted synth, and the next synth restores a whole tree
      const check = synth({ cwd: ws.root, check: true });
      expect(check.exitCode).toBe(1);
      expect(check.err[0]).toBe('an interrupted synth left 3 file(s) behind; run `npm run synth` to finish it.');
      expect(check.out).toEqual([`synth: took over a stale lock .dist.synth-lock (pid ${child.pid} is gone)`]);
      const next = synth({ cwd: ws.root });
      expect(next.exitCode).toBe(0);
      expect(next.out.slice(1)).toEqual([
        'synth: finished an interrupted synth that had committed; dist/ holds its new tree',
        '  removed or finished: .dist.synth-commit.json',
        '  removed or finished: .dist.synth-staging',
        '  removed or finished: .dist.synth-old',
      ]);
      expect(state(ws)).toBe(newState);
      expect(existsSync(sidecars(ws.dist).old)).toBe(false);
    } finally {
      ws.dispose();
    }
  }, 60_000);

  it('makes a second synth wait for the lock, and fail with a clear message when it stays held', async () => {
    // GIVEN a synth process holding the lock (stopped after staging its tree)
    const ws = changed();
    try {
      const child = startSynth(ws, { FINTRACK_SYNTH_HOLD_AT: 'staged' });
      await waitFor(child, 'holding at staged');
      // WHEN another synth runs meanwhile
      const blocked = synth({ cwd: ws.root, lockWaitMs: 200 });
      // THEN it waits, then gives up naming the holder, and nothing changed
      expect(blocked.exitCode).toBe(1);
      expect(blocked.err).toEqual([
        `synth: .dist.synth-lock: another synth (pid ${child.pid} on ${hostname()}, started ${blocked.err[0]?.match(/started (\S+)\)/)?.[1]}) is writing dist/; waited 0 s. Let it finish and run synth again, or delete .dist.synth-lock if no synth is running.`,
      ]);
      expect(state(ws)).toBe(oldState);
      // WHEN the holder dies, THEN the next synth takes over its stale lock, drops its staging tree and writes
      child.kill('SIGKILL');
      await exited(child);
      const next = synth({ cwd: ws.root });
      expect(next.exitCode).toBe(0);
      expect(next.out).toContain('synth: removed what an interrupted synth had left; dist/ kept its previous tree');
      expect(state(ws)).toBe(newState);
    } finally {
      ws.dispose();
    }
  }, 60_000);

  it('runs two synth processes started together one after the other', async () => {
    const ws = changed();
    try {
      const [a, b] = [startSynth(ws), startSynth(ws)];
      expect(await Promise.all([exited(a!), exited(b!)])).toEqual([0, 0]);
      expect(state(ws)).toBe(newState);
      expect(synth({ cwd: ws.root, check: true }).exitCode).toBe(0);
    } finally {
      ws.dispose();
    }
  }, 60_000);

  it('takes over a lock whose process is gone', () => {
    const ws = changed();
    try {
      const gone = spawnSync(process.execPath, ['-e', '0']).pid;
      writeFileSync(sidecars(ws.dist).lock, JSON.stringify({ pid: gone, host: hostname(), started: 'earlier' }));
      const result = synth({ cwd: ws.root });
      expect(result.exitCode).toBe(0);
      expect(result.out).toContain(`synth: took over a stale lock .dist.synth-lock (pid ${gone} is gone)`);
      expect(existsSync(sidecars(ws.dist).lock)).toBe(false);
    } finally {
      ws.dispose();
    }
  });
});
