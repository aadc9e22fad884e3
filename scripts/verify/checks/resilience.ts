/**
 * Resilience (prod): a Deployment with a PDB survives the loss of its worst zone without going
 * below the PDB, and its PDB always lets a node drain (at least one voluntary disruption).
 */
import { finding, rec, arr, groupOf, type Check, type DistModel, type DistObject, type Finding } from '../model.ts';
import { matchesLabelSelector } from '../label-selector.ts';
import { workloadsOf } from '../pod-templates.ts';
import { autoscalersOf } from '../autoscalers.ts';
import { minReplicas, requiredAvailable } from './integrity.ts';

const CHECK = 'resilience';
const ZONE = 'topology.kubernetes.io/zone';
/** Environments held to the zone-loss rule. */
const ENVIRONMENTS = new Set(['prod']);
/** Zones assumed when the NodePool does not say (us-east-1 a/b/c in every environment). */
const DEFAULT_ZONES = 3;

/** Zones of the NodePool the pod spec selects, or undefined when not determinable. */
export function zonesOf(podSpec: Record<string, unknown>, nodePools: readonly DistObject[]): number | undefined {
  const pool = rec(podSpec.nodeSelector)['karpenter.sh/nodepool'];
  const np = nodePools.find((p) => p.object.metadata.name === pool);
  if (!np) return undefined;
  const req = arr(rec(rec(rec(np.object.spec).template).spec).requirements)
    .map(rec)
    .find((r) => r.key === ZONE && r.operator === 'In');
  return req ? arr(req.values).length : undefined;
}

function checkEnv(objects: readonly DistObject[]): Finding[] {
  const out: Finding[] = [];
  const hpas = autoscalersOf(objects);
  const pdbs = objects.filter((o) => o.object.kind === 'PodDisruptionBudget' && groupOf(o.object.apiVersion) === 'policy');
  const nodePools = objects.filter((o) => o.object.kind === 'NodePool' && groupOf(o.object.apiVersion) === 'karpenter.sh');
  for (const w of workloadsOf(objects).filter((x) => x.at.object.kind === 'Deployment')) {
    const ns = w.at.object.metadata.namespace;
    for (const pdb of pdbs.filter(
      (p) => p.object.metadata.namespace === ns && matchesLabelSelector(rec(p.object.spec).selector, w.labels),
    )) {
      const spec = rec(pdb.object.spec);
      const { replicas: r, source } = minReplicas(w, hpas);
      const needed = requiredAvailable(spec, r);
      const name = `${w.at.object.kind} ${w.at.object.metadata.name}`;
      if (needed >= r) {
        out.push(
          finding(
            CHECK,
            pdb,
            'pdb-allows-disruption',
            'error',
            `allows no voluntary disruption of ${name}: ${needed} of ${r} pods (${source}) must stay available`,
          ),
        );
        continue;
      }
      const zones = zonesOf(w.podSpec, nodePools);
      const z = zones ?? DEFAULT_ZONES;
      const spread = arr(w.podSpec.topologySpreadConstraints)
        .map(rec)
        .find((t) => t.topologyKey === ZONE && t.whenUnsatisfiable === 'DoNotSchedule');
      const skew = spread ? Number(spread.maxSkew ?? 1) : undefined;
      // With a hard spread of maxSkew s, the fullest zone holds at most ceil((R + (Z-1)(s-1)) / Z) pods.
      const worst = skew === undefined ? r : Math.min(r, Math.ceil((r + (z - 1) * (skew - 1)) / z));
      const remaining = r - worst;
      if (remaining < needed) {
        const zoneText =
          zones === undefined ? `${z} zones (assumed: the NodePool's ${ZONE} requirement is not determinable)` : `${z} zones`;
        const spreadText = skew === undefined ? 'no DoNotSchedule zone spread, so all pods may share one zone' : `maxSkew ${skew}`;
        out.push(
          finding(
            CHECK,
            w.at,
            'zone-loss',
            'error',
            `losing one of ${zoneText} with ${r} replicas (${source}, ${spreadText}) leaves ${remaining} pods, below the ${needed} PDB ${pdb.object.metadata.name} requires`,
          ),
        );
      }
    }
  }
  return out;
}

/** The resilience check. */
export const resilienceCheck: Check = {
  name: CHECK,
  rules: ['pdb-allows-disruption', 'zone-loss'],
  run(model: DistModel): Finding[] {
    const envs = [...new Set(model.objects.map((o) => o.env))].filter((e) => ENVIRONMENTS.has(e));
    return envs.flatMap((env) => checkEnv(model.objects.filter((o) => o.env === env)));
  },
};
