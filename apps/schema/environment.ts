/**
 * The schema of one environment declaration in `apps/environments/<env>.yaml`.
 */
import { z } from 'zod';
import { alarmsSchema } from './alarms.ts';
import { cidr, cpuQuantity, environmentName, memoryQuantity } from './common.ts';
import { overridableSchema } from './service.ts';

/** One target cluster and the AWS account around it. */
export const environmentSchema = z.strictObject({
  name: environmentName,
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

/** An environment declaration after defaults. */
export type Environment = z.infer<typeof environmentSchema>;
