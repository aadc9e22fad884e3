/**
 * PodDisruptionBudget (k8s.io/kubernetes pkg/apis/policy/validation ValidatePodDisruptionBudgetSpec).
 */
import { rec, type KubeObject } from '../model.ts';
import { intOrPercentProblem } from './names.ts';
import type { Problems } from './problems.ts';
import { validateLabelSelector } from './selectors.ts';

/** Rules of this module. */
export const POLICY_RULES = ['pdb-spec'] as const;

/** Checks a policy/v1 PodDisruptionBudget. */
export function validatePdb(obj: KubeObject, p: Problems): void {
  const spec = rec(obj.spec);
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined)
    p.add('pdb-spec', 'spec', 'minAvailable and maxUnavailable cannot be both set');
  for (const k of ['minAvailable', 'maxUnavailable']) {
    const v = spec[k];
    if (v === undefined) continue;
    const problem = intOrPercentProblem(v);
    if (problem) p.add('pdb-spec', `spec.${k}`, problem);
    else if (typeof v === 'string' && Number(v.replace('%', '')) > 100) p.add('pdb-spec', `spec.${k}`, 'must not be greater than 100%');
  }
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy !== undefined && policy !== 'IfHealthyBudget' && policy !== 'AlwaysAllow')
    p.add('pdb-spec', 'spec.unhealthyPodEvictionPolicy', `Unsupported value: "${String(policy)}"`);
  validateLabelSelector(spec.selector, 'spec.selector', 'pdb-spec', p);
}
