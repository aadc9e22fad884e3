/** A seccomp profile confines every container. */
import { ALL_CONTAINERS, MATCH_PODS, namesMessage, POD_SECURITY_CONTEXT, type PolicyDefinition } from './policy-definition.ts';

/** Effective seccompProfile.type (container over pod) is RuntimeDefault or Localhost. */
export const seccomp: PolicyDefinition = {
  kind: 'FintrackSeccomp',
  constraintName: 'seccomp-runtime-default',
  description: 'Every container runs under seccomp RuntimeDefault or Localhost, set at pod or container level.',
  match: MATCH_PODS,
  variables: [
    ALL_CONTAINERS,
    POD_SECURITY_CONTEXT,
    {
      name: 'podProfile',
      expression:
        "has(variables.podSc.seccompProfile) && has(variables.podSc.seccompProfile.type) ? variables.podSc.seccompProfile.type : ''",
    },
    {
      name: 'unconfined',
      expression:
        "variables.containers.filter(c, !((has(c.securityContext) && has(c.securityContext.seccompProfile) && has(c.securityContext.seccompProfile.type) ? c.securityContext.seccompProfile.type : variables.podProfile) in ['RuntimeDefault', 'Localhost']))",
    },
  ],
  validations: [
    {
      expression: 'size(variables.unconfined) == 0',
      messageExpression: namesMessage('containers must use seccomp RuntimeDefault or Localhost', 'unconfined'),
    },
  ],
};
