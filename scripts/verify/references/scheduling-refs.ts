/**
 * Scheduling references: PriorityClasses, StorageClasses, Karpenter NodePool → EC2NodeClass, and
 * whether a pod can land on the NodePool it selects (taints, requirements, GPUs per instance).
 */
import { clusterPlatform } from '../platform.ts';
import { parseQuantity, quantityToNumber } from '../cel/quantity.ts';
import { arr, rec, type DistObject } from '../model.ts';
import { containersOf } from '../pod-templates.ts';
import { podSpecPath, type Emit, type EnvIndex } from './env-index.ts';
import { familyMaxGpus, instanceGpus } from './instance-gpus.ts';

/** Rules of this module. */
export const SCHEDULING_REF_RULES = [
  'priorityclass-exists',
  'storageclass-exists',
  'nodepool-nodeclass',
  'nodepool-tolerations',
  'nodepool-requirements',
  'nodepool-gpus',
] as const;

// k8s.io/kubernetes pkg/apis/scheduling/types.go SystemClusterCritical / SystemNodeCritical:
// the API server creates these two in every cluster.
const BUILTIN_PRIORITY_CLASSES = new Set(['system-cluster-critical', 'system-node-critical']);
const GPU = 'nvidia.com/gpu';
// Labels Karpenter can put on any node it launches without a requirement naming them
// (kubernetes-sigs/karpenter pkg/apis/v1/labels.go WellKnownLabels, plus the AWS provider's).
const WELL_KNOWN =
  /^(karpenter\.sh\/capacity-type|karpenter\.sh\/nodepool|kubernetes\.io\/arch|kubernetes\.io\/os|node\.kubernetes\.io\/instance-type|topology\.kubernetes\.io\/(zone|region)|karpenter\.k8s\.aws\/.+)$/;

/** Every string value under a key named `key`, with its field path. */
function* valuesNamed(key: string, value: unknown, path: string): Generator<{ path: string; name: string }> {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield* valuesNamed(key, v, `${path}[${i}]`);
    return;
  }
  for (const [k, v] of Object.entries(rec(value))) {
    if (k === key && typeof v === 'string') yield { path: `${path}.${k}`, name: v };
    else yield* valuesNamed(key, v, `${path}.${k}`);
  }
}

/** The Helm values of an add-on Application (`valuesObject`), or undefined. */
function helmValues(app: DistObject): unknown {
  return rec(rec(rec(app.object.spec).source).helm).valuesObject;
}

const VALUES_PATH = 'spec.source.helm.valuesObject';

// plugin/pkg/admission/priority/admission.go (Priority admission): an unknown
// priorityClassName is refused at pod creation. Pod templates in dist/ and in add-on values.
function priorityClasses(ix: EnvIndex, emit: Emit): void {
  const refs: { at: DistObject; path: string; name: string }[] = [
    ...ix.workloads.map((w) => ({
      at: w.at,
      path: `${podSpecPath(w.at)}.priorityClassName`,
      name: String(w.podSpec.priorityClassName ?? ''),
    })),
    ...ix
      .of('argoproj.io/Application')
      .flatMap((a) => [...valuesNamed('priorityClassName', helmValues(a), VALUES_PATH)].map((r) => ({ at: a, ...r }))),
  ];
  for (const { at, path, name } of refs) {
    if (name === '' || BUILTIN_PRIORITY_CLASSES.has(name) || ix.get('scheduling.k8s.io/PriorityClass', name)) continue;
    emit(
      at,
      'priorityclass-exists',
      'error',
      `${at.file}: ${path}: "${name}": no PriorityClass with that name is rendered (pods are refused by the Priority admission plugin)`,
    );
  }
}

// kubernetes pkg/controller/volume/persistentvolume (PV controller): a claim naming a
// StorageClass nothing provides stays Pending ("storageclass not found"). References come from
// PVCs, StatefulSet volumeClaimTemplates and Helm values of add-on Applications.
function storageClasses(ix: EnvIndex, emit: Emit): void {
  const rendered = ix.of('storage.k8s.io/StorageClass').length > 0;
  const builtIn = new Set(clusterPlatform(ix.objects).storageClasses);
  const sources: DistObject[] = [...ix.of('/PersistentVolumeClaim'), ...ix.of('apps/StatefulSet'), ...ix.of('argoproj.io/Application')];
  for (const o of sources) {
    const isApp = o.object.kind === 'Application';
    for (const ref of valuesNamed('storageClassName', isApp ? helmValues(o) : o.object.spec, isApp ? VALUES_PATH : 'spec')) {
      if (ref.name === '' || builtIn.has(ref.name) || ix.get('storage.k8s.io/StorageClass', ref.name)) continue;
      emit(
        o,
        'storageclass-exists',
        rendered ? 'error' : 'warning',
        `${o.file}: ${ref.path}: StorageClass "${ref.name}" is not rendered${rendered ? '' : " (dist/ renders no StorageClass at all, so the cluster's own classes are unknown)"}: its claims would stay Pending`,
      );
    }
  }
}

// kubernetes-sigs/karpenter pkg/controllers/nodeclaim/lifecycle (launch): a NodePool whose
// nodeClassRef resolves to nothing never launches a node.
function nodeClasses(ix: EnvIndex, emit: Emit): void {
  for (const pool of ix.of('karpenter.sh/NodePool')) {
    const ref = rec(rec(rec(rec(pool.object.spec).template).spec).nodeClassRef);
    const gk = `${String(ref.group ?? 'karpenter.k8s.aws')}/${String(ref.kind ?? 'EC2NodeClass')}`;
    if (!ix.get(gk, String(ref.name)))
      emit(
        pool,
        'nodepool-nodeclass',
        'error',
        `${pool.file}: spec.template.spec.nodeClassRef: ${gk} "${String(ref.name)}" is not rendered: the pool can never launch a node`,
      );
  }
}

// k8s.io/api core/v1 toleration.go ToleratesTaint
function tolerates(tolerations: readonly Record<string, unknown>[], taint: Record<string, unknown>): boolean {
  return tolerations.some((t) => {
    if (t.effect !== undefined && t.effect !== '' && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return t.key === undefined || t.key === '' || t.key === taint.key;
    return t.key === taint.key && String(t.value ?? '') === String(taint.value ?? '');
  });
}

interface Requirement {
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
}

/** Whether a node label `value` satisfies a requirement `operator values` (core/v1 NodeSelectorOperator). */
function allows(operator: string, values: readonly string[], value: string): boolean {
  switch (operator) {
    case 'In':
      return values.includes(value);
    case 'NotIn':
      return !values.includes(value);
    case 'Exists':
      return true;
    case 'DoesNotExist':
      return false;
    case 'Gt':
      return Number(value) > Number(values[0]);
    case 'Lt':
      return Number(value) < Number(values[0]);
    default:
      return false;
  }
}

// kubernetes-sigs/karpenter pkg/scheduling/requirements.go Compatible: a pod's nodeSelector
// value must be allowed by the pool's requirement on that key, or by its template labels
function incompatibleSelector(pool: DistObject, selector: Record<string, string>): string | undefined {
  const template = rec(rec(pool.object.spec).template);
  const labels = rec(rec(template.metadata).labels);
  const reqs = arr(rec(template.spec).requirements).map((r) => rec(r) as unknown as Requirement);
  for (const [key, value] of Object.entries(selector)) {
    if (key === 'karpenter.sh/nodepool') continue;
    if (key in labels) {
      if (String(labels[key]) !== value) return `${key}=${value} but the pool's nodes are labelled ${key}=${String(labels[key])}`;
      continue;
    }
    const r = reqs.find((x) => x.key === key);
    if (!r) {
      if (!WELL_KNOWN.test(key)) return `${key}=${value} is neither a template label nor a requirement of the pool`;
      continue;
    }
    const values = arr(r.values).map(String);
    const ok = allows(r.operator, values, value);
    if (!ok) return `${key}=${value} is outside the pool's requirement ${key} ${r.operator} [${values.join(', ')}]`;
  }
  return undefined;
}

/** The most GPUs any instance the pool allows has, or undefined when the pool's types are unknown. */
export function poolMaxGpus(pool: DistObject): number | undefined {
  const reqs = arr(rec(rec(rec(pool.object.spec).template).spec).requirements).map((r) => rec(r));
  const values = (key: string): string[] | undefined => {
    const r = reqs.find((x) => x.key === key && x.operator === 'In');
    return r ? arr(r.values).map(String) : undefined;
  };
  const types = values('node.kubernetes.io/instance-type');
  if (types) {
    const counts = types.map(instanceGpus);
    return counts.some((c) => c === undefined) ? undefined : Math.max(0, ...(counts as number[]));
  }
  const families = values('karpenter.k8s.aws/instance-family');
  if (families) {
    const counts = families.map(familyMaxGpus);
    return counts.some((c) => c === undefined) ? undefined : Math.max(0, ...(counts as number[]));
  }
  const gpuCounts = values('karpenter.k8s.aws/instance-gpu-count');
  return gpuCounts ? Math.max(0, ...gpuCounts.map(Number)) : undefined;
}

function gpusRequested(podSpec: Record<string, unknown>): number {
  return containersOf(podSpec).reduce((sum, c) => {
    const res = rec(c.resources);
    const v = rec(res.limits)[GPU] ?? rec(res.requests)[GPU];
    const q = v === undefined ? undefined : parseQuantity(String(v));
    return sum + (q ? quantityToNumber(q) : 0);
  }, 0);
}

// Pods that select a NodePool (karpenter.sh/nodepool) must tolerate its taints, fit its
// requirements, and ask for no more GPUs than its largest allowed instance has (Karpenter
// pkg/controllers/provisioning/scheduling: such pods stay Pending).
function poolScheduling(ix: EnvIndex, emit: Emit): void {
  for (const w of ix.workloads) {
    const selector = rec(w.podSpec.nodeSelector) as Record<string, string>;
    const poolName = selector['karpenter.sh/nodepool'];
    if (poolName === undefined) continue;
    const pool = ix.get('karpenter.sh/NodePool', poolName);
    if (!pool) continue; // capacity/nodepool-exists reports it
    const where = `${w.at.file}: pod template selects NodePool ${poolName}`;
    const tolerations = arr(w.podSpec.tolerations).map(rec);
    for (const taint of arr(rec(rec(rec(pool.object.spec).template).spec).taints).map(rec)) {
      if (taint.effect === 'PreferNoSchedule' || tolerates(tolerations, taint)) continue;
      emit(
        w.at,
        'nodepool-tolerations',
        'error',
        `${where}, whose nodes carry taint ${String(taint.key)}${taint.value ? `=${String(taint.value)}` : ''}:${String(taint.effect)} that the pod does not tolerate: it stays Pending`,
      );
    }
    const bad = incompatibleSelector(pool, selector);
    if (bad) emit(w.at, 'nodepool-requirements', 'error', `${where}, but ${bad}: it stays Pending`);
    const wanted = gpusRequested(w.podSpec);
    const max = poolMaxGpus(pool);
    if (wanted > 0 && max !== undefined && wanted > max)
      emit(
        w.at,
        'nodepool-gpus',
        'error',
        `${where}: a pod asks for ${wanted} ${GPU} but the pool's largest allowed instance has ${max}: it stays Pending`,
      );
  }
}

/** Runs the scheduling reference rules on one environment. */
export function checkSchedulingRefs(ix: EnvIndex, emit: Emit): void {
  priorityClasses(ix, emit);
  storageClasses(ix, emit);
  nodeClasses(ix, emit);
  poolScheduling(ix, emit);
}
