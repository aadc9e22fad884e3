/** AppArmor confines every container. */
import { ALL_CONTAINERS, MATCH_PODS, type PolicyDefinition } from './policy-definition.ts';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/**
 * appArmorProfile.type (pod and container) is RuntimeDefault or Localhost, and the beta
 * annotations say `runtime/default` or `localhost/<profile>` (Pod Security baseline
 * `appArmorProfile`, kubernetes/pod-security-admission policy/check_appArmorProfile.go).
 */
export const appArmor: PolicyDefinition = {
  kind: 'FintrackAppArmor',
  constraintName: 'apparmor-confined',
  description: 'AppArmor profiles (field or beta annotation) are RuntimeDefault or Localhost only, never Unconfined.',
  match: MATCH_PODS,
  variables: [
    ALL_CONTAINERS,
    {
      name: 'badSetters',
      expression:
        "(object.spec.?securityContext.?appArmorProfile.?type.orValue('RuntimeDefault') in ['RuntimeDefault', 'Localhost'] ? [] : ['pod'])" +
        " + variables.containers.filter(c, !(c.?securityContext.?appArmorProfile.?type.orValue('RuntimeDefault') in ['RuntimeDefault', 'Localhost'])).map(c, c.name)",
    },
    {
      name: 'badAnnotations',
      expression:
        `object.metadata.?annotations.orValue({}).filter(k, k.startsWith('${ANNOTATION_PREFIX}'))` +
        ".filter(k, !(object.metadata.annotations[k] == '' || object.metadata.annotations[k] == 'runtime/default' || object.metadata.annotations[k].startsWith('localhost/')))",
    },
  ],
  validations: [
    {
      expression: 'size(variables.badSetters) == 0',
      messageExpression: "'AppArmor profile type must be RuntimeDefault or Localhost: ' + variables.badSetters.join(', ')",
    },
    {
      expression: 'size(variables.badAnnotations) == 0',
      messageExpression: "'AppArmor annotations must be runtime/default or localhost/*: ' + variables.badAnnotations.join(', ')",
    },
  ],
};
