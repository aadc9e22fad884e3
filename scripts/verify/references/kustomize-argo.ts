/**
 * What Kustomize and Argo CD refuse while building and syncing an app folder: the same object
 * twice in one kustomization, and an object whose namespace the Application's AppProject does
 * not allow.
 */
import { arr, rec, type DistObject } from '../model.ts';
import type { Emit, EnvIndex } from './env-index.ts';
import { groupKind } from './env-index.ts';
import { argoGlob } from '../argo-glob.ts';

/** Rules of this module. */
export const KUSTOMIZE_ARGO_RULES = ['kustomize-duplicate', 'project-resource-namespace'] as const;

const glob = argoGlob;

// kustomize api/resmap/reswrangler.go Append: "may not add resource with an already registered
// id" — a file listed twice, or two files holding the same object, fail `kustomize build`
function duplicates(ix: EnvIndex, emit: Emit): void {
  const seen = new Map<string, DistObject>();
  for (const o of ix.objects) {
    const id = `${o.app}|${groupKind(o)}|${o.object.metadata.namespace ?? ''}|${o.object.metadata.name}`;
    const first = seen.get(id);
    if (!first) {
      seen.set(id, o);
      continue;
    }
    const why =
      first.file === o.file
        ? `${o.file} is listed twice in ${o.env}/${o.app}/kustomization.yaml`
        : `${first.file} and ${o.file} hold the same object`;
    emit(
      o,
      'kustomize-duplicate',
      'error',
      `${why}: kustomize refuses a resource with an already registered id, so Argo CD cannot render the app`,
    );
  }
}

// Argo CD controller/sync.go (per-resource permission check, AppProject IsDestinationPermitted):
// every namespaced object synced must land in a namespace the project's destinations allow
function resourceNamespaces(ix: EnvIndex, emit: Emit): void {
  const projects = new Map(ix.of('argoproj.io/AppProject').map((p) => [p.object.metadata.name, p]));
  const byApp = new Map<string, DistObject[]>();
  for (const o of ix.objects) {
    const list = byApp.get(o.app);
    if (list) list.push(o);
    else byApp.set(o.app, [o]);
  }
  for (const app of ix.of('argoproj.io/Application')) {
    const spec = rec(app.object.spec);
    const project = projects.get(String(spec.project ?? 'default'));
    if (!project) continue; // argocd/project-exists reports it
    const dest = rec(spec.destination);
    const destinations = arr(rec(project.object.spec).destinations).map(rec);
    const sources = spec.source !== undefined ? [rec(spec.source)] : arr(spec.sources).map(rec);
    for (const s of sources) {
      const m = typeof s.path === 'string' ? /^dist\/[^/]+\/([^/]+)\/?$/.exec(s.path) : null;
      if (!m?.[1]) continue;
      for (const o of byApp.get(m[1]) ?? []) {
        const ns = o.object.metadata.namespace;
        if (ns === undefined) continue; // cluster-scoped, or defaulted to the destination (argocd/project-destination)
        const allowed = destinations.some(
          (d) =>
            (d.server === undefined || glob(String(d.server), String(dest.server ?? ''))) &&
            (d.name === undefined || glob(String(d.name), String(dest.name ?? ''))) &&
            glob(String(d.namespace ?? '*'), ns),
        );
        if (!allowed)
          emit(
            o,
            'project-resource-namespace',
            'error',
            `${o.file}: namespace "${ns}" is not a destination of AppProject ${project.object.metadata.name} (Application ${app.object.metadata.name}): the sync fails for this object`,
          );
      }
    }
  }
}

/** Runs the Kustomize and Argo CD rules on one environment. */
export function checkKustomizeArgo(ix: EnvIndex, emit: Emit): void {
  duplicates(ix, emit);
  resourceNamespaces(ix, emit);
}
