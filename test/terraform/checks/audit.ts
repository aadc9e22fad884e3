/**
 * Audit and governance (modules/audit): CloudTrail, the object-locked log bucket, AWS Config,
 * GuardDuty and Security Hub. An environment plan (one with an EKS cluster) must hold all of them.
 */
import { block, finding, resources, type Check } from './plan.ts';

const STANDARDS = {
  'AWS Foundational Security Best Practices': '::standards/aws-foundational-security-best-practices/',
  'CIS AWS Foundations Benchmark': '/cis-aws-foundations-benchmark/',
};
const trails = (plan: Parameters<Check['evaluate']>[0]) => resources(plan, 'aws_cloudtrail');

export const auditChecks: Check[] = [
  {
    id: 'FT_AUDIT_PRESENT',
    description: 'An environment plan holds a CloudTrail trail, a Config recorder, a GuardDuty detector and Security Hub',
    evaluate: (plan) => {
      const cluster = resources(plan, 'aws_eks_cluster')[0];
      if (!cluster) return [];
      const required = ['aws_cloudtrail', 'aws_config_configuration_recorder', 'aws_guardduty_detector', 'aws_securityhub_account'];
      const missing = required.filter((t) => resources(plan, t).length === 0);
      return missing.length ? [finding('FT_AUDIT_PRESENT', cluster.address, `the environment has no ${missing.join(', ')}`)] : [];
    },
  },
  {
    id: 'CKV_AWS_67',
    description: 'CloudTrail is enabled in all regions',
    evaluate: (plan) => trails(plan).filter((t) => t.values.is_multi_region_trail !== true).map((t) => finding('CKV_AWS_67', t.address, 'is_multi_region_trail must be true')),
  },
  {
    id: 'CKV_AWS_36',
    description: 'CloudTrail log file validation is enabled',
    evaluate: (plan) => trails(plan).filter((t) => t.values.enable_log_file_validation !== true).map((t) => finding('CKV_AWS_36', t.address, 'enable_log_file_validation must be true')),
  },
  {
    id: 'CKV_AWS_35',
    description: 'CloudTrail logs are encrypted with a KMS CMK',
    evaluate: (plan) =>
      trails(plan)
        .filter((t) => t.unknown.kms_key_id !== true && !(typeof t.values.kms_key_id === 'string' && t.values.kms_key_id.length > 0))
        .map((t) => finding('CKV_AWS_35', t.address, 'kms_key_id must be set')),
  },
  {
    id: 'FT_AUDIT_OBJECT_LOCK',
    description: "The trail's bucket has object lock in COMPLIANCE mode for at least 365 days",
    evaluate: (plan) => {
      const buckets = resources(plan, 'aws_s3_bucket');
      const locks = resources(plan, 'aws_s3_bucket_object_lock_configuration');
      return trails(plan).flatMap((t) => {
        const bucket = buckets.find((b) => b.values.bucket === t.values.s3_bucket_name && b.moduleAddress === t.moduleAddress);
        const lock = bucket && locks.find((l) => l.moduleAddress === bucket.moduleAddress && (l.values.bucket === bucket.values.bucket || l.unknown.bucket === true));
        const retention = block(block(lock?.values.rule)?.default_retention);
        const ok = bucket?.values.object_lock_enabled === true && retention?.mode === 'COMPLIANCE' && (Number(retention.days ?? 0) >= 365 || Number(retention.years ?? 0) >= 1);
        return ok ? [] : [finding('FT_AUDIT_OBJECT_LOCK', t.address, `bucket ${String(t.values.s3_bucket_name)} must have object_lock_enabled and a COMPLIANCE default retention of >= 365 days`)];
      });
    },
  },
  {
    id: 'FT_CONFIG_RECORDER',
    description: 'AWS Config records every supported resource (global included), is enabled, delivers, and evaluates rules',
    evaluate: (plan) =>
      resources(plan, 'aws_config_configuration_recorder').flatMap((r) => {
        const group = block(r.values.recording_group);
        const problems = [
          ...(group?.all_supported === true && group.include_global_resource_types === true ? [] : ['recording_group must set all_supported and include_global_resource_types']),
          ...(resources(plan, 'aws_config_configuration_recorder_status').some((s) => s.values.is_enabled === true) ? [] : ['no enabled aws_config_configuration_recorder_status']),
          ...(resources(plan, 'aws_config_delivery_channel').length ? [] : ['no aws_config_delivery_channel']),
          ...(resources(plan, 'aws_config_config_rule').length ? [] : ['no aws_config_config_rule']),
        ];
        return problems.map((p) => finding('FT_CONFIG_RECORDER', r.address, p));
      }),
  },
  {
    id: 'FT_GUARDDUTY',
    description: 'GuardDuty detectors are enabled',
    evaluate: (plan) => resources(plan, 'aws_guardduty_detector').filter((d) => d.values.enable !== true).map((d) => finding('FT_GUARDDUTY', d.address, 'enable must be true')),
  },
  {
    id: 'FT_SECURITYHUB_STANDARDS',
    description: 'Security Hub subscribes to the AWS Foundational Security Best Practices and CIS standards',
    evaluate: (plan) => {
      const arns = resources(plan, 'aws_securityhub_standards_subscription').map((s) => String(s.values.standards_arn));
      return resources(plan, 'aws_securityhub_account').flatMap((a) => {
        const missing = Object.entries(STANDARDS)
          .filter(([, part]) => !arns.some((arn) => arn.includes(part)))
          .map(([name]) => name);
        return missing.length ? [finding('FT_SECURITYHUB_STANDARDS', a.address, `not subscribed to ${missing.join(', ')}`)] : [];
      });
    },
  },
];

