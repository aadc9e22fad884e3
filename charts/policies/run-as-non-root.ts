/** Containers never run as root. */
import { ALL_CONTAINERS, MATCH_PODS, namesMessage, POD_SECURITY_CONTEXT, type PolicyDefinition } from './policy-definition.ts';

/** runAsNonRoot true and runAsUser != 0, container level overriding pod level. */
export const runAsNonRoot: PolicyDefinition = {
  kind: 'FintrackRunAsNonRoot',
  constraintName: 'run-as-non-root',
  description: 'Every container runs with runAsNonRoot: true and a runAsUser other than 0 (pod or container level).',
  match: MATCH_PODS,
  variables: [
    ALL_CONTAINERS,
    POD_SECURITY_CONTEXT,
    {
      name: 'rootContainers',
      expression:
        'variables.containers.filter(c, !(' +
        '(has(c.securityContext) && has(c.securityContext.runAsNonRoot) ? c.securityContext.runAsNonRoot : (has(variables.podSc.runAsNonRoot) && variables.podSc.runAsNonRoot))' +
        ' && (has(c.securityContext) && has(c.securityContext.runAsUser) ? c.securityContext.runAsUser != 0 : (!has(variables.podSc.runAsUser) || variables.podSc.runAsUser != 0))))',
    },
  ],
  validations: [
    {
      expression: 'size(variables.rootContainers) == 0',
      messageExpression: namesMessage('containers must set runAsNonRoot: true and a non-zero runAsUser', 'rootContainers'),
    },
  ],
};
