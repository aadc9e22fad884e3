/** Pods stay out of the node's namespaces and filesystem. */
import { ALL_CONTAINERS, MATCH_PODS, namesMessage, type PolicyDefinition } from './policy-definition.ts';

/** No hostNetwork, hostPID, hostIPC, hostPath volumes or hostPort. */
export const hostIsolation: PolicyDefinition = {
  kind: 'FintrackHostIsolation',
  constraintName: 'host-isolation',
  description: 'Pods do not use hostNetwork, hostPID, hostIPC, hostPath volumes or container hostPorts.',
  match: MATCH_PODS,
  variables: [
    ALL_CONTAINERS,
    { name: 'hostNamespaces', expression: "['hostNetwork', 'hostPID', 'hostIPC'].filter(f, f in object.spec && object.spec[f] == true)" },
    { name: 'hostPaths', expression: 'has(object.spec.volumes) ? object.spec.volumes.filter(v, has(v.hostPath)) : []' },
    {
      name: 'hostPorts',
      expression: 'variables.containers.filter(c, has(c.ports) && c.ports.exists(p, has(p.hostPort) && p.hostPort != 0))',
    },
  ],
  validations: [
    {
      expression: 'size(variables.hostNamespaces) == 0',
      messageExpression: "'host namespaces are not allowed: ' + variables.hostNamespaces.join(', ')",
    },
    { expression: 'size(variables.hostPaths) == 0', messageExpression: namesMessage('hostPath volumes are not allowed', 'hostPaths') },
    { expression: 'size(variables.hostPorts) == 0', messageExpression: namesMessage('hostPort is not allowed', 'hostPorts') },
  ],
};
