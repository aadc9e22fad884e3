/** CloudWatch log group and SQS checks. */
import { finding, policyDocuments, resources, type Check } from './plan.ts';

export const logsChecks: Check[] = [
  {
    id: 'CKV_AWS_158',
    description: 'CloudWatch log groups are KMS-encrypted',
    evaluate: (plan) =>
      resources(plan, 'aws_cloudwatch_log_group').flatMap((g) =>
        typeof g.values.kms_key_id === 'string' || g.unknown.kms_key_id === true ? [] : [finding('CKV_AWS_158', g.address, 'kms_key_id must be set')],
      ),
  },
  {
    id: 'CKV_AWS_338',
    description: 'CloudWatch log groups retain logs for at least one year',
    evaluate: (plan) =>
      resources(plan, 'aws_cloudwatch_log_group').flatMap((g) => {
        const days = Number(g.values.retention_in_days ?? 0);
        return days >= 365 ? [] : [finding('CKV_AWS_338', g.address, `retention_in_days is ${days || 'unset (never expire is not allowed either)'}, must be >= 365`)];
      }),
  },
];

export const sqsChecks: Check[] = [
  {
    id: 'CKV_AWS_27',
    description: 'SQS queues are encrypted (KMS CMK)',
    evaluate: (plan) =>
      resources(plan, 'aws_sqs_queue').flatMap((q) =>
        typeof q.values.kms_master_key_id === 'string' || q.unknown.kms_master_key_id === true ? [] : [finding('CKV_AWS_27', q.address, 'kms_master_key_id must be set')],
      ),
  },
  {
    id: 'FT_SQS_DENY_NON_TLS',
    description: 'Every SQS queue has a policy denying requests without TLS',
    evaluate: (plan) => {
      const queues = resources(plan, 'aws_sqs_queue');
      const policies = resources(plan, 'aws_sqs_queue_policy');
      const docs = policyDocuments(plan);
      return queues.flatMap((q) => {
        const policy = policies.find((p) => p.moduleAddress === q.moduleAddress && p.index === q.index && p.name === q.name);
        const doc = policy && docs.find((d) => d.address === policy.address);
        const ok = doc?.statements.some((s) => s.effect === 'Deny' && s.conditions.some((c) => c.variable === 'aws:SecureTransport' && c.values.includes('false')));
        return ok ? [] : [finding('FT_SQS_DENY_NON_TLS', q.address, 'queue policy must deny aws:SecureTransport = false')];
      });
    },
  },
];
