/** Only namespaced, safe sysctls. */
import { MATCH_PODS, type PolicyDefinition } from './policy-definition.ts';

/**
 * The safe sysctls of Pod Security baseline at v1.32 (kubernetes/pod-security-admission
 * policy/check_sysctls.go sysctlsAllowedV1Dot32): the default `allowedSysctls` parameter.
 */
export const SAFE_SYSCTLS_V1_32: readonly string[] = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
];

/** spec.securityContext.sysctls names only from `allowedSysctls` (Pod Security baseline `sysctls`). */
export const sysctls: PolicyDefinition = {
  kind: 'FintrackSysctls',
  constraintName: 'safe-sysctls',
  description: 'Pods set only the safe sysctls Pod Security baseline allows for the cluster version.',
  match: MATCH_PODS,
  parametersSchema: {
    type: 'object',
    properties: { allowedSysctls: { type: 'array', items: { type: 'string' } } },
    required: ['allowedSysctls'],
  },
  variables: [
    {
      name: 'forbidden',
      expression:
        'object.spec.?securityContext.?sysctls.orValue([]).filter(s, !(s.name in variables.params.allowedSysctls)).map(s, s.name)',
    },
  ],
  validations: [
    {
      expression: 'size(variables.forbidden) == 0',
      messageExpression: "'forbidden sysctls: ' + variables.forbidden.join(', ')",
    },
  ],
};
