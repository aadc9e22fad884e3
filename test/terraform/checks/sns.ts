/**
 * SNS topic checks (modules/topics): encrypted with a customer-managed key, and a topic policy
 * that denies publishing without TLS and by anyone but the listed publisher roles.
 */
import { finding, policyDocuments, resources, type Check, type PlanJson, type PlannedResource, type Statement } from './plan.ts';

/** The statements of the topic policy configuring `topic` (same module, same for_each key). */
function topicPolicy(plan: PlanJson, topic: PlannedResource): Statement[] | undefined {
  const policy = resources(plan, 'aws_sns_topic_policy').find((p) => p.moduleAddress === topic.moduleAddress && p.index === topic.index);
  return policy && policyDocuments(plan).find((d) => d.address === policy.address)?.statements;
}

export const snsChecks: Check[] = [
  {
    id: 'CKV_AWS_26',
    description: 'SNS topics are encrypted with a customer-managed KMS key',
    evaluate: (plan) =>
      resources(plan, 'aws_sns_topic').flatMap((t) => {
        const key = t.values.kms_master_key_id;
        if (t.unknown.kms_master_key_id === true) return [];
        // alias/aws/sns is the AWS managed key: its policy cannot be narrowed to the publishers.
        return typeof key === 'string' && key !== '' && !key.endsWith('alias/aws/sns')
          ? []
          : [finding('CKV_AWS_26', t.address, `kms_master_key_id must name a customer-managed key (got ${JSON.stringify(key ?? null)})`)];
      }),
  },
  {
    id: 'FT_SNS_DENY_NON_TLS',
    description: 'Every SNS topic has a policy denying publishing without TLS',
    evaluate: (plan) =>
      resources(plan, 'aws_sns_topic').flatMap((t) => {
        const ok = topicPolicy(plan, t)?.some(
          (s) => s.effect === 'Deny' && s.conditions.some((c) => c.variable === 'aws:SecureTransport' && c.values.includes('false')),
        );
        return ok ? [] : [finding('FT_SNS_DENY_NON_TLS', t.address, 'topic policy must deny aws:SecureTransport = false')];
      }),
  },
  {
    id: 'FT_SNS_PUBLISHERS_ONLY',
    description: 'Every SNS topic denies sns:Publish to all but its listed publisher roles (or, for a service-fed topic such as the alarms topic, its publishing AWS services)',
    evaluate: (plan) =>
      resources(plan, 'aws_sns_topic').flatMap((t) => {
        const ok = topicPolicy(plan, t)?.some(
          (s) =>
            s.effect === 'Deny' &&
            s.actions.some((a) => a === 'sns:Publish' || a === 'sns:*') &&
            s.principals.some((p) => p.identifiers.includes('*')) &&
            s.conditions.some(
              (c) =>
                ((c.test === 'ArnNotEquals' || c.test === 'StringNotEquals') && c.variable === 'aws:PrincipalArn' && c.values.length > 0) ||
                // A service principal has no aws:PrincipalArn but an aws:PrincipalServiceName, which IAM principals lack (IfExists denies them).
                (c.test === 'StringNotEqualsIfExists' && c.variable === 'aws:PrincipalServiceName' && c.values.length > 0),
            ),
        );
        return ok ? [] : [finding('FT_SNS_PUBLISHERS_ONLY', t.address, 'topic policy must deny sns:Publish unless aws:PrincipalArn is a listed publisher')];
      }),
  },
];
