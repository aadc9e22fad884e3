/** Readiness and liveness probes on every long-running container. */
import { MATCH_PODS, namesMessage, type PolicyDefinition } from './policy-definition.ts';

/** Regular containers only: init containers run to completion and may not have probes. */
export const probes: PolicyDefinition = {
  kind: 'FintrackProbes',
  constraintName: 'require-probes',
  description: 'Every container sets a readinessProbe and a livenessProbe (init and ephemeral containers are exempt).',
  match: MATCH_PODS,
  variables: [
    { name: 'noReadiness', expression: 'object.spec.containers.filter(c, !has(c.readinessProbe))' },
    { name: 'noLiveness', expression: 'object.spec.containers.filter(c, !has(c.livenessProbe))' },
  ],
  validations: [
    {
      expression: 'size(variables.noReadiness) == 0',
      messageExpression: namesMessage('containers must set a readinessProbe', 'noReadiness'),
    },
    { expression: 'size(variables.noLiveness) == 0', messageExpression: namesMessage('containers must set a livenessProbe', 'noLiveness') },
  ],
};
