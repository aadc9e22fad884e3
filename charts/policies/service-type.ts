/** Only the ingress namespace exposes Services outside the cluster network. */
import type { PolicyDefinition } from './policy-definition.ts';

/** NodePort and LoadBalancer Services only in the namespaces given as parameter. */
export const serviceType: PolicyDefinition = {
  kind: 'FintrackServiceType',
  constraintName: 'internal-services',
  description:
    'Services of type NodePort or LoadBalancer exist only in the ingress namespaces; everything else is reached through ingress.',
  match: [{ apiGroups: [''], kinds: ['Service'] }],
  parametersSchema: {
    type: 'object',
    properties: { ingressNamespaces: { type: 'array', items: { type: 'string' } } },
    required: ['ingressNamespaces'],
  },
  variables: [
    { name: 'type', expression: "has(object.spec.type) ? object.spec.type : 'ClusterIP'" },
    { name: 'namespace', expression: "has(object.metadata.namespace) ? object.metadata.namespace : ''" },
  ],
  validations: [
    {
      expression: "!(variables.type in ['NodePort', 'LoadBalancer']) || variables.namespace in variables.params.ingressNamespaces",
      messageExpression: "'Service type ' + variables.type + ' is allowed only in ' + variables.params.ingressNamespaces.join(', ')",
    },
  ],
};
