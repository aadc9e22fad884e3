/** Helm values of the AWS Load Balancer Controller (ALB for the public API Ingress). */
import type { AddonContext } from '../../addon-context.ts';

/**
 * Values of the `aws-load-balancer-controller` chart. `vpcId` is passed only once Terraform has
 * reported it (`vpcId` in `<env>.terraform.json`): without it the controller asks the instance
 * metadata service, which pods cannot reach with the nodes' hop limit of 1 (see README).
 */
export function awsLoadBalancerControllerValues(ctx: AddonContext): Record<string, unknown> {
  const replicas = ctx.settings.replicas ?? 2;
  const vpcId = ctx.env.terraform.vpcId;
  return {
    clusterName: ctx.env.spec.clusterName,
    region: ctx.env.spec.region,
    ...(vpcId === null ? {} : { vpcId }),
    replicaCount: replicas,
    serviceAccount: ctx.irsaServiceAccount(),
    podDisruptionBudget: { maxUnavailable: 1 },
    // Services of type LoadBalancer are not used; keep the in-tree behaviour untouched.
    enableServiceMutatorWebhook: false,
    // The chart's default webhook certificate is generated with genCA on every render, so Argo CD
    // would report the Secret and webhook caBundle OutOfSync forever; cert-manager issues it instead
    // (eks-charts stable/aws-load-balancer-controller README, `enableCertManager`).
    enableCertManager: true,
    serviceMonitor: { enabled: true },
  };
}
