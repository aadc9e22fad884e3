/** The container runtime masks /proc. */
import { ALL_CONTAINERS, MATCH_PODS, type PolicyDefinition } from './policy-definition.ts';

/**
 * securityContext.procMount is unset or Default (Pod Security baseline `procMount`,
 * kubernetes/pod-security-admission policy/check_procMount_baseline.go procMount_1_0; the 1.35
 * relaxation for user-namespaced pods does not apply to our v1.32 clusters).
 */
export const procMount: PolicyDefinition = {
  kind: 'FintrackProcMount',
  constraintName: 'default-proc-mount',
  description: 'No container sets securityContext.procMount to anything but Default.',
  match: MATCH_PODS,
  variables: [
    ALL_CONTAINERS,
    {
      name: 'unmasked',
      expression:
        "variables.containers.filter(c, c.?securityContext.?procMount.orValue('Default') != 'Default').map(c, c.name + ' (' + c.securityContext.procMount + ')')",
    },
  ],
  validations: [
    {
      expression: 'size(variables.unmasked) == 0',
      messageExpression: "'securityContext.procMount must be Default: ' + variables.unmasked.join(', ')",
    },
  ],
};
