/**
 * kustomize's image transformer, as Argo CD runs it on every app folder: each `images:` entry
 * matches containers whose image name (without tag or digest) equals `name`, then sets
 * `newName`, `newTag` and/or `digest` (a digest wins over a tag).
 */

/** One entry of a kustomization's `images:` block. */
export interface ImageOverride {
  readonly name: string;
  readonly newName?: string;
  readonly newTag?: string;
  readonly digest?: string;
}

/** The `images:` entries of a parsed kustomization; entries without a `name` are ignored. */
export function imageOverrides(kustomization: unknown): ImageOverride[] {
  const images = (kustomization as { images?: unknown } | null)?.images;
  if (!Array.isArray(images)) return [];
  return images.filter((i): i is ImageOverride => typeof (i as ImageOverride | null)?.name === 'string');
}

/** Splits `registry/repo:tag@digest` into name and reference. */
export function splitImage(image: string): { name: string; tag?: string; digest?: string } {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const rest = at >= 0 ? image.slice(0, at) : image;
  const colon = rest.lastIndexOf(':');
  // A colon before the last '/' belongs to a registry port, not a tag.
  const tagged = colon > rest.lastIndexOf('/');
  return {
    name: tagged ? rest.slice(0, colon) : rest,
    ...(tagged ? { tag: rest.slice(colon + 1) } : {}),
    ...(digest ? { digest } : {}),
  };
}

/** The image after the first matching override (kustomize applies the first match). */
export function overrideImage(image: string, overrides: readonly ImageOverride[]): string {
  const parts = splitImage(image);
  const match = overrides.find((o) => o.name === parts.name);
  if (!match) return image;
  const name = match.newName ?? parts.name;
  if (match.digest) return `${name}@${match.digest}`;
  if (match.newTag) return `${name}:${match.newTag}`;
  return `${name}${parts.tag ? `:${parts.tag}` : ''}${parts.digest ? `@${parts.digest}` : ''}`;
}

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** A deep copy of `value` with every container image (at any depth) overridden. */
export function applyImages<T>(value: T, overrides: readonly ImageOverride[]): T {
  if (overrides.length === 0) return value;
  return walk(value, overrides, false) as T;
}

function walk(value: unknown, overrides: readonly ImageOverride[], inContainerList: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => walk(v, overrides, inContainerList));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (inContainerList && key === 'image' && typeof v === 'string') out[key] = overrideImage(v, overrides);
    else out[key] = walk(v, overrides, CONTAINER_LISTS.has(key) && Array.isArray(v));
  }
  return out;
}

/** Every container image (at any depth) of a rendered object, before overrides. */
export function containerImages(value: unknown, inContainerList = false): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => containerImages(v, inContainerList));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) =>
    inContainerList && key === 'image' && typeof v === 'string' ? [v] : containerImages(v, CONTAINER_LISTS.has(key) && Array.isArray(v)),
  );
}
