/**
 * Schema of `apps/environments/<env>.terraform.json`: what only an apply can tell synth (the VPC
 * id), plus the environment facts that tie the file to its root. Conventional names (roles,
 * queues, buckets, …) are never read from here: apps/aws-names.ts derives them, so a new service
 * renders before Terraform has run. Written by `npm run tf:outputs -- <env>` (scripts/tf-outputs.ts)
 * from `terraform output -json`; `vpcId` is null in the committed seed files until the first apply.
 */
import { z } from 'zod';

const accountId = z.string().regex(/^[0-9]{12}$/, 'must be a 12-digit AWS account id');
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
    /**
     * The public ALB's ACM certificate and regional WAFv2 web ACL (modules/edge). Their ids exist only
     * after apply, so both are null until then; synth renders the public Ingress only once both are known.
     */
    edgeCertificateArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate\/[0-9a-f-]{36}$/, 'must be an ACM certificate ARN')
      .nullable()
      .default(null),
    edgeWafAclArn: z
      .string()
      .regex(
        /^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:[0-9]{12}:regional\/webacl\/[A-Za-z0-9_-]+\/[0-9a-f-]{36}$/,
        'must be a regional WAFv2 web ACL ARN',
      )
      .nullable()
      .default(null),
  })
  .superRefine((o, ctx) => {
    if (!o.ecrRegistry.startsWith(`${o.accountId}.dkr.ecr.${o.region}.`)) {
      ctx.addIssue({
        code: 'custom',
        path: ['ecrRegistry'],
        message: `must be ${o.accountId}.dkr.ecr.${o.region}.amazonaws.com (accountId/region)`,
      });
    }
    for (const field of ['edgeCertificateArn', 'edgeWafAclArn'] as const) {
      const arn = o[field];
      if (arn !== null && arn.split(':')[3] !== o.region)
        ctx.addIssue({ code: 'custom', path: [field], message: `must be in ${o.region} (region)` });
      if (arn !== null && arn.split(':')[4] !== o.accountId)
        ctx.addIssue({ code: 'custom', path: [field], message: `must be in account ${o.accountId} (accountId)` });
    }
  });

/** What Terraform created for one environment. */
export type TerraformOutputs = z.infer<typeof terraformOutputsSchema>;
