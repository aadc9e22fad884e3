/**
 * The schema of one environment declaration in `apps/environments/<env>.yaml`.
 */
import { z } from 'zod';
import { alarmsSchema } from './alarms.ts';
import { cidr, cpuQuantity, environmentName, memoryQuantity } from './common.ts';
import { overridableSchema } from './service.ts';

/** One target cluster and the AWS account around it (`platform: eks`, the default). */
export const eksEnvironmentSchema = z.strictObject({
  name: environmentName,
  /** Where the cluster runs: EKS in an AWS account (default), or a single k3s/kind node (see k3sEnvironmentSchema). */
  platform: z.literal('eks').default('eks'),
  accountId: z.string().regex(/^[0-9]{12}$/, 'must be a 12-digit AWS account id'),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-[0-9]$/, 'must be an AWS region such as "us-east-1"'),
  clusterName: z.string().regex(/^[a-z][a-z0-9-]{1,99}$/, 'must be an EKS cluster name'),
  domain: z.string().regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}$/, 'must be a DNS domain'),
  ecrRegistry: z.string().regex(/^[0-9]{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com$/, 'must be an ECR registry host'),
  secretsPrefix: z.string().regex(/^[a-z0-9][a-z0-9/_-]*[a-z0-9]$/, 'must be a Secrets Manager key prefix without trailing "/"'),
  zones: z.array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-[0-9][a-z]$/, 'must be an availability zone')).min(1),
  network: z.strictObject({
    vpcCidr: cidr,
    dataSubnetCidrs: z.array(cidr).min(1),
  }),
  /**
   * The public edge: the ACME account of its DNS names. The ALB's certificate and WAF web ACL are
   * created by Terraform (modules/edge) and reach synth through `<env>.terraform.json`, never typed here.
   */
  edge: z.strictObject({
    acmeEmail: z.string().regex(/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/, 'must be an e-mail address'),
  }),
  /** Karpenter NodePool limits: the most capacity each pool may launch in this environment. */
  nodePools: z.strictObject({
    general: z.strictObject({ limits: z.strictObject({ cpu: cpuQuantity, memory: memoryQuantity }) }),
    'gpu-spot': z.strictObject({ limits: z.strictObject({ cpu: cpuQuantity, memory: memoryQuantity }) }),
  }),
  gitops: z.strictObject({
    repoURL: z.string().url(),
    targetRevision: z.string().min(1),
    /** How Image Updater writes new tags back: a commit to `targetRevision`, or a pull request against it. */
    imageWriteBack: z.enum(['commit', 'pull-request']).default('commit'),
  }),
  /** CloudWatch alarm thresholds and the Chatbot Slack channel (terraform/modules/alarms). */
  alarms: alarmsSchema.default(alarmsSchema.parse({})),
  /** Applied to every service in this environment, below the service's own per-environment override. */
  defaults: overridableSchema.default({}),
});

/**
 * A single-node k3s (or kind) cluster on a laptop or one VM: no AWS account, so none of the
 * AWS-only fields above; images come from `registry`, secrets from a namespace of the cluster.
 */
export const k3sEnvironmentSchema = z.strictObject({
  name: environmentName,
  platform: z.literal('k3s'),
  /** DNS domain Traefik serves (`api.<domain>`); `*.localhost` resolves to 127.0.0.1 without setup. */
  domain: z.string().regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}$/, 'must be a DNS domain'),
  /** Registry host (and port) the node pulls images from, e.g. `registry.localhost:5000` (k3d/kind local registry). */
  registry: z.string().regex(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?$/, 'must be a registry host such as "registry.localhost:5000"'),
  gitops: z.strictObject({
    repoURL: z.string().url(),
    targetRevision: z.string().min(1),
  }),
  /**
   * Applied to every service in this environment. Replicas, autoscaling and disruption are the
   * platform's (one node: one replica, nothing scales, a PDB that lets it drain), so not set here.
   */
  defaults: overridableSchema.omit({ replicas: true, autoscaling: true, disruption: true }).default({}),
});

/** An environment file: `platform` tells the two shapes apart, and a file without it is `eks`. */
export const environmentSchema = z.preprocess(
  (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) && !('platform' in v) ? { ...v, platform: 'eks' } : v),
  z.discriminatedUnion('platform', [eksEnvironmentSchema, k3sEnvironmentSchema]),
);

/**
 * The shape every resolver reads: an EKS declaration after defaults, or a k3s one with placeholder
 * AWS facts (apps/platform.ts `k3sAsEnvironment`) that the platform profile keeps out of dist/.
 */
export type Environment = Omit<z.infer<typeof eksEnvironmentSchema>, 'platform'> & { readonly platform: 'eks' | 'k3s' };
/** A k3s environment declaration after defaults. */
export type K3sEnvironment = z.infer<typeof k3sEnvironmentSchema>;
/** Either environment file. */
export type EnvironmentFile = z.infer<typeof environmentSchema>;
