/** Volume ownership groups stay in the non-system range. */
import { MATCH_PODS, POD_SECURITY_CONTEXT, type PolicyDefinition } from './policy-definition.ts';

const IN_RANGES = (g: string): string => `variables.params.ranges.exists(r, ${g} >= r.min && ${g} <= r.max)`;

/**
 * fsGroup is set and, like every supplementalGroups entry, inside `ranges` (the PodSecurityPolicy
 * `MustRunAs` rule Pod Security dropped: GID 0 or a system group would own every mounted volume).
 */
export const fsGroup: PolicyDefinition = {
  kind: 'FintrackFsGroup',
  constraintName: 'fsgroup-ranges',
  description: 'Pods set fsGroup, and fsGroup and supplementalGroups lie within the allowed GID ranges.',
  match: MATCH_PODS,
  parametersSchema: {
    type: 'object',
    properties: {
      ranges: {
        type: 'array',
        items: { type: 'object', properties: { min: { type: 'integer' }, max: { type: 'integer' } }, required: ['min', 'max'] },
      },
    },
    required: ['ranges'],
  },
  variables: [
    POD_SECURITY_CONTEXT,
    {
      name: 'ranges',
      expression: "variables.params.ranges.map(r, string(r.min) + '-' + string(r.max)).join(', ')",
    },
    {
      name: 'badGroups',
      expression: `variables.podSc.?supplementalGroups.orValue([]).filter(g, !${IN_RANGES('g')})`,
    },
  ],
  validations: [
    {
      expression: `has(variables.podSc.fsGroup) && ${IN_RANGES('variables.podSc.fsGroup')}`,
      messageExpression:
        "'fsGroup must be set within ' + variables.ranges + (has(variables.podSc.fsGroup) ? ' (found ' + string(variables.podSc.fsGroup) + ')' : ' (not set)')",
    },
    {
      expression: 'size(variables.badGroups) == 0',
      messageExpression:
        "'supplementalGroups must lie within ' + variables.ranges + ': ' + variables.badGroups.map(g, string(g)).join(', ')",
    },
  ],
};
