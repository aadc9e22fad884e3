/** Helm values of metrics-server (resource metrics for HPAs and `kubectl top`). */
import type { AddonContext } from '../../addon-context.ts';

/** Values of the `metrics-server` chart. */
export function metricsServerValues(ctx: AddonContext): Record<string, unknown> {
  const replicas = ctx.settings.replicas ?? 2;
  return {
    replicas,
    podDisruptionBudget: { enabled: replicas > 1, maxUnavailable: 1 },
    metrics: { enabled: true },
    serviceMonitor: { enabled: true },
  };
}
