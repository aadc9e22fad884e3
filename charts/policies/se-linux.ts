/** SELinux labels stay within the container types. */
import { ALL_CONTAINERS, MATCH_PODS, type PolicyDefinition } from './policy-definition.ts';

/**
 * The SELinux types Pod Security baseline allows at v1.31+ (kubernetes/pod-security-admission
 * policy/check_seLinuxOptions.go selinuxAllowedTypes1_31), '' meaning unset.
 */
export const SELINUX_TYPES_V1_31: readonly string[] = ['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];

const valid = (opts: string): string =>
  `(${opts}.?type.orValue('') in variables.params.allowedTypes && ${opts}.?user.orValue('') == '' && ${opts}.?role.orValue('') == '')`;

/** seLinuxOptions (pod and container): type from the allow-list, user and role unset. */
export const seLinux: PolicyDefinition = {
  kind: 'FintrackSELinux',
  constraintName: 'selinux-container-types',
  description: 'seLinuxOptions use only the container SELinux types and never set user or role (Pod Security baseline seLinuxOptions).',
  match: MATCH_PODS,
  parametersSchema: {
    type: 'object',
    properties: { allowedTypes: { type: 'array', items: { type: 'string' } } },
    required: ['allowedTypes'],
  },
  variables: [
    ALL_CONTAINERS,
    {
      name: 'badSetters',
      expression:
        `(${valid('object.spec.?securityContext.?seLinuxOptions.orValue({})')} ? [] : ['pod'])` +
        ` + variables.containers.filter(c, !${valid('c.?securityContext.?seLinuxOptions.orValue({})')}).map(c, c.name)`,
    },
  ],
  validations: [
    {
      expression: 'size(variables.badSetters) == 0',
      messageExpression:
        "'seLinuxOptions must use type ' + variables.params.allowedTypes.filter(t, t != '').join(', ') + ' and no user or role: ' + variables.badSetters.join(', ')",
    },
  ],
};
