/** Helm values of Fluent Bit (DaemonSet shipping container logs to Loki). */
import type { AddonContext } from '../../addon-context.ts';

/** Values of the `fluent-bit` chart. */
export function fluentBitValues(ctx: AddonContext): Record<string, unknown> {
  return {
    // Every node, GPU nodes (tainted) included.
    tolerations: [{ operator: 'Exists' }],
    serviceMonitor: { enabled: true },
    config: {
      outputs: [
        '[OUTPUT]',
        '    Name loki',
        '    Match kube.*',
        '    Host loki-gateway.logging.svc.cluster.local',
        '    Port 80',
        `    Labels job=fluent-bit, cluster=${ctx.env.spec.clusterName}, environment=${ctx.env.spec.name}`,
        '    auto_kubernetes_labels on',
        '',
      ].join('\n'),
    },
  };
}
