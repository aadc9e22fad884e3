/** CPU and memory requests and limits on every container. */
import { MATCH_PODS, namesMessage, RUNNING_CONTAINERS, type PolicyDefinition } from './policy-definition.ts';

const has4 =
  "has(c.resources) && has(c.resources.requests) && has(c.resources.limits) && ['cpu', 'memory'].all(r, r in c.resources.requests && r in c.resources.limits)";

/**
 * requests and limits for cpu and memory, valid quantities, requests <= limits. The scheduler and
 * Karpenter size nodes from requests; limits bound a noisy neighbour.
 */
export const resources: PolicyDefinition = {
  kind: 'FintrackResources',
  constraintName: 'require-requests-limits',
  description: 'Every container and init container sets cpu and memory requests and limits, with requests <= limits.',
  match: MATCH_PODS,
  variables: [
    RUNNING_CONTAINERS,
    { name: 'missing', expression: `variables.containers.filter(c, !(${has4}))` },
    {
      name: 'inverted',
      expression:
        `variables.containers.filter(c, ${has4} && ['cpu', 'memory'].exists(r, !isQuantity(string(c.resources.requests[r])) || !isQuantity(string(c.resources.limits[r]))` +
        ' || quantity(string(c.resources.requests[r])).isGreaterThan(quantity(string(c.resources.limits[r])))))',
    },
  ],
  validations: [
    {
      expression: 'size(variables.missing) == 0',
      messageExpression: namesMessage('containers must set cpu and memory requests and limits', 'missing'),
    },
    {
      expression: 'size(variables.inverted) == 0',
      messageExpression: namesMessage('container requests must be valid quantities no greater than limits', 'inverted'),
    },
  ],
};
