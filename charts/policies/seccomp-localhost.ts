/** Localhost seccomp profiles only from a reviewed list. */
import { ALL_CONTAINERS, MATCH_PODS, POD_SECURITY_CONTEXT, type PolicyDefinition } from './policy-definition.ts';

/**
 * Where the effective seccomp profile (container over pod) is Localhost, its localhostProfile is
 * in `allowedLocalhostProfiles`: Pod Security restricted accepts any Localhost profile
 * (policy/check_seccompProfile_restricted.go), so the file on the node is what confines the pod.
 */
export const seccompLocalhost: PolicyDefinition = {
  kind: 'FintrackSeccompLocalhost',
  constraintName: 'seccomp-localhost-allowlist',
  description: 'A Localhost seccomp profile names one of the reviewed profiles installed on the nodes.',
  match: MATCH_PODS,
  parametersSchema: {
    type: 'object',
    properties: { allowedLocalhostProfiles: { type: 'array', items: { type: 'string' } } },
    required: ['allowedLocalhostProfiles'],
  },
  variables: [
    ALL_CONTAINERS,
    POD_SECURITY_CONTEXT,
    {
      name: 'profiles',
      expression:
        'variables.containers.map(c, has(c.securityContext) && has(c.securityContext.seccompProfile) ? ' +
        "[c.name, c.securityContext.seccompProfile.?type.orValue(''), c.securityContext.seccompProfile.?localhostProfile.orValue('')] : " +
        "[c.name, variables.podSc.?seccompProfile.?type.orValue(''), variables.podSc.?seccompProfile.?localhostProfile.orValue('')])",
    },
    {
      name: 'unlisted',
      expression:
        "variables.profiles.filter(p, p[1] == 'Localhost' && !(p[2] in variables.params.allowedLocalhostProfiles)).map(p, p[0] + ' (' + p[2] + ')')",
    },
  ],
  validations: [
    {
      expression: 'size(variables.unlisted) == 0',
      messageExpression:
        "'Localhost seccomp profiles must be one of [' + variables.params.allowedLocalhostProfiles.join(', ') + ']: ' + variables.unlisted.join(', ')",
    },
  ],
};
