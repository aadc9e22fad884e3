/**
 * A team's namespace: Pod Security "restricted" enforced (and audited, warned), a ResourceQuota and
 * a LimitRange sized from the team's services, and a default-deny NetworkPolicy under which each
 * service's own policy opens exactly what it declares.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { InvalidPropsError } from '../invalid-props-error.ts';

/** Pod Security Standards version the labels pin (the cluster's minor version). */
export const POD_SECURITY_VERSION = 'v1.32';

/** CPU and memory as Kubernetes quantities. */
export interface CpuMemory {
  /** CPU quantity, e.g. `4` or `500m`. */
  readonly cpu: string;
  /** Memory quantity, e.g. `8Gi`. */
  readonly memory: string;
}

/** Props of {@link TeamNamespace}. */
export interface TeamNamespaceProps {
  /** Namespace name (the team). */
  readonly name: string;
  /** Environment, for messages. */
  readonly environment: string;
  /** Quota: the most all pods of the namespace may request and be limited to. */
  readonly quota: { readonly requests: CpuMemory; readonly limits: CpuMemory; readonly pods: number; readonly gpus: number };
  /** Per-container bounds and defaults. */
  readonly limitRange: { readonly max: CpuMemory; readonly defaultLimits: CpuMemory; readonly defaultRequests: CpuMemory };
  /** Extra namespace labels; may not touch `pod-security.kubernetes.io/*`. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

/** The Pod Security labels every team namespace carries. */
export function podSecurityLabels(): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const mode of ['enforce', 'audit', 'warn']) {
    labels[`pod-security.kubernetes.io/${mode}`] = 'restricted';
    labels[`pod-security.kubernetes.io/${mode}-version`] = POD_SECURITY_VERSION;
  }
  return labels;
}

/** Namespace, ResourceQuota, LimitRange and default-deny NetworkPolicy of one team. */
export class TeamNamespace extends Construct {
  /** The Namespace (construct id `Resource`). */
  public readonly namespace: k8s.KubeNamespace;

  public constructor(scope: Construct, id: string, props: TeamNamespaceProps) {
    super(scope, id);
    const extra = props.labels ?? {};
    for (const key of Object.keys(extra)) {
      if (key.startsWith('pod-security.kubernetes.io/')) {
        throw new InvalidPropsError(
          'labels',
          `'labels' may not set "${key}" (${extra[key]}) on namespace ${props.name} in ${props.environment}: team namespaces enforce Pod Security "restricted"`,
        );
      }
    }
    if (props.quota.pods < 1)
      throw new InvalidPropsError(
        'quota.pods',
        `'quota.pods' (${props.quota.pods}) must be >= 1 for namespace ${props.name} in ${props.environment}`,
      );
    const labels = { 'fintrack.io/team': props.name, ...extra, ...podSecurityLabels() };
    const q = (v: string | number): k8s.Quantity => (typeof v === 'number' ? k8s.Quantity.fromNumber(v) : k8s.Quantity.fromString(v));
    const cm = (r: CpuMemory): Record<string, k8s.Quantity> => ({ cpu: q(r.cpu), memory: q(r.memory) });

    this.namespace = new k8s.KubeNamespace(this, 'Resource', { metadata: { name: props.name, labels } });
    const metadata = { namespace: props.name, labels: { 'fintrack.io/team': props.name } };
    new k8s.KubeResourceQuota(this, 'Quota', {
      metadata: { ...metadata, name: 'team-quota' },
      spec: {
        hard: {
          'requests.cpu': q(props.quota.requests.cpu),
          'requests.memory': q(props.quota.requests.memory),
          'limits.cpu': q(props.quota.limits.cpu),
          'limits.memory': q(props.quota.limits.memory),
          'requests.nvidia.com/gpu': q(props.quota.gpus),
          pods: q(props.quota.pods),
        },
      },
    });
    new k8s.KubeLimitRange(this, 'Limits', {
      metadata: { ...metadata, name: 'container-limits' },
      spec: {
        limits: [
          {
            type: 'Container',
            max: cm(props.limitRange.max),
            default: cm(props.limitRange.defaultLimits),
            defaultRequest: cm(props.limitRange.defaultRequests),
          },
        ],
      },
    });
    new k8s.KubeNetworkPolicy(this, 'DefaultDeny', {
      metadata: { ...metadata, name: 'default-deny' },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
  }
}
