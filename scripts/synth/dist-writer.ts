/**
 * Lays out `dist/<env>/<app>/` exactly as Argo CD and Image Updater need it, touching only files
 * synth owns: the files an app's kustomization lists, the kustomization itself, and extra owned
 * files (e.g. the Terraform catalog). Anything else in dist/ (`.argocd-source-*`, notes) is never
 * read, rewritten or deleted.
 *
 * Planning is pure and happens before any write, so an error leaves every file as it was; the
 * change is then applied as one transaction (`dist-transaction.ts`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { load } from 'js-yaml';
import { ENVIRONMENT_NAMES } from '../../apps/schema/common.ts';
import type { CatalogIssue } from '../../apps/issues.ts';
import type { DistChange } from './dist-transaction.ts';
import { renderKustomization } from './kustomization.ts';
import type { KubeObject, RenderedApp } from '../../charts/rendered-app.ts';
import { toStableYaml } from './yaml.ts';

/** File name of an app folder's kustomization. */
export const KUSTOMIZATION = 'kustomization.yaml';

/** What synth will write and delete. */
export interface DistPlan {
  /** Path → full content, for every owned file (unchanged ones included). */
  readonly files: ReadonlyMap<string, string>;
  /** Owned files that are no longer rendered. */
  readonly deletes: readonly string[];
  /** Problems found in files synth reads back (kustomization `images:`); nothing is written when set. */
  readonly issues: readonly CatalogIssue[];
}

/** File name of one object: `<kind>-<name>.yaml`, with the namespace when it is not the app's own. */
export function objectFileName(obj: KubeObject, appNamespace?: string): string {
  const ns = obj.metadata.namespace;
  const parts = [obj.kind.toLowerCase(), ...(ns && ns !== appNamespace ? [ns] : []), obj.metadata.name];
  return `${parts.join('-')}.yaml`;
}

function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** Resources listed by an existing kustomization (the files synth owns there). */
function ownedResources(path: string): string[] {
  const text = readIfExists(path);
  if (text === undefined) return [];
  try {
    const doc = load(text) as { resources?: unknown } | null;
    return Array.isArray(doc?.resources) ? doc.resources.filter((r): r is string => typeof r === 'string' && !r.includes('/')) : [];
  } catch {
    return [];
  }
}

/** Plans the writes for `apps` under `distDir`, plus `extraFiles` (path → content). */
export function planDist(
  distDir: string,
  apps: readonly RenderedApp[],
  extraFiles: ReadonlyMap<string, string> = new Map(),
  serialize: (obj: KubeObject) => string = toStableYaml,
): DistPlan {
  const files = new Map<string, string>();
  const issues: CatalogIssue[] = [];
  const rendered = new Set<string>();
  for (const app of apps) {
    const dir = join(distDir, app.env, app.name);
    rendered.add(dir);
    const names: string[] = [];
    for (const obj of app.objects) {
      const name = objectFileName(obj, app.namespace);
      const path = join(dir, name);
      if (files.has(path))
        throw new Error(`two objects render to ${path}: ${obj.kind} ${obj.metadata.namespace ?? ''}/${obj.metadata.name}`);
      files.set(path, serialize(obj));
      names.push(name);
    }
    names.sort();
    const kustomizationPath = join(dir, KUSTOMIZATION);
    const k = renderKustomization(kustomizationPath, names, app.images, readIfExists(kustomizationPath));
    issues.push(...k.issues);
    files.set(kustomizationPath, k.text);
  }
  for (const [path, content] of extraFiles) files.set(path, content);

  const deletes: string[] = [];
  for (const env of ENVIRONMENT_NAMES) {
    const envDir = join(distDir, env);
    if (!existsSync(envDir)) continue;
    for (const entry of readdirSync(envDir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = join(envDir, entry.name);
      const kustomizationPath = join(dir, KUSTOMIZATION);
      if (!existsSync(kustomizationPath)) continue;
      const owned = [...ownedResources(kustomizationPath).map((r) => join(dir, r)), ...(rendered.has(dir) ? [] : [kustomizationPath])];
      for (const path of owned) if (!files.has(path) && existsSync(path)) deletes.push(path);
    }
  }
  return { files, deletes: deletes.sort(), issues };
}

/** The files of `plan` whose content differs from what is on disk. */
export function changedFiles(plan: DistPlan): string[] {
  return [...plan.files].filter(([path, content]) => readIfExists(path) !== content).map(([path]) => path);
}

/**
 * The part of a plan that changes anything: files whose content differs from disk (split into
 * those under `distDir` and the rest) and the stale owned files to delete.
 */
export function planChange(plan: DistPlan, distDir: string): DistChange {
  if (plan.issues.length > 0) throw new Error('refusing to apply a plan with issues');
  const writes = new Map<string, string>();
  const outside = new Map<string, string>();
  for (const path of changedFiles(plan)) (path.startsWith(distDir + sep) ? writes : outside).set(path, plan.files.get(path) as string);
  return { writes, deletes: plan.deletes, outside };
}
