/**
 * Synth end to end on scratch copies of the repo: determinism, write-back round trip, ownership
 * of files in dist/, and that the committed dist/ is what the sources render.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { synth } from '../../scripts/synth/synth-command.ts';
import { treeDigest, workspace, type Workspace } from '../support/fixture.ts';

const APP = 'dist/prod/reconciliation-service';
const KUSTOMIZATION = `${APP}/kustomization.yaml`;
const DEPLOYMENT = `${APP}/deployment-reconciliation-service.yaml`;

/** Edits the images block the way `kustomize edit set image` (and Image Updater) does. */
function setImage(ws: Workspace, tag: string): void {
  ws.edit(KUSTOMIZATION, /newTag: .*/, `newTag: ${tag}`);
}

describe('synth', () => {
  let ws: Workspace;
  let base: Workspace | undefined;
  afterEach(() => ws?.dispose());
  afterAll(() => base?.dispose());

  /** A scratch copy of the catalog synthesized once per file; each test gets a hard-linked clone. */
  const rendered = (): Workspace => {
    if (!base) {
      base = workspace();
      expect(synth({ cwd: base.root }).exitCode).toBe(0);
    }
    return base.clone();
  };

  it('is deterministic: two synths into empty folders give the same bytes', () => {
    ws = workspace();
    const other = workspace();
    try {
      expect(synth({ cwd: ws.root }).exitCode).toBe(0);
      expect(synth({ cwd: other.root }).exitCode).toBe(0);
      expect(treeDigest(ws.dist)).toBe(treeDigest(other.dist));
      expect(treeDigest(ws.terraform)).toBe(treeDigest(other.terraform));
    } finally {
      other.dispose();
    }
  });

  it('writes nothing on a second run', () => {
    ws = rendered();
    const result = synth({ cwd: ws.root });
    expect(result.out[0]).toMatch(/; 0 file\(s\) written, 0 deleted/);
  });

  it('keeps a written-back tag byte-for-byte, and the Deployment keeps its base', () => {
    // GIVEN a rendered dist/ and an Image Updater write-back of a new tag
    ws = rendered();
    const deployment = ws.read(DEPLOYMENT);
    setImage(ws, 'main-488');
    const written = ws.read(KUSTOMIZATION);
    const before = treeDigest(ws.dist);
    // WHEN synth runs again
    expect(synth({ cwd: ws.root }).exitCode).toBe(0);
    // THEN nothing changed: the tag survives and the Deployment still renders the catalog base
    expect(ws.read(KUSTOMIZATION)).toBe(written);
    expect(treeDigest(ws.dist)).toBe(before);
    expect(ws.read(DEPLOYMENT)).toBe(deployment);
    expect(written).toContain('newTag: main-488');
  });

  it('an image bump differs from the committed render by exactly one line', () => {
    ws = rendered();
    const before = ws.read(KUSTOMIZATION).split('\n');
    setImage(ws, 'main-999');
    synth({ cwd: ws.root });
    const after = ws.read(KUSTOMIZATION).split('\n');
    const changed = after.filter((line, i) => line !== before[i]);
    expect(after).toHaveLength(before.length);
    expect(changed).toEqual(['  newTag: main-999']);
  });

  it('keeps extra fields Image Updater writes (newName, digest)', () => {
    ws = rendered();
    ws.edit(KUSTOMIZATION, /newTag: .*/, `newTag: main-500\n  digest: sha256:${'a'.repeat(64)}`);
    const written = ws.read(KUSTOMIZATION);
    synth({ cwd: ws.root });
    expect(ws.read(KUSTOMIZATION)).toBe(written);
  });

  it("falls back to the catalog's tag when the images entry is removed", () => {
    ws = rendered();
    const original = ws.read(KUSTOMIZATION);
    setImage(ws, 'main-488');
    ws.edit(KUSTOMIZATION, /images:[\s\S]*$/, '');
    synth({ cwd: ws.root });
    expect(ws.read(KUSTOMIZATION)).toBe(original);
    expect(original).toContain('newTag: main-487');
  });

  it('never touches files it does not own, and removes stale files it owns', () => {
    // GIVEN Image Updater's default write-back file, a notes file, and a service that was removed
    ws = rendered();
    writeFileSync(join(ws.root, APP, '.argocd-source-reconciliation-service.yaml'), 'kustomize: {}\n');
    writeFileSync(join(ws.root, 'dist/prod/NOTES.md'), 'hand-written\n');
    execFileSync('rm', [join(ws.apps, 'services/ml-anomaly-detector.yaml')]);
    // WHEN synth runs
    const result = synth({ cwd: ws.root });
    // THEN the removed service's files are gone, everything else stays
    expect(result.exitCode).toBe(0);
    expect(existsSync(join(ws.root, 'dist/prod/ml-anomaly-detector'))).toBe(false);
    expect(readFileSync(join(ws.root, APP, '.argocd-source-reconciliation-service.yaml'), 'utf8')).toBe('kustomize: {}\n');
    expect(ws.read('dist/prod/NOTES.md')).toBe('hand-written\n');
  });

  it('keeps a folder that still holds files it does not own', () => {
    ws = rendered();
    writeFileSync(join(ws.root, 'dist/prod/ml-anomaly-detector/.argocd-source-ml-anomaly-detector.yaml'), 'x: 1\n');
    execFileSync('rm', [join(ws.apps, 'services/ml-anomaly-detector.yaml')]);
    synth({ cwd: ws.root });
    expect(execFileSync('ls', ['-A', join(ws.root, 'dist/prod/ml-anomaly-detector')], { encoding: 'utf8' })).toBe(
      '.argocd-source-ml-anomaly-detector.yaml\n',
    );
  });

  it('--check fails on a stale dist/ and writes nothing', () => {
    ws = rendered();
    ws.edit('apps/services/reconciliation-service.yaml', 'cpuUtilization: 65', 'cpuUtilization: 66');
    const before = treeDigest(ws.dist);
    const result = synth({ cwd: ws.root, check: true });
    expect(result.exitCode).toBe(1);
    expect(result.err).toEqual([
      'dist/ is stale: 2 file(s) differ from what the sources render. Run `npm run synth` and commit dist/.',
      '  dist/staging/reconciliation-service/scaledobject-reconciliation-service.yaml',
      '  dist/prod/reconciliation-service/scaledobject-reconciliation-service.yaml',
    ]);
    expect(treeDigest(ws.dist)).toBe(before);
  });
});

describe('the committed dist/', () => {
  it('is exactly what the sources render', () => {
    const result = synth({ check: true });
    expect(result.err).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  it.runIf(hasKubectl())('builds with kustomize and applies the images block', () => {
    const out = execFileSync('kubectl', ['kustomize', APP], { encoding: 'utf8' });
    const tag = /newTag: (.*)/.exec(readFileSync(KUSTOMIZATION, 'utf8'))?.[1];
    expect(out).toContain(`image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/reconciliation-service:${tag}`);
  });
});

function hasKubectl(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
