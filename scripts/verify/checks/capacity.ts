/**
 * Capacity: the workloads a Karpenter NodePool hosts, all scaled out (HPA maxReplicas or
 * ScaledObject maxReplicaCount, else
 * spec.replicas), fit the pool's `spec.limits` for cpu, memory and nvidia.com/gpu.
 */
import { addQuantities, compareQuantities, parseQuantity, quantityToNumber, scaleQuantity, type Quantity } from '../cel/quantity.ts';
import { arr, finding, groupOf, rec, type Check, type DistModel, type DistObject, type Finding } from '../model.ts';
import { workloadsOf, type Workload } from '../pod-templates.ts';
import { autoscalersOf, scaleBounds } from '../autoscalers.ts';
import { autoscalerOf } from './integrity.ts';

const CHECK = 'capacity';
const RESOURCES = ['cpu', 'memory', 'nvidia.com/gpu'] as const;
const ZERO: Quantity = { num: 0n, den: 1n };

/** A pod's effective request of `resource`: max(sum of containers, largest init container). */
export function podRequest(podSpec: Record<string, unknown>, resource: string): Quantity {
  const req = (c: unknown): Quantity => {
    const v = rec(rec(rec(c).resources).requests)[resource] ?? rec(rec(rec(c).resources).limits)[resource];
    return v === undefined ? ZERO : (parseQuantity(String(v)) ?? ZERO);
  };
  const sum = arr(podSpec.containers).reduce<Quantity>((acc, c) => addQuantities(acc, req(c)), ZERO);
  return arr(podSpec.initContainers).reduce<Quantity>((acc, c) => (compareQuantities(req(c), acc) > 0 ? req(c) : acc), sum);
}

function maxReplicas(w: Workload, hpas: readonly DistObject[]): number {
  const hpa = autoscalerOf(w, hpas);
  if (hpa) return scaleBounds(hpa).max;
  if (w.at.object.kind === 'Job') return Number(rec(w.at.object.spec).parallelism ?? 1);
  return Number(rec(w.at.object.spec).replicas ?? 1);
}

function show(resource: string, q: Quantity): string {
  const n = quantityToNumber(q);
  return resource === 'memory' ? `${(n / 2 ** 30).toFixed(2)}Gi` : String(Math.round(n * 1000) / 1000);
}

function checkEnv(objects: readonly DistObject[]): Finding[] {
  const out: Finding[] = [];
  const pools = objects.filter((o) => o.object.kind === 'NodePool' && groupOf(o.object.apiVersion) === 'karpenter.sh');
  if (pools.length === 0) return out;
  const hpas = autoscalersOf(objects);
  const workloads = workloadsOf(objects).filter((w) => w.at.object.kind !== 'DaemonSet' && w.at.object.kind !== 'CronJob');
  for (const w of workloads) {
    const pool = rec(w.podSpec.nodeSelector)['karpenter.sh/nodepool'];
    if (typeof pool === 'string' && !pools.some((p) => p.object.metadata.name === pool)) {
      out.push(
        finding(
          CHECK,
          w.at,
          'nodepool-exists',
          'error',
          `nodeSelector karpenter.sh/nodepool: ${pool} names no NodePool in this environment`,
        ),
      );
    }
  }
  for (const pool of pools) {
    const limits = rec(rec(pool.object.spec).limits);
    const hosted = workloads.filter((w) => rec(w.podSpec.nodeSelector)['karpenter.sh/nodepool'] === pool.object.metadata.name);
    for (const resource of RESOURCES) {
      const total = hosted.reduce<Quantity>(
        (acc, w) => addQuantities(acc, scaleQuantity(podRequest(w.podSpec, resource), BigInt(maxReplicas(w, hpas)))),
        ZERO,
      );
      if (limits[resource] === undefined) {
        if (compareQuantities(total, ZERO) > 0 && resource !== 'nvidia.com/gpu')
          out.push(
            finding(CHECK, pool, 'limits-set', 'warning', `no spec.limits.${resource}: Karpenter may scale this pool without bound`),
          );
        continue;
      }
      const limit = parseQuantity(String(limits[resource]));
      if (!limit) {
        out.push(finding(CHECK, pool, 'fits-limits', 'error', `spec.limits.${resource} "${String(limits[resource])}" is not a quantity`));
        continue;
      }
      if (compareQuantities(total, limit) > 0) {
        const parts = hosted
          .map((w) => `${w.at.object.metadata.name} ${maxReplicas(w, hpas)}×${show(resource, podRequest(w.podSpec, resource))}`)
          .join(', ');
        out.push(
          finding(
            CHECK,
            pool,
            'fits-limits',
            'error',
            `${resource} requests at max scale ${show(resource, total)} exceed spec.limits.${resource} ${String(limits[resource])} (${parts})`,
          ),
        );
      }
    }
  }
  return out;
}

/** The capacity check. */
export const capacityCheck: Check = {
  name: CHECK,
  rules: ['nodepool-exists', 'limits-set', 'fits-limits'],
  run(model: DistModel): Finding[] {
    const envs = [...new Set(model.objects.map((o) => o.env))];
    return envs.flatMap((env) => checkEnv(model.objects.filter((o) => o.env === env)));
  },
};
