/**
 * The kustomize setter model against the layout kyaml writes back (argocd-image-updater
 * pkg/argocd/git.go updateKustomizeFile: compact sequences kept, original key order kept, the
 * matched element replaced by name + newTag).
 */
import { describe, expect, it } from 'vitest';
import { setImageTag } from '../../scripts/image/set-tag.ts';

const HEAD = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- deployment-a.yaml\n';

describe('setImageTag', () => {
  it('changes only the newTag line of the matching entry', () => {
    const text = `${HEAD}images:\n- name: r/a\n  newTag: main-1\n- name: r/b\n  newTag: main-7\n`;
    expect(setImageTag(text, 'r/b', 'main-8')).toBe(`${HEAD}images:\n- name: r/a\n  newTag: main-1\n- name: r/b\n  newTag: main-8\n`);
  });

  it('keeps the original key order (SyncOrder) and indented sequences as written', () => {
    const text = `${HEAD}images:\n  - newTag: main-1\n    name: r/a\n`;
    expect(setImageTag(text, 'r/a', 'main-2')).toBe(`${HEAD}images:\n  - newTag: main-2\n    name: r/a\n`);
  });

  it('replaces the whole element: a digest or newName the update does not set is dropped', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const text = `${HEAD}images:\n- name: r/a\n  newName: r/other\n  digest: ${digest}\n`;
    expect(setImageTag(text, 'r/a', 'main-3')).toBe(`${HEAD}images:\n- name: r/a\n  newTag: main-3\n`);
  });

  it('appends a missing entry and creates a missing images block', () => {
    expect(setImageTag(`${HEAD}images:\n- name: r/a\n  newTag: main-1\n`, 'r/b', 'main-2')).toBe(
      `${HEAD}images:\n- name: r/a\n  newTag: main-1\n- name: r/b\n  newTag: main-2\n`,
    );
    expect(setImageTag(HEAD, 'r/a', 'v1.2.3')).toBe(`${HEAD}images:\n- name: r/a\n  newTag: v1.2.3\n`);
  });

  it('quotes a tag that YAML would read as a number', () => {
    expect(setImageTag(HEAD, 'r/a', '1.10')).toBe(`${HEAD}images:\n- name: r/a\n  newTag: "1.10"\n`);
  });
});
