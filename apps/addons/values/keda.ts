/** Helm values of KEDA (ScaledObjects for queue-driven scaling; CRDs installed by the chart). */
import type { AddonContext } from '../../addon-context.ts';

/**
 * Values of the `keda` chart (kedacore/charts keda/values.yaml @ v2.20.2). The operator's service
 * account gets the add-on's IRSA role through `podIdentity.aws.irsa` (keda/templates/manager/
 * serviceaccount.yaml annotates `eks.amazonaws.com/role-arn`): KEDA then assumes each workload's
 * own role for `identityOwner: workload` triggers (pkg/scalers/aws/aws_config_cache.go,
 * retrievePodIdentityCredentials), so it never reads a queue with permissions of its own.
 */
export function kedaValues(ctx: AddonContext): Record<string, unknown> {
  const replicas = ctx.settings.replicas ?? 1;
  return {
    crds: { install: true },
    operator: { replicaCount: replicas },
    metricsServer: { replicaCount: replicas },
    webhooks: { replicaCount: replicas },
    podDisruptionBudget:
      replicas > 1 ? { operator: { minAvailable: 1 }, metricServer: { minAvailable: 1 }, webhooks: { minAvailable: 1 } } : {},
    serviceAccount: { operator: { create: true, name: ctx.serviceAccount() } },
    podIdentity: { aws: { irsa: { enabled: true, roleArn: ctx.roleArn() } } },
    prometheus: {
      operator: { enabled: true, serviceMonitor: { enabled: true } },
      metricServer: { enabled: true, serviceMonitor: { enabled: true } },
    },
  };
}
