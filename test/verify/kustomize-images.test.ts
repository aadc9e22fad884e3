/** kustomize's image transformer as verify applies it to dist/. */
import { describe, expect, it } from 'vitest';
import { applyImages, overrideImage } from '../../scripts/verify/kustomize-images.ts';

describe('kustomize images', () => {
  it.each([
    ['reg:5000/app:v1', { name: 'reg:5000/app', newTag: 'v2' }, 'reg:5000/app:v2'],
    ['reg/app', { name: 'reg/app', newTag: 'v2' }, 'reg/app:v2'],
    ['reg/app:v1', { name: 'reg/app', newName: 'mirror/app' }, 'mirror/app:v1'],
    ['reg/app:v1', { name: 'reg/app', newTag: 'v2', digest: `sha256:${'a'.repeat(64)}` }, `reg/app@sha256:${'a'.repeat(64)}`],
    ['reg/other:v1', { name: 'reg/app', newTag: 'v2' }, 'reg/other:v1'],
  ])('%s with %j → %s', (image, override, expected) => {
    expect(overrideImage(image, [override])).toBe(expected);
  });

  it('rewrites containers, initContainers and ephemeralContainers only', () => {
    // GIVEN a pod template with images in every container list and an unrelated `image` field
    const obj = {
      spec: {
        image: 'reg/app:v1',
        template: { spec: { containers: [{ image: 'reg/app:v1' }], initContainers: [{ image: 'reg/app:v1' }] } },
      },
    };
    // WHEN images are applied THEN containers change, the other field does not
    expect(applyImages(obj, [{ name: 'reg/app', newTag: 'v9' }])).toEqual({
      spec: {
        image: 'reg/app:v1',
        template: { spec: { containers: [{ image: 'reg/app:v9' }], initContainers: [{ image: 'reg/app:v9' }] } },
      },
    });
  });
});
