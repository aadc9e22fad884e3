/** Helm values of External Secrets Operator (reads AWS Secrets Manager through IRSA). */
import type { AddonContext } from '../../addon-context.ts';

/** Values of the `external-secrets` chart. */
export function externalSecretsValues(ctx: AddonContext): Record<string, unknown> {
  const replicas = ctx.settings.replicas ?? 1;
  return {
    installCRDs: true,
    replicaCount: replicas,
    serviceAccount: ctx.irsaServiceAccount(),
    webhook: { replicaCount: replicas },
    certController: { replicaCount: 1 },
    podDisruptionBudget: { enabled: replicas > 1, minAvailable: 1 },
    serviceMonitor: { enabled: true },
  };
}
