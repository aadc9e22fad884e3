/**
 * LimitRange and ResourceQuota against the workloads of their namespace, as the LimitRanger and
 * ResourceQuota admission plugins judge each pod the controllers create.
 */
import { addQuantities, compareQuantities, parseQuantity, scaleQuantity, type Quantity } from '../cel/quantity.ts';
import { arr, groupOf, rec, type DistObject } from '../model.ts';
import type { Workload } from '../pod-templates.ts';
import type { Emit, EnvIndex } from './env-index.ts';
import { nsOf } from './env-index.ts';

/** Rules of this module. */
export const QUOTA_RULES = [
  'limitrange-max',
  'limitrange-min',
  'limitrange-ratio',
  'resourcequota-required',
  'resourcequota-min-scale',
  'resourcequota-max-scale',
  'resourcequota-object-count',
] as const;

type Bag = Map<string, Quantity>;
const ZERO: Quantity = { num: 0n, den: 1n };

function bag(values: unknown): Bag {
  const out: Bag = new Map();
  for (const [k, v] of Object.entries(rec(values))) {
    const q = parseQuantity(String(v));
    if (q) out.set(k, q);
  }
  return out;
}

/** A container's requests and limits after API defaulting and LimitRange defaults. */
interface Effective {
  readonly name: string;
  readonly requests: Bag;
  readonly limits: Bag;
}

// plugin/pkg/admission/limitranger/admission.go defaultContainerResourceRequirements (limits
// from `default`, requests from `defaultRequest`, itself defaulted to `default`), after
// pkg/apis/core/v1/defaults.go SetDefaults_Pod (a request defaults to its limit)
function effective(c: Record<string, unknown>, items: readonly Record<string, unknown>[]): Effective {
  const res = rec(c.resources);
  const limits = bag(res.limits);
  const requests = bag(res.requests);
  for (const [k, v] of limits) if (!requests.has(k)) requests.set(k, v);
  for (const item of items) {
    const def = bag(item.default);
    const defReq = bag(item.defaultRequest);
    for (const [k, v] of def) if (!defReq.has(k)) defReq.set(k, v);
    for (const [k, v] of def) if (!limits.has(k)) limits.set(k, v);
    for (const [k, v] of defReq) if (!requests.has(k)) requests.set(k, v);
  }
  return { name: String(c.name), requests, limits };
}

/** Container-type LimitRange items by namespace. */
type ItemsByNs = Map<string, { lr: DistObject; item: Record<string, unknown> }[]>;

function containerItems(ix: EnvIndex): ItemsByNs {
  const out: ItemsByNs = new Map();
  for (const lr of ix.of('/LimitRange')) {
    for (const raw of arr(rec(lr.object.spec).limits)) {
      const item = rec(raw);
      if (item.type !== 'Container') continue;
      const list = out.get(nsOf(lr));
      if (list) list.push({ lr, item });
      else out.set(nsOf(lr), [{ lr, item }]);
    }
  }
  return out;
}

function containers(podSpec: Record<string, unknown>): Record<string, unknown>[] {
  return [...arr(podSpec.initContainers), ...arr(podSpec.containers)].map(rec);
}

const show = (q: Quantity): string => (q.den === 1n ? String(q.num) : `${String(q.num)}/${String(q.den)}`);
const fmt = (q: Quantity, resource: string): string => {
  if (resource.includes('memory')) return `${(Number(q.num) / Number(q.den) / 2 ** 20).toFixed(0)}Mi`;
  return q.den === 1n ? String(q.num) : `${Math.round((Number(q.num) / Number(q.den)) * 1000)}m`;
};

// plugin/pkg/admission/limitranger/admission.go PodValidateLimitFunc (type Container): min
// against requests, max against limits, maxLimitRequestRatio against limit/request
function limitRanges(ix: EnvIndex, byNs: ItemsByNs, emit: Emit): void {
  for (const w of ix.workloads) {
    const items = byNs.get(nsOf(w.at)) ?? [];
    if (items.length === 0) continue;
    for (const c of containers(w.podSpec)) {
      const e = effective(
        c,
        items.map((x) => x.item),
      );
      for (const { lr, item } of items) {
        const where = `${w.at.file}: container ${e.name}: LimitRange ${lr.object.metadata.name}`;
        for (const [r, max] of bag(item.max)) {
          const limit = e.limits.get(r);
          if (!limit)
            emit(
              w.at,
              'limitrange-max',
              'error',
              `${where} sets max ${r} ${fmt(max, r)}, but the container has no ${r} limit: pods are refused`,
            );
          else if (compareQuantities(limit, max) > 0)
            emit(
              w.at,
              'limitrange-max',
              'error',
              `${where}: maximum ${r} usage per Container is ${fmt(max, r)}, but limit is ${fmt(limit, r)}: pods are refused`,
            );
        }
        for (const [r, min] of bag(item.min)) {
          const request = e.requests.get(r);
          if (!request)
            emit(
              w.at,
              'limitrange-min',
              'error',
              `${where} sets min ${r} ${fmt(min, r)}, but the container has no ${r} request: pods are refused`,
            );
          else if (compareQuantities(request, min) < 0)
            emit(
              w.at,
              'limitrange-min',
              'error',
              `${where}: minimum ${r} usage per Container is ${fmt(min, r)}, but request is ${fmt(request, r)}: pods are refused`,
            );
        }
        for (const [r, ratio] of bag(item.maxLimitRequestRatio)) {
          const limit = e.limits.get(r);
          const request = e.requests.get(r);
          if (
            limit &&
            request &&
            request.num > 0n &&
            compareQuantities({ num: limit.num * request.den, den: limit.den * request.num }, ratio) > 0
          )
            emit(
              w.at,
              'limitrange-ratio',
              'error',
              `${where}: ${r} max limit to request ratio per Container is ${show(ratio)}, but the container's is higher: pods are refused`,
            );
        }
      }
    }
  }
}

function replicasOf(w: Workload, hpa: DistObject | undefined): { min: number; max: number; surge: number } | undefined {
  const spec = rec(w.at.object.spec);
  if (w.at.object.kind === 'Pod') return { min: 1, max: 1, surge: 0 };
  if (!['Deployment', 'StatefulSet', 'ReplicaSet'].includes(w.at.object.kind)) return undefined;
  const h = rec(hpa?.object.spec);
  const min = hpa ? Number(h.minReplicas ?? 1) : Number(spec.replicas ?? 1);
  const max = hpa ? Number(h.maxReplicas ?? min) : min;
  // apps/v1 defaults: maxSurge 25% rounded up (deployment util ResolveFenceposts)
  const raw = rec(rec(spec.strategy).rollingUpdate).maxSurge ?? '25%';
  const surge =
    w.at.object.kind !== 'Deployment' || rec(spec.strategy).type === 'Recreate'
      ? 0
      : typeof raw === 'number'
        ? raw
        : Math.ceil((Number(String(raw).replace('%', '')) * max) / 100);
  return { min, max, surge };
}

// The quota resource names a pod consumes (pkg/quota/v1/evaluator/core/pods.go PodUsageFunc)
function podUsage(podSpec: Record<string, unknown>, items: readonly Record<string, unknown>[]): { usage: Bag; missing: Set<string> } {
  const usage: Bag = new Map([['pods', { num: 1n, den: 1n }]]);
  const missing = new Set<string>();
  const add = (key: string, q: Quantity): void => void usage.set(key, addQuantities(usage.get(key) ?? ZERO, q));
  for (const c of arr(podSpec.containers).map(rec)) {
    const e = effective(c, items);
    for (const r of ['cpu', 'memory']) {
      const req = e.requests.get(r);
      const lim = e.limits.get(r);
      if (req) add(`requests.${r}`, req);
      else missing.add(`requests.${r}`);
      if (lim) add(`limits.${r}`, lim);
      else missing.add(`limits.${r}`);
    }
    for (const [r, q] of e.requests) if (r !== 'cpu' && r !== 'memory') add(`requests.${r}`, q);
  }
  for (const k of ['cpu', 'memory']) {
    const v = usage.get(`requests.${k}`);
    if (v) usage.set(k, v);
  }
  return { usage, missing };
}

// plugin/pkg/admission/resourcequota/controller.go: a pod is refused when the namespace's quota
// tracks a compute resource the pod does not specify, or when its usage would exceed `hard`
function resourceQuotas(ix: EnvIndex, byNs: ItemsByNs, emit: Emit): void {
  const workloadsByNs = new Map<string, Workload[]>();
  for (const w of ix.workloads) {
    const list = workloadsByNs.get(nsOf(w.at));
    if (list) list.push(w);
    else workloadsByNs.set(nsOf(w.at), [w]);
  }
  const hpaFor = new Map<string, DistObject>();
  for (const h of ix.of('autoscaling/HorizontalPodAutoscaler')) {
    const ref = rec(rec(h.object.spec).scaleTargetRef);
    hpaFor.set(`${nsOf(h)}|${String(ref.kind)}|${String(ref.name)}`, h);
  }
  for (const quota of ix.of('/ResourceQuota')) {
    const spec = rec(quota.object.spec);
    if (spec.scopes !== undefined || spec.scopeSelector !== undefined) continue; // scoped quotas are not modelled
    const hard = bag(spec.hard);
    const ns = nsOf(quota);
    const items = (byNs.get(ns) ?? []).map((x) => x.item);
    const atMin: Bag = new Map();
    const atMax: Bag = new Map();
    const add = (b: Bag, key: string, q: Quantity, n: number): void =>
      void b.set(key, addQuantities(b.get(key) ?? ZERO, scaleQuantity(q, BigInt(n))));
    for (const w of workloadsByNs.get(ns) ?? []) {
      const { usage, missing } = podUsage(w.podSpec, items);
      for (const key of missing)
        if (hard.has(key))
          emit(
            w.at,
            'resourcequota-required',
            'error',
            `${w.at.file}: ResourceQuota ${quota.object.metadata.name} tracks ${key} but a container sets none (nor does a LimitRange default): pods are refused`,
          );
      const r = replicasOf(w, hpaFor.get(`${ns}|${w.at.object.kind}|${w.at.object.metadata.name}`));
      if (!r) continue;
      for (const [key, q] of usage) {
        add(atMin, key, q, r.min);
        add(atMax, key, q, r.max + r.surge);
      }
    }
    for (const [key, limit] of hard) {
      const min = atMin.get(key);
      const max = atMax.get(key);
      if (min && compareQuantities(min, limit) > 0)
        emit(
          quota,
          'resourcequota-min-scale',
          'error',
          `${quota.file}: spec.hard[${key}] ${fmt(limit, key)} is below what the namespace's workloads use at minimum replicas (${fmt(min, key)}): pods are refused`,
        );
      else if (max && compareQuantities(max, limit) > 0)
        emit(
          quota,
          'resourcequota-max-scale',
          'warning',
          `${quota.file}: spec.hard[${key}] ${fmt(limit, key)} is below what the namespace's workloads use at maximum replicas plus rollout surge (${fmt(max, key)}): scale-out or rollouts stall`,
        );
    }
  }
}

// Objects every namespace holds without dist/ rendering them: the root CA ConfigMap
// (pkg/controller/certificates/rootcacertpublisher) and the default ServiceAccount
// (pkg/controller/serviceaccount).
const IMPLICIT: Readonly<Record<string, number>> = { configmaps: 1, 'count/configmaps': 1, 'count/serviceaccounts': 1 };
// Quota names of object counts (pkg/quota/v1/evaluator/core: services, configmaps, … and the
// generic `count/<resource>.<group>`).
const LEGACY_COUNTS = new Set(['services', 'configmaps', 'secrets', 'persistentvolumeclaims', 'replicationcontrollers', 'resourcequotas']);

/** `count/<plural>[.<group>]` of an object (lower-case kind, English plural as the API uses). */
function countKey(o: DistObject): string {
  const kind = o.object.kind.toLowerCase();
  const plural = kind.endsWith('y') ? `${kind.slice(0, -1)}ies` : kind.endsWith('s') ? `${kind}es` : `${kind}s`;
  const group = groupOf(o.object.apiVersion);
  return `count/${plural}${group ? `.${group}` : ''}`;
}

// plugin/pkg/admission/resourcequota: creating an object beyond a quota's object count is refused
function objectCounts(ix: EnvIndex, emit: Emit): void {
  const counts = new Map<string, number>();
  for (const o of ix.objects) {
    if (o.object.metadata.namespace === undefined) continue;
    const key = countKey(o);
    const legacy = key.slice('count/'.length);
    for (const k of LEGACY_COUNTS.has(legacy) ? [key, legacy] : [key])
      counts.set(`${nsOf(o)}|${k}`, (counts.get(`${nsOf(o)}|${k}`) ?? 0) + 1);
  }
  for (const quota of ix.of('/ResourceQuota')) {
    for (const [key, raw] of Object.entries(rec(rec(quota.object.spec).hard))) {
      if (!(key.startsWith('count/') || LEGACY_COUNTS.has(key))) continue;
      const used = (counts.get(`${nsOf(quota)}|${key}`) ?? 0) + (IMPLICIT[key] ?? 0);
      const limit = Number(raw);
      if (Number.isFinite(limit) && used > limit)
        emit(
          quota,
          'resourcequota-object-count',
          'error',
          `${quota.file}: spec.hard[${key}]: ${limit} is below the ${used} such objects the namespace holds (rendered plus the cluster's own): Argo CD's sync of the rest is refused`,
        );
    }
  }
}

/** Runs the LimitRange and ResourceQuota rules on one environment. */
export function checkQuotas(ix: EnvIndex, emit: Emit): void {
  const byNs = containerItems(ix);
  limitRanges(ix, byNs, emit);
  resourceQuotas(ix, byNs, emit);
  objectCounts(ix, emit);
}
