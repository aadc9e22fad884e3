/** Helm values of Karpenter (controller; NodePools and EC2NodeClasses live in cluster-config). */
import type { AddonContext } from '../../addon-context.ts';

/** Values of the `karpenter` chart. */
export function karpenterValues(ctx: AddonContext): Record<string, unknown> {
  return {
    replicas: ctx.require('replicas'),
    logLevel: ctx.settings.logLevel ?? 'info',
    settings: {
      clusterName: ctx.env.spec.clusterName,
      interruptionQueue: ctx.env.names.karpenterInterruptionQueue,
    },
    serviceAccount: ctx.irsaServiceAccount(),
    controller: {
      resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } },
    },
    serviceMonitor: { enabled: true },
  };
}
