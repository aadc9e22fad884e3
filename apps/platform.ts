/**
 * What the cluster platform of an environment offers, in one place: every resolver and builder that
 * renders something only one platform has (IRSA, Karpenter, the ALB, Secrets Manager, Terraform)
 * asks this profile instead of testing the environment's name.
 */
import { alarmsSchema } from './schema/alarms.ts';
import type { Environment, EnvironmentFile, K3sEnvironment } from './schema/environment.ts';
import type { TerraformOutputs } from './schema/terraform-outputs.ts';
import { SECRET_STORE_NAME } from '../charts/cluster/aws-secret-store.ts';
import { LOCAL_SECRET_STORE_NAME } from '../charts/cluster/local-secret-store.ts';

/** Namespace of the local secret store (k3s): one Secret per Secrets Manager key, seeded by hand. */
export const LOCAL_SECRETS_NAMESPACE = 'local-secrets';
/** Namespace of the in-cluster PostgreSQL and Redis (k3s). */
export const LOCAL_DATA_NAMESPACE = 'data';

/** The capabilities of one platform. */
export interface PlatformProfile {
  /** The environment file's `platform`. */
  readonly platform: 'eks' | 'k3s';
  /** Cloud IAM exists: IRSA role annotations, `terraform/environments/<env>/` (catalog and AWS contract). */
  readonly cloudIam: boolean;
  /** Karpenter provisions nodes: NodePools, EC2NodeClasses, pool nodeSelectors and zone spread. */
  readonly karpenter: boolean;
  /** One node: one replica per service, no autoscaling, PDBs that allow a drain, no zone spread. */
  readonly singleNode: boolean;
  /** Where ExternalSecrets read from: AWS Secrets Manager, or Secrets in {@link LOCAL_SECRETS_NAMESPACE}. */
  readonly secretStore: 'aws-secrets-manager' | 'kubernetes';
  /** The IngressClass of the public API: the AWS Load Balancer Controller's, or k3s' Traefik. */
  readonly ingressClass: 'alb' | 'traefik';
  /** The StorageClass claims use; `gp3` is rendered by synth, `local-path` ships with k3s. */
  readonly storageClass: 'gp3' | 'local-path';
  /** PostgreSQL and Redis run in the cluster (StatefulSets) instead of RDS and ElastiCache. */
  readonly inClusterData: boolean;
  /** Argo CD Image Updater writes new tags back. */
  readonly imageUpdater: boolean;
  /** Services that request GPUs can be scheduled. */
  readonly gpus: boolean;
  /** ACME certificates through Route53 DNS-01. */
  readonly acme: boolean;
  /** Add-ons that must not run on this platform, with the reason synth gives when one is listed. */
  readonly unsupportedAddons: Readonly<Record<string, string>>;
}

/** EKS: everything the cloud environments have always had. */
export const EKS_PROFILE: PlatformProfile = {
  platform: 'eks',
  cloudIam: true,
  karpenter: true,
  singleNode: false,
  secretStore: 'aws-secrets-manager',
  ingressClass: 'alb',
  storageClass: 'gp3',
  inClusterData: false,
  imageUpdater: true,
  gpus: true,
  acme: true,
  unsupportedAddons: {},
};

/** A single k3s (or kind) node on a laptop or one VM. */
export const K3S_PROFILE: PlatformProfile = {
  platform: 'k3s',
  cloudIam: false,
  karpenter: false,
  singleNode: true,
  secretStore: 'kubernetes',
  ingressClass: 'traefik',
  storageClass: 'local-path',
  inClusterData: true,
  imageUpdater: false,
  gpus: false,
  acme: false,
  unsupportedAddons: {
    'argocd-image-updater': 'Image Updater is off locally: tags change with `npm run image -- set local …`',
    'aws-load-balancer-controller': 'k3s serves Ingresses with Traefik (IngressClass traefik)',
    'external-dns': 'there is no Route53 zone locally; *.localhost resolves to 127.0.0.1',
    karpenter: 'a single node: nothing to provision',
    'nvidia-device-plugin': 'GPU services are not rendered locally',
    keda: 'one replica per service: nothing scales',
    'metrics-server': 'k3s ships metrics-server itself',
    'fluent-bit': 'no log shipping locally: use kubectl logs',
    loki: 'no log storage locally: use kubectl logs',
    'trivy-operator': 'no image scanning locally',
  },
};

/** Name of the ClusterSecretStore every ExternalSecret of the platform names. */
export function secretStoreName(profile: PlatformProfile): string {
  return profile.secretStore === 'kubernetes' ? LOCAL_SECRET_STORE_NAME : SECRET_STORE_NAME;
}

/** The profile of an environment file. */
export function platformProfile(env: Pick<EnvironmentFile, 'platform'>): PlatformProfile {
  return env.platform === 'k3s' ? K3S_PROFILE : EKS_PROFILE;
}

/** Account id of the placeholder AWS facts of a k3s environment; never rendered (verify's `local/no-cloud` rule). */
const NO_ACCOUNT = '000000000000';

/**
 * A k3s environment in the shape the shared resolvers read. The AWS facts are placeholders that
 * the platform profile keeps out of every rendered object (IRSA, queues, CIDRs are replaced where
 * the profile says so, see apps/localize.ts); `ecrRegistry` is the image registry the node pulls from.
 */
export function k3sAsEnvironment(env: K3sEnvironment): Environment {
  return {
    name: env.name,
    platform: 'k3s',
    accountId: NO_ACCOUNT,
    region: 'us-east-1',
    clusterName: `fintrack-${env.name}`,
    domain: env.domain,
    // Not an ECR registry: the name stays because every resolver reads the image registry from here.
    ecrRegistry: env.registry,
    secretsPrefix: `fintrack/${env.name}`,
    zones: ['local'],
    // k3s' default cluster and service CIDRs (k3s docs, "cluster-cidr"/"service-cidr"); only placeholders here.
    network: { vpcCidr: '10.42.0.0/16', dataSubnetCidrs: ['10.43.0.0/16'] },
    edge: { acmeEmail: 'platform@localhost.localdomain' },
    nodePools: { general: { limits: { cpu: '0', memory: '0' } }, 'gpu-spot': { limits: { cpu: '0', memory: '0' } } },
    gitops: { ...env.gitops, imageWriteBack: 'commit' },
    // No AWS base, so no CloudWatch alarms: the schema's defaults stand in (nothing reads them).
    alarms: alarmsSchema.parse({}),
    // One node: every service's settings start from one replica, no autoscaling and a draining PDB.
    defaults: { ...env.defaults, replicas: 1, autoscaling: false, disruption: { maxUnavailable: 1 } },
  };
}

/** Terraform outputs of an environment Terraform never applies: nothing known. */
export function noTerraformOutputs(env: Environment): TerraformOutputs {
  return {
    accountId: env.accountId,
    clusterName: env.clusterName,
    ecrRegistry: env.ecrRegistry,
    edgeCertificateArn: null,
    edgeWafAclArn: null,
    region: env.region,
    vpcId: null,
  };
}
