/**
 * The AWS contract of one environment (`terraform/environments/<env>/contract.json`): the roles,
 * repositories, queues, buckets, secrets and public edge (certificate hosts, WAF web ACL) Terraform creates. Synth writes it from the catalog
 * and the Terraform plan test proves the plan creates exactly these names; verify reads only this
 * file (never the catalog) and checks every AWS name dist/ references against it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const roleArn = z.string().regex(/^arn:aws[a-z-]*:iam::[0-9]{12}:role\/[A-Za-z0-9+=,.@_/-]+$/, 'must be an IAM role ARN');

/** Schema of contract.json. */
export const awsContractSchema = z.object({
  environment: z.string().min(1),
  accountId: z.string().regex(/^[0-9]{12}$/),
  region: z.string().min(1),
  roles: z.array(
    z.object({
      arn: roleArn,
      name: z.string().min(1),
      /** `namespace/name` of the only service account the role trusts (IRSA), null for non-IRSA roles. */
      serviceAccount: z.string().nullable(),
    }),
  ),
  ecrRepositories: z.array(z.string().min(1)),
  /** Queues with the name of their dead-letter queue (catalog queues; Karpenter's has none). */
  queues: z.array(z.object({ name: z.string().min(1), url: z.string().url(), deadLetterQueue: z.string().min(1).optional() })),
  /** SNS topics (modules/topics) and the only roles that may publish to each. */
  topics: z.array(z.object({ name: z.string().min(1), arn: z.string().min(1), publishers: z.array(roleArn) })).optional(),
  buckets: z.array(z.string().min(1)),
  secrets: z.array(
    z.object({
      name: z.string().min(1),
      properties: z.array(z.string().min(1)),
      source: z.enum(['terraform', 'operator']),
      readers: z.array(roleArn),
    }),
  ),
  rdsIamUsers: z.array(z.object({ user: z.string().min(1), role: roleArn })),
  /** The public edge modules/edge creates: hosts its ACM certificate covers, its WAFv2 web ACL's name. */
  edge: z.object({ hosts: z.array(z.string().min(1)), webAclName: z.string().min(1) }),
});

/** What Terraform provides in one environment. */
export type AwsContract = z.infer<typeof awsContractSchema>;

/** Path of an environment's contract below `contractsDir`. */
export function contractFile(contractsDir: string, env: string): string {
  return join(contractsDir, env, 'contract.json');
}

/** Reads and validates a contract; returns the problem as text instead of throwing. */
export function readContract(file: string): { contract: AwsContract } | { error: string } {
  if (!existsSync(file)) return { error: `${file} does not exist: run \`npm run synth\`` };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return { error: `${file}: invalid JSON: ${(e as Error).message}` };
  }
  const parsed = awsContractSchema.safeParse(json);
  if (!parsed.success) {
    return { error: parsed.error.issues.map((i) => `${file}: ${i.path.join('.')}: ${i.message}`).join('; ') };
  }
  return { contract: parsed.data };
}
