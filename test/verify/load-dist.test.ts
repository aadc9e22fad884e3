/**
 * Loading dist/ as Argo CD does: the kustomization `images:` block is the one place of a tag.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDist } from '../../scripts/verify/load-dist.ts';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

/** A dist/ with one app folder holding a Deployment of `image` and the given images: block. */
function dist(image: string, images: string): string {
  dir = mkdtempSync(join(tmpdir(), 'load-dist-'));
  const app = join(dir, 'prod', 'svc');
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, 'kustomization.yaml'), `resources:\n- deployment-svc.yaml\n${images}`);
  writeFileSync(
    join(app, 'deployment-svc.yaml'),
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: svc, namespace: team }\nspec:\n  template:\n    spec:\n      containers:\n      - { name: svc, image: ${image} }\n`,
  );
  return dir;
}
const messages = (d: string): string[] => loadDist(d).findings.map((f) => `${f.rule}: ${f.message}`);

describe('loadDist images', () => {
  it('applies the images: tag to an untagged Deployment image', () => {
    const loaded = loadDist(dist('r/svc', 'images:\n- name: r/svc\n  newTag: main-2\n'));
    expect(loaded.findings).toEqual([]);
    expect(JSON.stringify(loaded.objects[0]!.object)).toContain('"image":"r/svc:main-2"');
  });

  it('fails a tag written in the Deployment and in images:', () => {
    expect(messages(dist('r/svc:main-1', 'images:\n- name: r/svc\n  newTag: main-2\n'))).toEqual([
      'image-single-source: prod/svc/deployment-svc.yaml: image r/svc:main-1 carries a tag although kustomization.yaml images: sets r/svc; keep the tag only in kustomization.yaml',
    ]);
  });

  it('fails an images: entry that matches no container', () => {
    expect(messages(dist('r/svc', 'images:\n- name: r/svc\n  newTag: main-2\n- name: r/other\n  newTag: main-3\n'))).toEqual([
      'image-override-used: kustomization.yaml images: entry r/other matches no container image of prod/svc: its tag is never deployed',
    ]);
  });
});
