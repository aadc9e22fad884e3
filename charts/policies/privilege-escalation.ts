/** No privileged containers and no privilege escalation. */
import { ALL_CONTAINERS, MATCH_PODS, namesMessage, type PolicyDefinition } from './policy-definition.ts';

/** privileged is never true and allowPrivilegeEscalation is explicitly false (it defaults to true). */
export const privilegeEscalation: PolicyDefinition = {
  kind: 'FintrackNoPrivilegeEscalation',
  constraintName: 'no-privilege-escalation',
  description: 'No container is privileged, and every container sets allowPrivilegeEscalation: false.',
  match: MATCH_PODS,
  variables: [
    ALL_CONTAINERS,
    {
      name: 'privileged',
      expression:
        'variables.containers.filter(c, has(c.securityContext) && has(c.securityContext.privileged) && c.securityContext.privileged)',
    },
    {
      name: 'escalating',
      expression:
        'variables.containers.filter(c, !(has(c.securityContext) && has(c.securityContext.allowPrivilegeEscalation) && c.securityContext.allowPrivilegeEscalation == false))',
    },
  ],
  validations: [
    {
      expression: 'size(variables.privileged) == 0',
      messageExpression: namesMessage('privileged containers are not allowed', 'privileged'),
    },
    {
      expression: 'size(variables.escalating) == 0',
      messageExpression: namesMessage('containers must set allowPrivilegeEscalation: false', 'escalating'),
    },
  ],
};
