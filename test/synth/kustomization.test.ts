/**
 * The kustomization `images:` block: kept byte-for-byte when it can be deployed as written, and an
 * error (file, line, field) when it cannot, never silently rewritten.
 */
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../apps/issues.ts';
import { renderKustomization, type ImageRef } from '../../scripts/synth/kustomization.ts';

const FILE = 'dist/prod/svc/kustomization.yaml';
const REGISTRY = '111122223333.dkr.ecr.eu-west-1.amazonaws.com';
const ref: ImageRef = {
  name: `${REGISTRY}/svc`,
  registry: REGISTRY,
  initialTag: 'main-1',
  allowTags: '^main-[0-9]+$',
  ignoreTags: ['main-13'],
  declaredIn: 'apps/services/svc.yaml',
};
const HEAD = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- deployment-svc.yaml\n';
const render = (images: string): ReturnType<typeof renderKustomization> =>
  renderKustomization(FILE, ['deployment-svc.yaml'], [ref], `${HEAD}images:\n${images}`);
const errors = (images: string): string[] => render(images).issues.map(formatIssue);

describe('renderKustomization images', () => {
  it('starts a new service from its initial tag', () => {
    expect(renderKustomization(FILE, ['deployment-svc.yaml'], [ref], undefined)).toEqual({
      text: `${HEAD}images:\n- name: ${REGISTRY}/svc\n  newTag: main-1\n`,
      issues: [],
    });
  });

  it('keeps a written-back block byte-for-byte, extra fields included', () => {
    const block = `  - name: ${REGISTRY}/svc\n    newTag: main-12 # bumped\n`;
    expect(render(block)).toEqual({ text: `${HEAD}images:\n${block}`, issues: [] });
  });

  it('fails an entry that matches no container instead of dropping the bump', () => {
    expect(errors(`- name: ${REGISTRY}/svc\n  newTag: main-2\n- name: ${REGISTRY}/svc-typo\n  newTag: main-3\n`)).toEqual([
      `${FILE}:8: images[1].name: "${REGISTRY}/svc-typo" matches no container image of this app (expected "${REGISTRY}/svc"); the tag would never be deployed`,
    ]);
  });

  it('fails a newName that leaves this environment’s registry', () => {
    expect(errors(`- name: ${REGISTRY}/svc\n  newName: docker.io/library/nginx\n  newTag: main-2\n`)).toEqual([
      `${FILE}:7: images[0].newName: "docker.io/library/nginx" leaves this environment's registry ${REGISTRY}`,
    ]);
  });

  it('fails a tag outside the policy, an ignored tag, and an entry without tag or digest', () => {
    expect(errors(`- name: ${REGISTRY}/svc\n  newTag: v1.0.0\n`)).toEqual([
      `${FILE}:7: images[0].newTag: "v1.0.0" does not match ^main-[0-9]+$, the tags apps/services/svc.yaml image.track allows`,
    ]);
    expect(errors(`- name: ${REGISTRY}/svc\n  newTag: main-13\n`)).toEqual([
      `${FILE}:7: images[0].newTag: "main-13" is listed in image.ignoreTags of apps/services/svc.yaml: roll forward or remove it from ignoreTags`,
    ]);
    expect(errors(`- name: ${REGISTRY}/svc\n`)).toEqual([
      `${FILE}:6: images[0]: needs newTag or digest: the Deployment names "${REGISTRY}/svc" without a tag`,
    ]);
  });
});
