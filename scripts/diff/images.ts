/**
 * Kustomize's `images:` transformer, for the fields it touches in rendered workloads. Argo CD Image
 * Updater writes tags there, so the diff must apply them to see the image a Deployment really runs.
 */

/** One entry of a kustomization's `images:` list. */
export interface ImageOverride {
  readonly name: string;
  readonly newName?: string;
  readonly newTag?: string;
  readonly digest?: string;
}

/** An image reference split into repository and tag or digest. */
export interface ImageRef {
  readonly repository: string;
  /** `:tag` or `@sha256:…`, including the separator; empty when neither is set. */
  readonly version: string;
}

/** Splits `repo[:tag][@digest]`; a `:` before the last `/` is a registry port, not a tag. */
export function parseImage(image: string): ImageRef {
  const at = image.indexOf('@');
  if (at >= 0) return { repository: image.slice(0, at), version: image.slice(at) };
  const colon = image.lastIndexOf(':');
  if (colon > image.lastIndexOf('/')) return { repository: image.slice(0, colon), version: image.slice(colon) };
  return { repository: image, version: '' };
}

/** Reads the `images:` list of a parsed kustomization; anything malformed is ignored. */
export function imageOverrides(kustomization: unknown): ImageOverride[] {
  const images = (kustomization as { images?: unknown } | null)?.images;
  if (!Array.isArray(images)) return [];
  return images.filter((i): i is ImageOverride => typeof (i as ImageOverride | null)?.name === 'string');
}

/** The image `image` becomes under `overrides` (the first entry naming its repository wins). */
export function overrideImage(image: string, overrides: readonly ImageOverride[]): string {
  const ref = parseImage(image);
  const o = overrides.find((candidate) => candidate.name === ref.repository);
  if (o === undefined) return image;
  const version = o.digest ? `@${o.digest}` : o.newTag ? `:${o.newTag}` : ref.version;
  return `${o.newName ?? ref.repository}${version}`;
}

type Container = { image?: unknown };
type PodSpec = { containers?: Container[]; initContainers?: Container[]; ephemeralContainers?: Container[] };

function podSpecs(object: unknown): PodSpec[] {
  const spec = (object as { spec?: Record<string, unknown> } | null)?.spec;
  const template = spec?.template as { spec?: PodSpec } | undefined;
  const job = (spec?.jobTemplate as { spec?: { template?: { spec?: PodSpec } } } | undefined)?.spec?.template?.spec;
  return [template?.spec, job].filter((s): s is PodSpec => s !== undefined && s !== null && typeof s === 'object');
}

/** Applies `overrides` to every container image of a workload, in place. */
export function applyImageOverrides(object: unknown, overrides: readonly ImageOverride[]): void {
  if (overrides.length === 0) return;
  for (const pod of podSpecs(object)) {
    for (const list of [pod.containers, pod.initContainers, pod.ephemeralContainers]) {
      for (const c of Array.isArray(list) ? list : []) {
        if (typeof c?.image === 'string') c.image = overrideImage(c.image, overrides);
      }
    }
  }
}
