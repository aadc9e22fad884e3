/** Images come only from the environment's ECR registry. */
import { ALL_CONTAINERS, MATCH_PODS, type PolicyDefinition } from './policy-definition.ts';

/** Every image is `<registry>/<repository>…`; the registry is the constraint's parameter. */
export const allowedRegistry: PolicyDefinition = {
  kind: 'FintrackAllowedRegistry',
  constraintName: 'allowed-registry',
  description: "Every container image is pulled from the environment's ECR registry (scanned on push, immutable tags).",
  match: MATCH_PODS,
  parametersSchema: { type: 'object', properties: { registry: { type: 'string' } }, required: ['registry'] },
  variables: [
    ALL_CONTAINERS,
    { name: 'foreign', expression: "variables.containers.filter(c, !c.image.startsWith(variables.params.registry + '/'))" },
  ],
  validations: [
    {
      expression: 'size(variables.foreign) == 0',
      messageExpression:
        "'images must come from ' + variables.params.registry + ': ' + variables.foreign.map(c, c.name + ' (' + c.image + ')').join(', ')",
    },
  ],
};
