/**
 * Turns a dist/ snapshot into the objects Argo CD would apply: one entry per Kubernetes object,
 * placed by environment and Application (`dist/<env>/<app>/`), with each app's kustomization
 * `images:` already applied to its workloads.
 */
import { loadAll } from 'js-yaml';
// The same kustomize image transformer verify uses: both judge dist/ as Argo CD renders it.
import { applyImages, imageOverrides } from '../verify/kustomize-images.ts';
import type { Snapshot } from './snapshot.ts';

/** One rendered object. */
export interface DistObject {
  /** Environment folder (`prod`, `staging`, `dev`, …). */
  readonly env: string;
  /** Application folder; `''` for files directly under the environment. */
  readonly app: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** The file it came from. */
  readonly file: string;
  /** The parsed object, with image overrides applied. */
  readonly body: unknown;
}

/** Identity of an object within dist/: environment, app, kind, namespace and name. */
export function objectKey(o: DistObject): string {
  return [o.env, o.app, o.kind, o.namespace, o.name].join('\0');
}

/** `Kind/name`, the way people name objects. */
export function objectLabel(o: DistObject): string {
  return `${o.kind}/${o.name}`;
}

/** `Kind/name (namespace ns)`, or just `Kind/name` for cluster-scoped objects: which team's object it is. */
export function objectRef(o: DistObject): string {
  return o.namespace ? `${objectLabel(o)} (namespace ${o.namespace})` : objectLabel(o);
}

const isYaml = (file: string): boolean => /\.ya?ml$/.test(file);
const baseName = (file: string): string => file.slice(file.lastIndexOf('/') + 1);

/**
 * Every object in `snapshot` keyed by {@link objectKey}. Kustomizations are not objects (their
 * `images:` are applied instead); dot-files such as `.argocd-source-*` and non-YAML files are skipped.
 */
export function collectObjects(snapshot: Snapshot, dist: string): Map<string, DistObject> {
  const prefix = `${dist.replace(/\/+$/, '')}/`;
  const kustomizations = new Map<string, unknown>();
  for (const [file, text] of snapshot) {
    if (baseName(file) === 'kustomization.yaml' || baseName(file) === 'kustomization.yml') {
      kustomizations.set(file.slice(0, file.lastIndexOf('/')), parse(file, text)[0]);
    }
  }
  const objects = new Map<string, DistObject>();
  for (const [file, text] of snapshot) {
    const name = baseName(file);
    if (!file.startsWith(prefix) || !isYaml(file) || name.startsWith('.') || /^kustomization\.ya?ml$/.test(name)) continue;
    const folder = file.slice(0, file.lastIndexOf('/'));
    const parts = folder.slice(prefix.length).split('/');
    const env = parts[0] ?? '';
    const app = parts.slice(1).join('/');
    const overrides = imageOverrides(kustomizations.get(folder));
    for (const parsed of parse(file, text)) {
      const body = applyImages(parsed, overrides);
      const meta = body as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } | null;
      if (typeof meta?.kind !== 'string') continue;
      const o: DistObject = {
        env,
        app,
        kind: meta.kind,
        name: String(meta.metadata?.name ?? name),
        namespace: String(meta.metadata?.namespace ?? ''),
        file,
        body,
      };
      objects.set(objectKey(o), o);
    }
  }
  return objects;
}

function parse(file: string, text: string): unknown[] {
  try {
    return loadAll(text).filter((d) => d !== null && d !== undefined);
  } catch (e) {
    throw new Error(`${file}: not valid YAML: ${(e as Error).message.split('\n')[0]}`, { cause: e });
  }
}
