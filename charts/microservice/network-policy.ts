/**
 * The NetworkPolicy rules of a {@link Microservice}: ingress only from declared callers, the load
 * balancer (public services) and Prometheus; egress only to DNS, declared callees and declared
 * IP ranges. Everything else is denied because the policy selects the pods for both directions.
 */
import { k8s } from 'cdk8s-plus-28';
import { selectorLabels } from '../labels.ts';
import type { MicroserviceProps, PodPeer, ServicePeer } from './props.ts';

const NAMESPACE_LABEL = 'kubernetes.io/metadata.name';

function tcp(port: number | string): k8s.NetworkPolicyPort {
  return { protocol: 'TCP', port: typeof port === 'number' ? k8s.IntOrString.fromNumber(port) : k8s.IntOrString.fromString(port) };
}

function podPeer(p: PodPeer): k8s.NetworkPolicyPeer {
  return { namespaceSelector: { matchLabels: { [NAMESPACE_LABEL]: p.namespace } }, podSelector: { matchLabels: { ...p.podLabels } } };
}

function peer(p: ServicePeer): k8s.NetworkPolicyPeer {
  return { namespaceSelector: { matchLabels: { [NAMESPACE_LABEL]: p.namespace } }, podSelector: { matchLabels: selectorLabels(p.name) } };
}

/** The NetworkPolicy spec of the service. */
export function networkPolicySpec(props: MicroserviceProps): k8s.NetworkPolicySpec {
  const ingress: k8s.NetworkPolicyIngressRule[] = [];
  if (props.port !== undefined && props.callers.length > 0) {
    ingress.push({ from: props.callers.map(peer), ports: [tcp(props.port)] });
  }
  if (props.port !== undefined && props.publicIngressCidrs && props.publicIngressCidrs.length > 0) {
    ingress.push({ from: props.publicIngressCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [tcp(props.port)] });
  }
  if (props.port !== undefined && props.publicIngressPods) {
    ingress.push({ from: [podPeer(props.publicIngressPods)], ports: [tcp(props.port)] });
  }
  ingress.push({
    from: [
      {
        namespaceSelector: { matchLabels: { [NAMESPACE_LABEL]: props.monitoringNamespace ?? 'monitoring' } },
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } },
      },
    ],
    ports: [tcp(props.metricsPort)],
  });

  const egress: k8s.NetworkPolicyEgressRule[] = [
    {
      to: [
        {
          namespaceSelector: { matchLabels: { [NAMESPACE_LABEL]: 'kube-system' } },
          podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        },
      ],
      ports: [
        { protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) },
        { protocol: 'TCP', port: k8s.IntOrString.fromNumber(53) },
      ],
    },
  ];
  const byPort = new Map<number, ServicePeer[]>();
  // Callees always have a port here: Microservice validates that before rendering.
  for (const callee of props.callees) byPort.set(callee.port as number, [...(byPort.get(callee.port as number) ?? []), callee]);
  for (const [port, peers] of [...byPort].sort(([a], [b]) => a - b)) egress.push({ to: peers.map(peer), ports: [tcp(port)] });
  for (const rule of props.cidrEgress) {
    egress.push({
      to: rule.cidrs.map((cidr) => ({ ipBlock: { cidr, ...(rule.except && rule.except.length > 0 ? { except: [...rule.except] } : {}) } })),
      ports: rule.ports.map(tcp),
    });
  }
  for (const rule of props.podEgress ?? []) egress.push({ to: [podPeer(rule)], ports: rule.ports.map(tcp) });
  return { podSelector: { matchLabels: selectorLabels(props.name) }, policyTypes: ['Ingress', 'Egress'], ingress, egress };
}
