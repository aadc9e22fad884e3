/**
 * The catalog as Terraform consumes it (`terraform/environments/<env>/catalog.json`): services,
 * their namespaces, service accounts and AWS needs. Terraform derives ECR repositories, IAM roles,
 * queues and buckets from it, so the charts and the AWS base can never disagree about them.
 */
import type { Catalog, CatalogEnvironment } from './catalog.ts';
import { effectiveSettings, egressRule, namespaceOf } from './resolve.ts';
import { EGRESS_TARGETS } from './schema/service.ts';

/** Add-ons that need an IAM role, with the service account their chart values create. */
export const ADDON_IDENTITIES = [
  { name: 'argocd-image-updater', namespace: 'argocd', serviceAccount: 'argocd-image-updater' },
  { name: 'aws-load-balancer-controller', namespace: 'kube-system', serviceAccount: 'aws-load-balancer-controller' },
  { name: 'cert-manager', namespace: 'cert-manager', serviceAccount: 'cert-manager' },
  { name: 'external-dns', namespace: 'external-dns', serviceAccount: 'external-dns' },
  { name: 'external-secrets', namespace: 'external-secrets', serviceAccount: 'external-secrets' },
  { name: 'karpenter', namespace: 'karpenter', serviceAccount: 'karpenter' },
  { name: 'keda', namespace: 'keda', serviceAccount: 'keda-operator' },
  { name: 'loki', namespace: 'logging', serviceAccount: 'loki' },
] as const;

/** Path of the Terraform catalog of an environment. */
export function terraformCatalogPath(env: string): string {
  return `terraform/environments/${env}/catalog.json`;
}

/** The Terraform catalog of one environment (plain JSON). */
export function terraformCatalog(catalog: Catalog, env: CatalogEnvironment): Record<string, unknown> {
  const services = catalog.services.map(({ spec }) => {
    const autoscaling = effectiveSettings(spec, env).autoscaling;
    return {
      name: spec.name,
      team: spec.team,
      namespace: namespaceOf(spec),
      serviceAccount: spec.name,
      ecrRepository: spec.image.repository,
      aws: spec.aws,
      // KEDA's operator reads this service's queue as the service's own role (identityOwner: workload),
      // so Terraform lets the operator's service account assume that role.
      kedaScaled: Boolean(autoscaling && autoscaling.queue),
      // What the service's NetworkPolicies must allow, and nothing more (verify's network check).
      network: { callers: [...spec.network.callers], public: spec.network.public, egress: [...spec.network.egress] },
    };
  });
  const unique = (values: string[]): string[] => [...new Set(values)].sort();
  return {
    environment: env.spec.name,
    accountId: env.spec.accountId,
    region: env.spec.region,
    clusterName: env.spec.clusterName,
    addons: ADDON_IDENTITIES.map((a) => ({ ...a })),
    buckets: unique(catalog.services.flatMap(({ spec }) => spec.aws.s3.map((s) => s.bucket))),
    queues: unique(catalog.services.flatMap(({ spec }) => spec.aws.sqs.map((s) => s.queue))),
    // Where each egress target is (the AWS API interface endpoints live in the VPC, see
    // terraform/modules/network) and where the load balancer reaches public services from.
    network: {
      vpcCidr: env.spec.network.vpcCidr,
      targets: Object.fromEntries(
        EGRESS_TARGETS.map((t) => {
          const { cidrs, except, ports } = egressRule(t, env);
          return [t, { cidrs: [...cidrs], except: [...(except ?? [])], ports: [...ports] }];
        }),
      ),
    },
    services,
  };
}
