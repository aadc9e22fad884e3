/**
 * The dist/ transaction under faults, on a small tree in a scratch folder: a failure or a "kill"
 * at every single file operation leaves, after the next run's recovery, the whole old or the whole
 * new tree (dist/ and the outside Terraform catalog together), byte for byte, and no leftovers.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitDist, findLeftovers, recoverDist, sidecars, type DistChange } from '../../scripts/synth/dist-transaction.ts';
import { faultyFs } from '../support/faulty-fs.ts';
import { treeDigest } from '../support/fixture.ts';

let root: string;
const dist = (): string => join(root, 'dist');
const tfDir = (): string => join(root, 'tf/prod');

function write(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

/** GIVEN an old tree: two apps, a file synth does not own, and a Terraform catalog. */
function oldTree(): void {
  write(join(dist(), 'prod/app/kustomization.yaml'), 'resources: [a.yaml]\n');
  write(join(dist(), 'prod/app/a.yaml'), 'a: old\n');
  write(join(dist(), 'prod/app/.argocd-source-app.yaml'), 'kustomize: {}\n');
  write(join(dist(), 'dev/gone/kustomization.yaml'), 'resources: [x.yaml]\n');
  write(join(dist(), 'dev/gone/x.yaml'), 'x: 1\n');
  write(join(tfDir(), 'catalog.json'), '{"old":true}\n');
}

/** WHEN the change rewrites a file, adds an app, removes another and rewrites the catalog. */
function change(): DistChange {
  return {
    writes: new Map([
      [join(dist(), 'prod/app/a.yaml'), 'a: new\n'],
      [join(dist(), 'prod/new/kustomization.yaml'), 'resources: [b.yaml]\n'],
      [join(dist(), 'prod/new/b.yaml'), 'b: 1\n'],
    ]),
    deletes: [join(dist(), 'dev/gone/kustomization.yaml'), join(dist(), 'dev/gone/x.yaml')],
    outside: new Map([[join(tfDir(), 'catalog.json'), '{"new":true}\n']]),
  };
}

/** Digest of everything the transaction may touch (dist/ and the catalog folder). */
function state(): string {
  return `${existsSync(dist()) ? treeDigest(dist()) : 'no dist'}|${treeDigest(tfDir())}`;
}

function expectNoLeftovers(): void {
  expect(findLeftovers(dist(), [tfDir()]).paths).toEqual([]);
  expect(readdirSync(root).sort()).toEqual(['dist', 'tf']);
}

let oldState: string;
let newState: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'fintrack-tx-'));
  oldTree();
  oldState = state();
  const other = mkdtempSync(join(tmpdir(), 'fintrack-tx-'));
  cpSync(root, other, { recursive: true });
  const saved = root;
  root = other;
  commitDist(dist(), change());
  newState = state();
  rmSync(other, { recursive: true, force: true });
  root = saved;
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** How many mutating file operations a clean commit of {@link change} performs. */
function countSteps(): number {
  const probe = faultyFs({ at: 0 });
  const scratch = mkdtempSync(join(tmpdir(), 'fintrack-tx-'));
  cpSync(root, scratch, { recursive: true });
  const saved = root;
  root = scratch;
  try {
    commitDist(dist(), change(), { fs: probe });
  } finally {
    root = saved;
    rmSync(scratch, { recursive: true, force: true });
  }
  return probe.count();
}

describe('commitDist', () => {
  it('switches in the new tree, keeps files it does not own and leaves nothing behind', () => {
    commitDist(dist(), change());
    expect(state()).toBe(newState);
    expect(newState).not.toBe(oldState);
    expect(existsSync(join(dist(), 'prod/app/.argocd-source-app.yaml'))).toBe(true);
    expect(existsSync(join(dist(), 'dev/gone'))).toBe(false);
    expectNoLeftovers();
  });

  it('leaves the old or the new state whole when killed at any file operation', () => {
    // GIVEN how many file operations a clean commit performs
    const steps = countSteps();
    expect(steps).toBeGreaterThan(10);
    const outcomes = new Set<string>();
    for (let at = 1; at <= steps; at++) {
      // WHEN the process dies at operation `at` (nothing after it runs, not even cleanup)
      rmSync(root, { recursive: true, force: true });
      mkdirSync(root);
      oldTree();
      expect(() => commitDist(dist(), change(), { fs: faultyFs({ at, dead: true }) }), `step ${at}`).toThrow();
      // THEN the next run's recovery restores one whole state
      recoverDist(dist(), [tfDir()]);
      const s = state();
      expect([oldState, newState], `step ${at}`).toContain(s);
      outcomes.add(s === oldState ? 'old' : 'new');
      expectNoLeftovers();
    }
    expect(outcomes).toEqual(new Set(['old', 'new']));
  });

  it('leaves the old tree and nothing staged when the disk fills up before the commit, the new one after recovery otherwise', () => {
    const steps = countSteps();
    for (let at = 1; at <= steps; at++) {
      rmSync(root, { recursive: true, force: true });
      mkdirSync(root);
      oldTree();
      // WHEN one operation fails with ENOSPC (the process lives on and cleans up)
      let committed = false;
      expect(() =>
        commitDist(dist(), change(), { fs: faultyFs({ at, code: 'ENOSPC' }), onStep: (s) => void (committed ||= s === 'committed') }),
      ).toThrow(/ENOSPC/);
      // THEN before the commit nothing changed and nothing is left; after it, recovery finishes the switch
      if (committed) {
        expect(['forward', 'cleanup'], `step ${at}`).toContain(recoverDist(dist(), [tfDir()])?.direction);
        expect(state(), `step ${at}`).toBe(newState);
      } else {
        expect(state(), `step ${at}`).toBe(oldState);
      }
      expectNoLeftovers();
    }
  });

  it('reports a read-only folder as the error of the failing operation, old tree intact', () => {
    const fs = faultyFs({ at: 2, code: 'EROFS' });
    expect(() => commitDist(dist(), change(), { fs })).toThrow(expect.objectContaining({ code: 'EROFS' }));
    expect(state()).toBe(oldState);
    expectNoLeftovers();
  });
});

describe('recoverDist', () => {
  it('does nothing when nothing was left', () => {
    expect(recoverDist(dist(), [tfDir()])).toBeUndefined();
    expect(state()).toBe(oldState);
  });

  it("removes the pre-transaction writer's *.synth-tmp files", () => {
    write(join(dist(), 'prod/app/a.yaml.synth-tmp'), 'a: half');
    write(join(tfDir(), 'catalog.json.synth-tmp'), '{');
    const recovery = recoverDist(dist(), [tfDir()]);
    expect(recovery?.direction).toBe('cleanup');
    expect(recovery?.paths.map((p) => p.slice(root.length + 1)).sort()).toEqual([
      'dist/prod/app/a.yaml.synth-tmp',
      'tf/prod/catalog.json.synth-tmp',
    ]);
    expect(state()).toBe(oldState);
    expectNoLeftovers();
  });

  it('puts the old tree back when dist/ is missing and no commit was recorded', () => {
    cpSync(dist(), sidecars(dist()).old, { recursive: true });
    rmSync(dist(), { recursive: true });
    expect(recoverDist(dist(), [tfDir()])?.direction).toBe('back');
    expect(state()).toBe(oldState);
  });
});
