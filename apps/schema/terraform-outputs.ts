/**
 * The schema of `apps/environments/<env>.terraform.json`: what Terraform created, handed back to
 * synth (written by `npm run tf:outputs -- <env>` from `terraform output -json`).
 */
import { z } from 'zod';

const arn = z.string().regex(/^arn:aws:iam::[0-9]{12}:role\/[A-Za-z0-9+=,.@_-]+$/, 'must be an IAM role ARN');

/** Terraform outputs of one environment root. */
export const terraformOutputsSchema = z.strictObject({
  accountId: z.string().regex(/^[0-9]{12}$/, 'must be a 12-digit AWS account id'),
  region: z.string().min(1),
  clusterName: z.string().min(1),
  ecrRegistry: z.string().min(1),
  vpcId: z
    .string()
    .regex(/^vpc-[0-9a-f]{8,17}$/, 'must be a VPC id')
    .nullable(),
  serviceRoleArns: z.record(z.string(), arn),
  addonRoleArns: z.record(z.string(), arn),
  bucketNames: z.record(z.string(), z.string().min(3)),
  queueNames: z.record(z.string(), z.string().min(1)),
  karpenterInterruptionQueue: z.string().min(1),
  karpenterNodeRoleName: z.string().min(1),
});

/** What Terraform created for one environment. */
export type TerraformOutputs = z.infer<typeof terraformOutputsSchema>;
