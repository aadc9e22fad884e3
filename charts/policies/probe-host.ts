/** Probes and lifecycle hooks reach only the pod itself. */
import { ALL_CONTAINERS, MATCH_PODS, type PolicyDefinition } from './policy-definition.ts';

const HANDLERS = ['c.?livenessProbe', 'c.?readinessProbe', 'c.?startupProbe', 'c.?lifecycle.?postStart', 'c.?lifecycle.?preStop'];

/**
 * No `host` on an httpGet or tcpSocket probe or lifecycle handler: the kubelet would connect to
 * that host from the node's network (Pod Security baseline `hostProbesAndHostLifecycle`,
 * kubernetes/pod-security-admission policy/check_hostProbesAndhostLifecycle.go).
 */
export const probeHost: PolicyDefinition = {
  kind: 'FintrackProbeHost',
  constraintName: 'no-probe-host',
  description: 'No probe or lifecycle hook sets httpGet.host or tcpSocket.host (Pod Security baseline hostProbesAndHostLifecycle).',
  match: MATCH_PODS,
  variables: [
    ALL_CONTAINERS,
    {
      name: 'hosts',
      expression:
        'variables.containers.map(c, [' +
        HANDLERS.map((h) => `${h}.?httpGet.?host.orValue(''), ${h}.?tcpSocket.?host.orValue('')`).join(', ') +
        "].filter(h, h != '').map(h, c.name + ' (' + h + ')')).filter(l, size(l) > 0).map(l, l.join(', '))",
    },
  ],
  validations: [
    {
      expression: 'size(variables.hosts) == 0',
      messageExpression: "'probes and lifecycle hooks must not set a host: ' + variables.hosts.join(', ')",
    },
  ],
};
