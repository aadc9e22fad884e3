/**
 * Immutable fields (with `--base <ref>`): a change the API server rejects on UPDATE with "field
 * is immutable", which Argo CD only finds out when its sync fails. Each rule cites the upstream
 * update validation that enforces it.
 */
import { canonical, changedFrom, type BaseOptions } from '../base-objects.ts';
import { finding, groupOf, rec, type Check, type DistModel, type Finding, type KubeObject } from '../model.ts';

const CHECK = 'immutable';

/** Fields of one kind that may not change. */
interface ImmutableRule {
  readonly group: string;
  readonly kinds: readonly string[];
  /** Dotted paths from the object root. */
  readonly fields: readonly string[];
  /** Only when this holds for the old and new object. @default - always */
  readonly when?: (old: KubeObject, obj: KubeObject) => boolean;
  /** Also a change from unset to set (otherwise an unset field is left to server defaulting). @default false */
  readonly unsetCounts?: boolean;
  /** The upstream function (kubernetes/kubernetes) that enforces it. */
  readonly source: string;
}

const RULES: readonly ImmutableRule[] = [
  // pkg/registry/apps/deployment/strategy.go, replicaset/strategy.go, daemonset/strategy.go
  // ValidateUpdate: apps/v1 forbids changing spec.selector.
  {
    group: 'apps',
    kinds: ['Deployment', 'ReplicaSet', 'DaemonSet'],
    fields: ['spec.selector'],
    source: 'apps <kind>Strategy.ValidateUpdate',
  },
  // pkg/apis/apps/validation ValidateStatefulSetUpdate: only replicas, ordinals, template,
  // updateStrategy, revisionHistoryLimit, persistentVolumeClaimRetentionPolicy, minReadySeconds change.
  {
    group: 'apps',
    kinds: ['StatefulSet'],
    fields: ['spec.selector', 'spec.serviceName', 'spec.volumeClaimTemplates', 'spec.podManagementPolicy'],
    source: 'apps/validation ValidateStatefulSetUpdate',
  },
  // pkg/apis/batch/validation ValidateJobSpecUpdate: selector, template, completionMode, podFailurePolicy.
  {
    group: 'batch',
    kinds: ['Job'],
    fields: ['spec.selector', 'spec.template', 'spec.completionMode', 'spec.podFailurePolicy'],
    source: 'batch/validation ValidateJobSpecUpdate',
  },
  // pkg/apis/scheduling/validation ValidatePriorityClassUpdate: value and preemptionPolicy.
  {
    group: 'scheduling.k8s.io',
    kinds: ['PriorityClass'],
    fields: ['value', 'preemptionPolicy'],
    source: 'scheduling/validation ValidatePriorityClassUpdate',
  },
  // pkg/apis/core/validation ValidatePersistentVolumeClaimUpdate: the spec except resources and volumeAttributesClassName.
  {
    group: '',
    kinds: ['PersistentVolumeClaim'],
    fields: ['spec.accessModes', 'spec.selector', 'spec.storageClassName', 'spec.volumeMode', 'spec.dataSource', 'spec.dataSourceRef'],
    source: 'core/validation ValidatePersistentVolumeClaimUpdate',
  },
  // pkg/apis/core/validation ValidateServiceUpdate (validateClusterIPsUpdate): clusterIP(s) stay,
  // unless the Service becomes or stops being ExternalName; the primary IP family stays.
  {
    group: '',
    kinds: ['Service'],
    fields: ['spec.clusterIP', 'spec.clusterIPs', 'spec.ipFamilies.0'],
    when: (old, obj) => (rec(old.spec).type === 'ExternalName') === (rec(obj.spec).type === 'ExternalName'),
    source: 'core/validation ValidateServiceUpdate',
  },
  // pkg/apis/core/validation validateLoadBalancerClassField: fixed while the Service stays a LoadBalancer.
  {
    group: '',
    kinds: ['Service'],
    fields: ['spec.loadBalancerClass'],
    when: (old, obj) => rec(old.spec).type === 'LoadBalancer' && rec(obj.spec).type === 'LoadBalancer',
    unsetCounts: true,
    source: 'core/validation validateLoadBalancerClassField',
  },
  // pkg/apis/core/validation ValidateConfigMapUpdate / ValidateSecretUpdate: immutable: true freezes data.
  {
    group: '',
    kinds: ['ConfigMap', 'Secret'],
    fields: ['data', 'binaryData', 'stringData', 'immutable', 'type'],
    when: (old) => old.immutable === true,
    source: 'core/validation ValidateConfigMapUpdate, ValidateSecretUpdate',
  },
  // pkg/apis/storage/validation ValidateStorageClassUpdate.
  {
    group: 'storage.k8s.io',
    kinds: ['StorageClass'],
    fields: ['parameters', 'provisioner', 'reclaimPolicy', 'volumeBindingMode'],
    source: 'storage/validation ValidateStorageClassUpdate',
  },
  // pkg/apis/rbac/validation ValidateRoleBindingUpdate / ValidateClusterRoleBindingUpdate.
  {
    group: 'rbac.authorization.k8s.io',
    kinds: ['RoleBinding', 'ClusterRoleBinding'],
    fields: ['roleRef'],
    source: 'rbac/validation ValidateRoleBindingUpdate',
  },
];

function at(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((cur, key) => (Array.isArray(cur) ? cur[Number(key)] : rec(cur)[key]), obj);
}

/** The immutable fields `obj` changes relative to `old`, with the rule that forbids it. */
export function immutableChanges(old: KubeObject, obj: KubeObject): { field: string; source: string }[] {
  const group = groupOf(obj.apiVersion);
  const out: { field: string; source: string }[] = [];
  for (const rule of RULES) {
    if (rule.group !== group || !rule.kinds.includes(obj.kind) || (rule.when && !rule.when(old, obj))) continue;
    for (const field of rule.fields) {
      const before = at(old, field);
      const after = at(obj, field);
      // A field dist/ never set is defaulted or allocated by the server: rendering it later is no change.
      if (before === undefined && !rule.unsetCounts) continue;
      if (canonical(before ?? null) !== canonical(after ?? null)) out.push({ field, source: rule.source });
    }
  }
  return out;
}

/** The immutable-field check (no-op without `--base`). */
export const immutableCheck: Check = {
  name: CHECK,
  rules: ['immutable-field'],
  run(model: DistModel, options: BaseOptions): Finding[] {
    if (!options.base) return [];
    const findings: Finding[] = [];
    for (const o of model.objects) {
      const old = changedFrom(options, o.env, o.object);
      if (!old) continue;
      for (const c of immutableChanges(old, o.object)) {
        findings.push(
          finding(
            CHECK,
            o,
            'immutable-field',
            'error',
            `${c.field} changed since the base: the API server rejects the update (field is immutable, ${c.source}), so Argo CD's sync fails until the object is deleted and recreated`,
          ),
        );
      }
    }
    return findings;
  },
};
