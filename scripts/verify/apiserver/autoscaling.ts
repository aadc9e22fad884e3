/**
 * HorizontalPodAutoscaler (k8s.io/kubernetes pkg/apis/autoscaling/validation ValidateHorizontalPodAutoscalerSpec).
 */
import { arr, rec, type KubeObject } from '../model.ts';
import type { Problems } from './problems.ts';

/** Rules of this module. */
export const AUTOSCALING_RULES = ['hpa-replicas', 'hpa-target', 'hpa-metrics', 'hpa-behavior'] as const;

const SOURCES: Record<string, string> = {
  Object: 'object',
  Pods: 'pods',
  Resource: 'resource',
  ContainerResource: 'containerResource',
  External: 'external',
};

// autoscaling/validation validateMetricTarget: the value field the target type names is set
function target(t: Record<string, unknown>, f: string, p: Problems): void {
  const need: Record<string, string> = { Utilization: 'averageUtilization', Value: 'value', AverageValue: 'averageValue' };
  const field = need[String(t.type)];
  if (!field) p.add('hpa-metrics', `${f}.type`, `Unsupported value: "${String(t.type)}"`);
  else if (t[field] === undefined) p.add('hpa-metrics', `${f}.${field}`, `must set ${field} when target type is ${String(t.type)}`);
  if (typeof t.averageUtilization === 'number' && t.averageUtilization < 1)
    p.add('hpa-metrics', `${f}.averageUtilization`, 'must be greater than 0');
}

// autoscaling/validation validateScalingRules: stabilization 0..3600s, policies value > 0, period 1..1800s
function behavior(raw: unknown, p: Problems): void {
  for (const dir of ['scaleUp', 'scaleDown']) {
    const rules = rec(rec(raw)[dir]);
    const f = `spec.behavior.${dir}`;
    const window = rules.stabilizationWindowSeconds;
    if (window !== undefined && (typeof window !== 'number' || window < 0 || window > 3600))
      p.add('hpa-behavior', `${f}.stabilizationWindowSeconds`, 'must be between 0 and 3600');
    arr(rules.policies).forEach((raw2, i) => {
      const pol = rec(raw2);
      if (!(Number(pol.value) > 0)) p.add('hpa-behavior', `${f}.policies[${i}].value`, 'must be greater than zero');
      const period = Number(pol.periodSeconds);
      if (!(period >= 1 && period <= 1800)) p.add('hpa-behavior', `${f}.policies[${i}].periodSeconds`, 'must be between 1 and 1800');
      if (pol.type !== 'Pods' && pol.type !== 'Percent')
        p.add('hpa-behavior', `${f}.policies[${i}].type`, `Unsupported value: "${String(pol.type)}"`);
    });
  }
}

/** Checks an autoscaling/v2 HorizontalPodAutoscaler. */
export function validateHpa(obj: KubeObject, p: Problems): void {
  const spec = rec(obj.spec);
  const min = spec.minReplicas ?? 1;
  const max = spec.maxReplicas;
  if (typeof min !== 'number' || min < 1) p.add('hpa-replicas', 'spec.minReplicas', `${String(min)} must be greater than or equal to 1`);
  if (typeof max !== 'number' || max < 1) p.add('hpa-replicas', 'spec.maxReplicas', `${String(max)} must be greater than 0`);
  else if (typeof min === 'number' && min > max)
    p.add('hpa-replicas', 'spec.minReplicas', `${min} must be less than or equal to maxReplicas (${max})`);
  // autoscaling/validation ValidateCrossVersionObjectReference
  const ref = rec(spec.scaleTargetRef);
  if (!ref.kind) p.add('hpa-target', 'spec.scaleTargetRef.kind', 'Required value');
  if (!ref.name) p.add('hpa-target', 'spec.scaleTargetRef.name', 'Required value');
  // autoscaling/validation validateMetricSpec: the source the type names is set, and only that one
  arr(spec.metrics).forEach((raw, i) => {
    const m = rec(raw);
    const f = `spec.metrics[${i}]`;
    const field = SOURCES[String(m.type)];
    if (!field) return p.add('hpa-metrics', `${f}.type`, `Unsupported value: "${String(m.type)}"`);
    const set = Object.values(SOURCES).filter((s) => m[s] !== undefined);
    if (!set.includes(field)) return p.add('hpa-metrics', `${f}.${field}`, `must populate information for the given metric source`);
    if (set.length > 1) p.add('hpa-metrics', f, 'must populate the given metric source only');
    target(rec(rec(m[field]).target), `${f}.${field}.target`, p);
  });
  behavior(spec.behavior, p);
}
