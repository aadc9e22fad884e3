/**
 * Platform: what a non-EKS cluster (the marker of ./../platform.ts) cannot run. On k3s nothing may
 * name AWS (no cloud IAM, no Karpenter), and one node must be enough: one replica, no autoscaler
 * asking for more, PDBs that let the node drain and no zone spread the node cannot satisfy.
 */
import { finding, groupOf, rec, type Check, type DistObject, type Finding } from '../model.ts';
import { NOT_APPLICABLE, platformsByEnv, strings, templateSpec, zoneHardSpread } from '../platform.ts';

const CHECK = 'platform';

/** Strings only an AWS cluster resolves: IRSA, ARNs, AWS endpoints and registries, Karpenter's labels. */
const CLOUD = /(eks\.amazonaws\.com\/|arn:aws[a-z-]*:|\.amazonaws\.com|^karpenter\.(sh|k8s\.aws)\/)/;
const KARPENTER_GROUPS = new Set(['karpenter.sh', 'karpenter.k8s.aws']);

function noCloud(o: DistObject): Finding[] {
  if (KARPENTER_GROUPS.has(groupOf(o.object.apiVersion)))
    return [finding(CHECK, o, 'no-cloud', 'error', `${o.file}: ${o.object.kind} is Karpenter's: this platform has no node provisioner`)];
  const hit = [...strings(o.object, '')].find((s) => CLOUD.test(s.value));
  if (!hit) return [];
  return [
    finding(CHECK, o, 'no-cloud', 'error', `${o.file}: ${hit.path.slice(1)}: "${hit.value}" names AWS, which this platform does not have`),
  ];
}

// One node: kubectl drain evicts every pod through the eviction API, which refuses while a PDB's
// disruptionsAllowed is 0 (kubernetes pkg/registry/core/pod/storage/eviction.go, checkAndDecrement).
function singleNode(o: DistObject): Finding[] {
  const spec = rec(o.object.spec);
  const out: Finding[] = [];
  const kind = o.object.kind;
  const more = (field: string, value: unknown): void => {
    if (typeof value === 'number' && value > 1)
      out.push(finding(CHECK, o, 'single-node', 'error', `${o.file}: spec.${field}: ${value} above one replica on a single node`));
  };
  if (kind === 'Deployment' || kind === 'StatefulSet') more('replicas', spec.replicas);
  if (kind === 'HorizontalPodAutoscaler') more('minReplicas', spec.minReplicas);
  if (kind === 'ScaledObject') more('minReplicaCount', spec.minReplicaCount);
  if (kind === 'PodDisruptionBudget') {
    const blocks =
      (spec.minAvailable !== undefined && spec.minAvailable !== 0 && spec.minAvailable !== '0%') ||
      spec.maxUnavailable === 0 ||
      spec.maxUnavailable === '0%';
    if (blocks)
      out.push(
        finding(
          CHECK,
          o,
          'single-node',
          'error',
          `${o.file}: spec: ${JSON.stringify({ minAvailable: spec.minAvailable, maxUnavailable: spec.maxUnavailable })} keeps the only node from draining: use maxUnavailable >= 1`,
        ),
      );
  }
  const pod = templateSpec(o);
  // A node without the zone label fails a DoNotSchedule zone constraint (kubernetes
  // pkg/scheduler/framework/plugins/podtopologyspread/filtering.go, Filter).
  if (pod && zoneHardSpread(pod))
    out.push(
      finding(
        CHECK,
        o,
        'single-node',
        'error',
        `${o.file}: spec.template.spec.topologySpreadConstraints: a DoNotSchedule spread over topology.kubernetes.io/zone, which a single k3s node does not carry: the pods never schedule`,
      ),
    );
  return out;
}

/** The platform check. */
export const platformCheck: Check = {
  name: CHECK,
  rules: ['known-platform', 'no-cloud', 'single-node'],
  run(model) {
    const out: Finding[] = [];
    for (const [env, platform] of platformsByEnv(model.objects)) {
      if (platform.platform === 'eks') continue;
      if (!(platform.platform in NOT_APPLICABLE)) {
        out.push(
          finding(
            CHECK,
            platform.marker as DistObject,
            'known-platform',
            'error',
            `data.platform "${platform.platform}" is not a platform verify knows (${Object.keys(NOT_APPLICABLE).join(', ')})`,
          ),
        );
        continue;
      }
      for (const o of model.objects.filter((x) => x.env === env)) out.push(...noCloud(o), ...singleNode(o));
    }
    return out;
  },
};
