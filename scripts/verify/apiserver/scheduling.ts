/**
 * PriorityClass (k8s.io/kubernetes pkg/apis/scheduling/validation ValidatePriorityClass).
 */
import type { KubeObject } from '../model.ts';
import type { Problems } from './problems.ts';

/** Rules of this module. */
export const SCHEDULING_RULES = ['priorityclass-value'] as const;

// scheduling/types.go HighestUserDefinablePriority; SystemPriorityClassPrefix
const HIGHEST_USER_PRIORITY = 1_000_000_000;
const SYSTEM_PREFIX = 'system-';

/** Checks a scheduling.k8s.io/v1 PriorityClass. */
export function validatePriorityClass(obj: KubeObject, p: Problems): void {
  const name = obj.metadata.name;
  const value = obj.value;
  if (name.startsWith(SYSTEM_PREFIX))
    p.add('priorityclass-value', 'metadata.name', `priority class names with '${SYSTEM_PREFIX}' prefix are reserved for system use`);
  if (!Number.isInteger(value)) p.add('priorityclass-value', 'value', 'Required value: an integer');
  else if ((value as number) > HIGHEST_USER_PRIORITY)
    p.add('priorityclass-value', 'value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_PRIORITY}`);
  const policy = obj.preemptionPolicy;
  if (policy !== undefined && policy !== 'PreemptLowerPriority' && policy !== 'Never')
    p.add('priorityclass-value', 'preemptionPolicy', `Unsupported value: "${String(policy)}"`);
}
