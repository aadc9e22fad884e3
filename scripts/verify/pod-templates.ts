/**
 * Pods of workloads, two ways. For admission, exactly as the Gatekeeper ExpansionTemplates in
 * dist/ say (`templateSource`, `applyTo`, `generatedGVK`), so verify rejects what Gatekeeper
 * would. For integrity, resilience and capacity, the controllers' own pod template fields.
 */
import { arr, groupOf, rec, type DistObject, type KubeObject } from './model.ts';

/** A parsed ExpansionTemplate. */
export interface Expansion {
  readonly name: string;
  readonly applyTo: readonly { groups: string[]; versions: string[]; kinds: string[] }[];
  readonly templateSource: string;
  readonly generatedApiVersion: string;
  readonly generatedKind: string;
}

/** The ExpansionTemplates among `objects`. */
export function expansionsOf(objects: readonly DistObject[]): Expansion[] {
  return objects
    .filter((o) => groupOf(o.object.apiVersion) === 'expansion.gatekeeper.sh' && o.object.kind === 'ExpansionTemplate')
    .map((o) => {
      const spec = rec(o.object.spec);
      const gvk = rec(spec.generatedGVK);
      const group = typeof gvk.group === 'string' ? gvk.group : '';
      return {
        name: o.object.metadata.name,
        applyTo: arr(spec.applyTo).map((a) => {
          const r = rec(a);
          return { groups: arr(r.groups).map(String), versions: arr(r.versions).map(String), kinds: arr(r.kinds).map(String) };
        }),
        templateSource: String(spec.templateSource ?? ''),
        generatedApiVersion: group ? `${group}/${String(gvk.version)}` : String(gvk.version),
        generatedKind: String(gvk.kind),
      };
    });
}

function at(value: unknown, path: string): unknown {
  let cur: unknown = value;
  for (const key of path.split('.')) cur = rec(cur)[key];
  return cur;
}

/** Resources Gatekeeper would generate from `obj` (the template's content, parent's namespace). */
export function expand(obj: KubeObject, expansions: readonly Expansion[]): { object: KubeObject; via: string }[] {
  const group = groupOf(obj.apiVersion);
  const version = obj.apiVersion.slice(obj.apiVersion.indexOf('/') + 1);
  const out: { object: KubeObject; via: string }[] = [];
  for (const e of expansions) {
    const applies = e.applyTo.some((a) => a.groups.includes(group) && a.versions.includes(version) && a.kinds.includes(obj.kind));
    if (!applies) continue;
    const source = rec(at(obj, e.templateSource));
    if (Object.keys(source).length === 0) continue;
    const meta = rec(source.metadata);
    out.push({
      via: e.name,
      object: {
        ...source,
        apiVersion: e.generatedApiVersion,
        kind: e.generatedKind,
        metadata: { ...meta, name: obj.metadata.name, ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}) },
      } as KubeObject,
    });
  }
  return out;
}

/** Where each pod-creating kind keeps its pod template (the controllers' API, not a policy). */
const POD_TEMPLATE_PATHS: Record<string, string> = {
  'apps/Deployment': 'spec.template',
  'apps/StatefulSet': 'spec.template',
  'apps/DaemonSet': 'spec.template',
  'apps/ReplicaSet': 'spec.template',
  'batch/Job': 'spec.template',
  'batch/CronJob': 'spec.jobTemplate.spec.template',
  '/ReplicationController': 'spec.template',
};

/** A workload and its pod template. */
export interface Workload {
  readonly at: DistObject;
  readonly labels: Record<string, string>;
  readonly podSpec: Record<string, unknown>;
}

/** The workloads among `objects` (and bare Pods). */
export function workloadsOf(objects: readonly DistObject[]): Workload[] {
  const out: Workload[] = [];
  for (const o of objects) {
    const key = `${groupOf(o.object.apiVersion)}/${o.object.kind}`;
    if (key === '/Pod') {
      out.push({ at: o, labels: rec(o.object.metadata.labels) as Record<string, string>, podSpec: rec(o.object.spec) });
      continue;
    }
    const path = POD_TEMPLATE_PATHS[key];
    if (!path) continue;
    const template = rec(at(o.object, path));
    out.push({ at: o, labels: rec(rec(template.metadata).labels) as Record<string, string>, podSpec: rec(template.spec) });
  }
  return out;
}

/** Regular, init and ephemeral containers of a pod spec. */
export function containersOf(podSpec: Record<string, unknown>): Record<string, unknown>[] {
  return [...arr(podSpec.containers), ...arr(podSpec.initContainers), ...arr(podSpec.ephemeralContainers)].map(rec);
}
