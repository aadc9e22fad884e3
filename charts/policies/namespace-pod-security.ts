/** Namespaces carry the Pod Security admission labels. */
import type { PolicyDefinition } from './policy-definition.ts';

const ENFORCE = 'pod-security.kubernetes.io/enforce';

/** `pod-security.kubernetes.io/enforce` is set to one of the allowed levels (restricted). */
export const namespacePodSecurity: PolicyDefinition = {
  kind: 'FintrackNamespacePodSecurity',
  constraintName: 'namespace-pod-security',
  description: `Every namespace sets ${ENFORCE} to an allowed level, so the built-in Pod Security admission backs Gatekeeper up.`,
  match: [{ apiGroups: [''], kinds: ['Namespace'] }],
  parametersSchema: {
    type: 'object',
    properties: { levels: { type: 'array', items: { type: 'string', enum: ['privileged', 'baseline', 'restricted'] } } },
    required: ['levels'],
  },
  variables: [
    {
      name: 'level',
      expression: `has(object.metadata.labels) && '${ENFORCE}' in object.metadata.labels ? object.metadata.labels['${ENFORCE}'] : ''`,
    },
  ],
  validations: [
    {
      expression: 'variables.level in variables.params.levels',
      messageExpression: `'namespace ' + object.metadata.name + ' must set label ${ENFORCE} to one of ' + variables.params.levels.join(', ') + (variables.level == '' ? ' (label missing)' : ' (found ' + variables.level + ')')`,
    },
  ],
};
