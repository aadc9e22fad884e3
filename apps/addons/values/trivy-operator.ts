/** Helm values of Trivy Operator (vulnerability and config-audit reports for running workloads). */
import type { AddonContext } from '../../addon-context.ts';

/** Values of the `trivy-operator` chart. */
export function trivyOperatorValues(ctx: AddonContext): Record<string, unknown> {
  return {
    operator: { scanJobsConcurrentLimit: 3, vulnerabilityScannerScanOnlyCurrentRevisions: true },
    trivy: { severity: 'CRITICAL,HIGH', ignoreUnfixed: true },
    excludeNamespaces: 'kube-system',
    serviceMonitor: { enabled: true, labels: { environment: ctx.env.spec.name } },
  };
}
