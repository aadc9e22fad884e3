/** Helm values of cert-manager (ACME DNS-01 through Route53 with IRSA, and the internal CA). */
import type { AddonContext } from '../../addon-context.ts';

/** Values of the `cert-manager` chart. */
export function certManagerValues(ctx: AddonContext): Record<string, unknown> {
  const replicas = ctx.settings.replicas ?? 1;
  return {
    crds: { enabled: true, keep: true },
    replicaCount: replicas,
    podDisruptionBudget: { enabled: replicas > 1, minAvailable: 1 },
    serviceAccount: ctx.irsaServiceAccount(),
    // The projected IRSA token is readable only with a matching fsGroup.
    securityContext: { runAsNonRoot: true, fsGroup: 1001, seccompProfile: { type: 'RuntimeDefault' } },
    webhook: { replicaCount: replicas },
    cainjector: { replicaCount: replicas },
    prometheus: { enabled: true, servicemonitor: { enabled: true } },
  };
}
