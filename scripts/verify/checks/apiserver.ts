/**
 * API-server validation: what `kubectl apply` would be refused with before any controller or
 * admission webhook sees the object, following k8s.io/kubernetes pkg/apis/<group>/validation for
 * every built-in kind dist/ renders (rule modules in ../apiserver/), and object metadata for all.
 */
import { AUTOSCALING_RULES, validateHpa } from '../apiserver/autoscaling.ts';
import { CONTAINER_RULES } from '../apiserver/containers.ts';
import { CORE_RULES, validateConfigMap, validateLimitRange, validateResourceQuota, validateService } from '../apiserver/core-objects.ts';
import { NETWORKING_RULES, validateIngress, validateNetworkPolicy } from '../apiserver/networking.ts';
import { META_RULES, validateObjectMeta } from '../apiserver/object-meta.ts';
import { POD_RULES, validatePodSpec } from '../apiserver/pod-spec.ts';
import { POLICY_RULES, validatePdb } from '../apiserver/policy.ts';
import { Problems } from '../apiserver/problems.ts';
import { SCHEDULING_RULES, validatePriorityClass } from '../apiserver/scheduling.ts';
import { WORKLOAD_RULES, validateWorkload } from '../apiserver/workloads.ts';
import { fileLocator } from '../field-line.ts';
import { finding, groupOf, rec, type Check, type DistModel, type Finding, type KubeObject } from '../model.ts';

const CHECK = 'apiserver';

/** Kind-specific validation by `group/Kind`. */
const VALIDATORS: Readonly<Record<string, (obj: KubeObject, p: Problems) => void>> = {
  'apps/Deployment': validateWorkload,
  'apps/StatefulSet': validateWorkload,
  'apps/DaemonSet': validateWorkload,
  'apps/ReplicaSet': validateWorkload,
  'batch/Job': validateWorkload,
  'batch/CronJob': validateWorkload,
  '/Pod': (obj, p) => validatePodSpec(rec(obj.spec), 'spec', p),
  'autoscaling/HorizontalPodAutoscaler': validateHpa,
  'policy/PodDisruptionBudget': validatePdb,
  'networking.k8s.io/NetworkPolicy': validateNetworkPolicy,
  'networking.k8s.io/Ingress': validateIngress,
  '/Service': validateService,
  '/ResourceQuota': validateResourceQuota,
  '/LimitRange': validateLimitRange,
  '/ConfigMap': validateConfigMap,
  'scheduling.k8s.io/PriorityClass': validatePriorityClass,
};

/** The API-server check. */
export const apiserverCheck: Check = {
  name: CHECK,
  rules: [
    ...META_RULES,
    ...POD_RULES,
    ...CONTAINER_RULES,
    ...WORKLOAD_RULES,
    ...AUTOSCALING_RULES,
    ...POLICY_RULES,
    ...NETWORKING_RULES,
    ...CORE_RULES,
    ...SCHEDULING_RULES,
  ],
  run(model: DistModel): Finding[] {
    const out: Finding[] = [];
    const locate = fileLocator(model.apps);
    for (const o of model.objects) {
      const groupKind = `${groupOf(o.object.apiVersion)}/${o.object.kind}`;
      const p = new Problems();
      validateObjectMeta(groupKind, o.object.metadata, p);
      VALIDATORS[groupKind]?.(o.object, p);
      for (const problem of p.list)
        out.push(finding(CHECK, o, problem.rule, 'error', `${locate(o, problem.field)}: ${problem.field}: ${problem.message}`));
    }
    return out;
  },
};
