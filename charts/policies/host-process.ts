/** No Windows HostProcess containers. */
import { ALL_CONTAINERS, MATCH_PODS, type PolicyDefinition } from './policy-definition.ts';

/**
 * securityContext.windowsOptions.hostProcess is never true, at pod or container level (Pod
 * Security baseline `windowsHostProcess`, kubernetes/pod-security-admission
 * policy/check_windowsHostProcess.go).
 */
export const hostProcess: PolicyDefinition = {
  kind: 'FintrackHostProcess',
  constraintName: 'no-host-process',
  description: 'No pod or container sets securityContext.windowsOptions.hostProcess: true.',
  match: MATCH_PODS,
  variables: [
    ALL_CONTAINERS,
    {
      name: 'setters',
      expression:
        "(object.spec.?securityContext.?windowsOptions.?hostProcess.orValue(false) ? ['pod'] : [])" +
        ' + variables.containers.filter(c, c.?securityContext.?windowsOptions.?hostProcess.orValue(false)).map(c, c.name)',
    },
  ],
  validations: [
    {
      expression: 'size(variables.setters) == 0',
      messageExpression: "'securityContext.windowsOptions.hostProcess must not be true: ' + variables.setters.join(', ')",
    },
  ],
};
