/**
 * Schema of `apps/environments/<env>.terraform.json`: what Terraform created, handed to synth.
 * Written by `npm run tf:outputs -- <env>` (scripts/tf-outputs.ts) from `terraform output -json`.
 * `vpcId` is null in the committed seed files until the first apply fills it.
 */
import { z } from 'zod';

const accountId = z.string().regex(/^[0-9]{12}$/, 'must be a 12-digit AWS account id');
const roleArn = z.string().regex(/^arn:aws:iam::[0-9]{12}:role\/[A-Za-z0-9+=,.@_-]+$/, 'must be an IAM role ARN');
const name = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a lowercase kebab-case name');

/** Terraform outputs of one environment root, in the shape synth reads. */
export const terraformOutputsSchema = z
  .strictObject({
    accountId,
    region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-[0-9]$/, 'must be an AWS region such as us-east-1'),
    clusterName: name,
    ecrRegistry: z.string().regex(/^[0-9]{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com$/, 'must be <account>.dkr.ecr.<region>.amazonaws.com'),
    vpcId: z
      .string()
      .regex(/^vpc-[0-9a-f]{8,17}$/, 'must be a VPC id')
      .nullable(),
    serviceRoleArns: z.record(name, roleArn),
    addonRoleArns: z.record(name, roleArn),
    bucketNames: z.record(name, z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name')),
    queueNames: z.record(name, z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'must be an SQS queue name')),
    karpenterInterruptionQueue: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'must be an SQS queue name'),
    karpenterNodeRoleName: z.string().regex(/^[A-Za-z0-9+=,.@_-]{1,64}$/, 'must be an IAM role name'),
  })
  .superRefine((o, ctx) => {
    if (!o.ecrRegistry.startsWith(`${o.accountId}.dkr.ecr.${o.region}.`)) {
      ctx.addIssue({
        code: 'custom',
        path: ['ecrRegistry'],
        message: `must be ${o.accountId}.dkr.ecr.${o.region}.amazonaws.com (accountId/region)`,
      });
    }
    for (const field of ['serviceRoleArns', 'addonRoleArns'] as const) {
      for (const [key, arn] of Object.entries(o[field])) {
        if (!arn.startsWith(`arn:aws:iam::${o.accountId}:role/`)) {
          ctx.addIssue({ code: 'custom', path: [field, key], message: `role must be in account ${o.accountId}, got ${arn}` });
        }
      }
    }
  });

/** What Terraform created for one environment. */
export type TerraformOutputs = z.infer<typeof terraformOutputsSchema>;
