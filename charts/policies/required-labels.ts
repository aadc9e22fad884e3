/** Pods say what they are and which team owns them. */
import { MATCH_PODS, type PolicyDefinition } from './policy-definition.ts';

/** Every label in `labels` is present with a non-empty value. */
export const requiredLabels: PolicyDefinition = {
  kind: 'FintrackRequiredLabels',
  constraintName: 'required-pod-labels',
  description: 'Pods carry the labels dashboards, alerts, NetworkPolicies and cost reports select on.',
  match: MATCH_PODS,
  parametersSchema: {
    type: 'object',
    properties: { labels: { type: 'array', items: { type: 'string' } } },
    required: ['labels'],
  },
  variables: [
    {
      name: 'missing',
      expression: "variables.params.labels.filter(l, object.metadata.?labels[?l].orValue('') == '')",
    },
  ],
  validations: [
    {
      expression: 'size(variables.missing) == 0',
      messageExpression: "'pods must carry labels: ' + variables.missing.join(', ')",
    },
  ],
};
