/**
 * Workload controllers (k8s.io/kubernetes pkg/apis/apps/validation and batch/validation): selector
 * against template labels, rollout strategy, progress deadline, and the pod template.
 */
import { matchesLabelSelector, isEmptySelector } from '../label-selector.ts';
import { arr, rec, type KubeObject } from '../model.ts';
import { intOrPercentProblem } from './names.ts';
import { validatePodTemplate } from './pod-spec.ts';
import type { Problems } from './problems.ts';
import { validateLabelSelector } from './selectors.ts';

/** Rules of this module. */
export const WORKLOAD_RULES = ['workload-selector', 'deployment-strategy', 'workload-fields'] as const;

const ALWAYS = new Set(['Always']);
const JOB_RESTARTS = new Set(['OnFailure', 'Never']);

function nonNegative(spec: Record<string, unknown>, keys: readonly string[], p: Problems): void {
  for (const k of keys) {
    const v = spec[k];
    if (v !== undefined && (!Number.isInteger(v) || (v as number) < 0))
      p.add('workload-fields', `spec.${k}`, `${String(v)} must be greater than or equal to 0`);
  }
}

// apps/validation ValidateDeploymentSpec / ValidateStatefulSetSpec / ValidateDaemonSetSpec: the
// selector is required, non-empty and selects the template's labels
function selectorMatchesTemplate(spec: Record<string, unknown>, p: Problems): void {
  const labels = rec(rec(rec(spec.template).metadata).labels) as Record<string, string>;
  if (spec.selector === undefined) return p.add('workload-selector', 'spec.selector', 'Required value');
  validateLabelSelector(spec.selector, 'spec.selector', 'workload-selector', p);
  if (isEmptySelector(spec.selector)) p.add('workload-selector', 'spec.selector', 'empty selector is invalid for this workload');
  else if (!matchesLabelSelector(spec.selector, labels))
    p.add('workload-selector', 'spec.template.metadata.labels', '`selector` does not match template `labels`');
}

// apps/validation ValidateDeploymentStrategy / ValidateRollingUpdateDeployment
function deploymentStrategy(spec: Record<string, unknown>, p: Problems): void {
  const strategy = rec(spec.strategy);
  const type = strategy.type ?? 'RollingUpdate';
  if (type === 'Recreate') {
    if (strategy.rollingUpdate !== undefined)
      p.add('deployment-strategy', 'spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'");
    return;
  }
  if (type !== 'RollingUpdate') return p.add('deployment-strategy', 'spec.strategy.type', `Unsupported value: "${String(type)}"`);
  const ru = rec(strategy.rollingUpdate);
  // Defaults (apps/v1 SetDefaults_Deployment): 25% each.
  const surge = ru.maxSurge ?? '25%';
  const unavailable = ru.maxUnavailable ?? '25%';
  for (const [k, v] of [
    ['maxSurge', surge],
    ['maxUnavailable', unavailable],
  ] as const) {
    const problem = intOrPercentProblem(v);
    if (problem) p.add('deployment-strategy', `spec.strategy.rollingUpdate.${k}`, problem);
  }
  if (typeof unavailable === 'string' && Number(unavailable.replace('%', '')) > 100)
    p.add('deployment-strategy', 'spec.strategy.rollingUpdate.maxUnavailable', 'should not be more than 100%');
  const isZero = (v: unknown): boolean => v === 0 || v === '0%';
  if (isZero(surge) && isZero(unavailable))
    p.add('deployment-strategy', 'spec.strategy.rollingUpdate.maxUnavailable', 'may not be 0 when `maxSurge` is 0');
}

/** Checks a workload controller object (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob). */
export function validateWorkload(obj: KubeObject, p: Problems): void {
  const spec = rec(obj.spec);
  switch (obj.kind) {
    case 'Deployment': {
      nonNegative(spec, ['replicas', 'minReadySeconds', 'revisionHistoryLimit'], p);
      selectorMatchesTemplate(spec, p);
      deploymentStrategy(spec, p);
      // apps/validation ValidateDeploymentSpec: progressDeadlineSeconds > minReadySeconds
      const deadline = spec.progressDeadlineSeconds ?? 600;
      if (typeof deadline === 'number' && deadline <= Number(spec.minReadySeconds ?? 0))
        p.add('workload-fields', 'spec.progressDeadlineSeconds', 'must be greater than minReadySeconds');
      validatePodTemplate(spec.template, 'spec.template', p, ALWAYS);
      return;
    }
    case 'StatefulSet': {
      nonNegative(spec, ['replicas', 'minReadySeconds', 'revisionHistoryLimit'], p);
      selectorMatchesTemplate(spec, p);
      // The controller adds one volume per volumeClaimTemplate (statefulset stateful_set_utils.go
      // updateStorage), so mounts may name them.
      const template = rec(spec.template);
      const claims = arr(spec.volumeClaimTemplates).map((c) => {
        const name = String(rec(rec(c).metadata).name);
        return { name, persistentVolumeClaim: { claimName: name } };
      });
      const podSpec = rec(template.spec);
      validatePodTemplate({ ...template, spec: { ...podSpec, volumes: [...arr(podSpec.volumes), ...claims] } }, 'spec.template', p, ALWAYS);
      return;
    }
    case 'DaemonSet':
    case 'ReplicaSet':
      nonNegative(spec, ['replicas', 'minReadySeconds', 'revisionHistoryLimit'], p);
      selectorMatchesTemplate(spec, p);
      validatePodTemplate(spec.template, 'spec.template', p, ALWAYS);
      return;
    case 'Job':
      // batch/validation ValidateJobSpec (selector is generated when manualSelector is unset)
      nonNegative(spec, ['parallelism', 'completions', 'backoffLimit'], p);
      validatePodTemplate(spec.template, 'spec.template', p, JOB_RESTARTS);
      return;
    case 'CronJob':
      // batch/validation ValidateCronJobSpec
      if (typeof spec.schedule !== 'string' || spec.schedule === '') p.add('workload-fields', 'spec.schedule', 'Required value');
      validatePodTemplate(rec(rec(spec.jobTemplate).spec).template, 'spec.jobTemplate.spec.template', p, JOB_RESTARTS);
      return;
  }
}
