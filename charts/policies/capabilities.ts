/** Linux capabilities: drop ALL, add only what the parameters allow. */
import { ALL_CONTAINERS, MATCH_PODS, namesMessage, type PolicyDefinition } from './policy-definition.ts';

/** capabilities.drop contains ALL; capabilities.add only lists `allowedCapabilities`. */
export const capabilities: PolicyDefinition = {
  kind: 'FintrackCapabilities',
  constraintName: 'drop-all-capabilities',
  description: 'Every container drops ALL capabilities and adds none beyond the allowed list (restricted allows NET_BIND_SERVICE).',
  match: MATCH_PODS,
  parametersSchema: { type: 'object', properties: { allowedCapabilities: { type: 'array', items: { type: 'string' } } } },
  variables: [
    ALL_CONTAINERS,
    {
      name: 'notDropping',
      expression:
        "variables.containers.filter(c, !(has(c.securityContext) && has(c.securityContext.capabilities) && has(c.securityContext.capabilities.drop) && 'ALL' in c.securityContext.capabilities.drop))",
    },
    { name: 'allowed', expression: 'has(variables.params.allowedCapabilities) ? variables.params.allowedCapabilities : []' },
    {
      name: 'adding',
      expression:
        'variables.containers.filter(c, has(c.securityContext) && has(c.securityContext.capabilities) && has(c.securityContext.capabilities.add) && c.securityContext.capabilities.add.exists(a, !(a in variables.allowed)))',
    },
  ],
  validations: [
    {
      expression: 'size(variables.notDropping) == 0',
      messageExpression: namesMessage('containers must drop ALL capabilities', 'notDropping'),
    },
    {
      expression: 'size(variables.adding) == 0',
      messageExpression: "'containers may add only [' + variables.allowed.join(', ') + ']: ' + variables.adding.map(c, c.name).join(', ')",
    },
  ],
};
