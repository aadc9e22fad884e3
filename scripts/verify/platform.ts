/**
 * Which platform an environment's cluster is, read from dist/ only: synth renders a marker
 * ConfigMap (`kube-system/fintrack-platform`, charts/cluster/platform-marker.ts) for every platform
 * but EKS, naming the platform and what it provides outside dist/ (StorageClasses, IngressClasses,
 * system pods). No marker means EKS, where every check applies.
 */
import { arr, rec, type DistObject } from './model.ts';

/** Where the marker is (the same name charts/cluster/platform-marker.ts renders; verify never imports charts). */
export const PLATFORM_MARKER = { kind: 'ConfigMap', namespace: 'kube-system', name: 'fintrack-platform' } as const;

/** What verify knows of one environment's platform. */
export interface ClusterPlatform {
  /** `eks` (no marker) or the marker's `platform`. */
  readonly platform: string;
  /** StorageClasses the platform creates itself (they exist before any wave). */
  readonly storageClasses: readonly string[];
  /** IngressClasses the platform creates itself. */
  readonly ingressClasses: readonly string[];
  /** Pods the platform runs that NetworkPolicies may name. */
  readonly systemPeers: readonly { readonly namespace: string; readonly labels: Readonly<Record<string, string>> }[];
  /** The marker object, when there is one. */
  readonly marker?: DistObject;
}

/** Platforms verify knows, each with the checks that do not apply to it and why. */
export const NOT_APPLICABLE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  eks: {},
  k3s: {
    contract:
      'no AWS account: nothing in dist/ names an AWS resource (platform/no-cloud proves it) and there is no terraform/environments/<env>/contract.json',
    capacity: 'no Karpenter NodePools: a single node, sized by whoever runs it',
  },
};

const words = (value: unknown): string[] => (typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : []);

/** The platform of one environment, from its objects. */
export function clusterPlatform(objects: readonly DistObject[]): ClusterPlatform {
  const marker = objects.find(
    (o) =>
      o.object.kind === PLATFORM_MARKER.kind &&
      o.object.apiVersion === 'v1' &&
      o.object.metadata.name === PLATFORM_MARKER.name &&
      o.object.metadata.namespace === PLATFORM_MARKER.namespace,
  );
  if (!marker) return { platform: 'eks', storageClasses: [], ingressClasses: [], systemPeers: [] };
  const data = rec(marker.object.data);
  const systemPeers = words(data.systemPeers).map((peer) => {
    // `<namespace>/<key>=<value>,…`: label keys hold `/` themselves, so split at the first one only.
    const slash = peer.indexOf('/');
    const labels = peer.slice(slash + 1).split(',');
    return {
      namespace: peer.slice(0, slash),
      labels: Object.fromEntries(labels.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])),
    };
  });
  return {
    platform: typeof data.platform === 'string' ? data.platform : '',
    storageClasses: words(data.storageClasses),
    ingressClasses: words(data.ingressClasses),
    systemPeers,
    marker,
  };
}

/** Platforms of every environment in `objects`. */
export function platformsByEnv(objects: readonly DistObject[]): Map<string, ClusterPlatform> {
  const byEnv = new Map<string, DistObject[]>();
  for (const o of objects) byEnv.set(o.env, [...(byEnv.get(o.env) ?? []), o]);
  return new Map([...byEnv].map(([env, list]) => [env, clusterPlatform(list)]));
}

/** Why `check` does not apply to `platform`, or undefined when it does. */
export function notApplicable(platform: string, check: string): string | undefined {
  return NOT_APPLICABLE[platform]?.[check];
}

/** Every string in a value with its path (annotations, Helm values, env values…). */
export function* strings(value: unknown, path: string): Generator<{ path: string; value: string }> {
  if (typeof value === 'string') yield { path, value };
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${path}[${i}]`);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      yield { path: `${path}.${k}`, value: k };
      yield* strings(v, `${path}.${k}`);
    }
}

/** The pod templates' specs of a workload-like object (Deployment, StatefulSet, …). */
export function templateSpec(o: DistObject): Record<string, unknown> | undefined {
  const tpl = rec(rec(o.object.spec).template);
  return Object.keys(tpl).length > 0 ? rec(tpl.spec) : undefined;
}

/** Topology spread constraints of a pod spec that refuse to schedule on a node without the zone label. */
export function zoneHardSpread(spec: Record<string, unknown>): boolean {
  return arr(spec.topologySpreadConstraints)
    .map(rec)
    .some((c) => c.topologyKey === 'topology.kubernetes.io/zone' && c.whenUnsatisfiable === 'DoNotSchedule');
}
