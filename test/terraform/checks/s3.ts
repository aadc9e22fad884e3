/** S3 bucket checks (settings live in sibling aws_s3_bucket_* resources with the same module and key). */
import { blocks, finding, policyDocuments, resources, tagsOf, unknownAt, type Check, type PlanJson, type PlannedResource } from './plan.ts';

/** S3 server access logs cannot be delivered to SSE-KMS buckets, so the log bucket is SSE-S3. */
const isAccessLogBucket = (b: PlannedResource) => tagsOf(b)['fintrack.io/purpose'] === 'access-logs';

/**
 * The settings resource of a bucket: same module, same for_each key (or, for a single bucket, the
 * one instance of an optional setting, e.g. modules/bucket's `count`-ed access logging).
 */
function settingFor(plan: PlanJson, bucket: PlannedResource, type: string): PlannedResource | undefined {
  return resources(plan, type).find(
    (s) => s.moduleAddress === bucket.moduleAddress && s.name === bucket.name && (s.index === bucket.index || (bucket.index === undefined && s.index === 0)),
  );
}

const perBucket = (id: string, description: string, test: (plan: PlanJson, b: PlannedResource) => string | undefined): Check => ({
  id,
  description,
  evaluate: (plan) =>
    resources(plan, 'aws_s3_bucket').flatMap((b) => {
      const problem = test(plan, b);
      return problem ? [finding(id, b.address, problem)] : [];
    }),
});

export const s3Checks: Check[] = [
  perBucket('CKV_AWS_145', 'Buckets use SSE-KMS with a CMK and a bucket key (access-log bucket: SSE-S3, required by S3 logging)', (plan, b) => {
    const sse = settingFor(plan, b, 'aws_s3_bucket_server_side_encryption_configuration');
    const rule = blocks(sse?.values.rule)[0];
    const def = blocks(rule?.apply_server_side_encryption_by_default)[0];
    if (!def) return 'no server-side encryption configuration';
    if (isAccessLogBucket(b)) return def.sse_algorithm === 'AES256' || def.sse_algorithm === 'aws:kms' ? undefined : 'access-log bucket must be encrypted';
    const keySet = typeof def.kms_master_key_id === 'string' || (sse !== undefined && unknownAt(sse, 'rule', 0, 'apply_server_side_encryption_by_default', 0, 'kms_master_key_id'));
    return def.sse_algorithm === 'aws:kms' && keySet && rule?.bucket_key_enabled === true ? undefined : 'must use sse_algorithm aws:kms with kms_master_key_id and bucket_key_enabled';
  }),
  perBucket('CKV_AWS_21', 'Buckets are versioned', (plan, b) => {
    const v = settingFor(plan, b, 'aws_s3_bucket_versioning');
    return blocks(v?.values.versioning_configuration)[0]?.status === 'Enabled' ? undefined : 'versioning must be Enabled';
  }),
  perBucket('CKV2_AWS_6', 'Buckets block public access (all four flags)', (plan, b) => {
    const p = settingFor(plan, b, 'aws_s3_bucket_public_access_block');
    const flags = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];
    const off = flags.filter((f) => p?.values[f] !== true);
    return off.length ? `public access block must set ${off.join(', ')}` : undefined;
  }),
  perBucket('CKV_AWS_18', 'Buckets log access to the access-log bucket', (plan, b) =>
    isAccessLogBucket(b) || settingFor(plan, b, 'aws_s3_bucket_logging') ? undefined : 'no aws_s3_bucket_logging (server access logging)',
  ),
  perBucket('CKV2_AWS_61', 'Buckets have lifecycle rules', (plan, b) => {
    const l = settingFor(plan, b, 'aws_s3_bucket_lifecycle_configuration');
    return blocks(l?.values.rule).some((r) => r.status === 'Enabled') ? undefined : 'no enabled lifecycle rule';
  }),
  perBucket('FT_S3_DENY_NON_TLS', 'Bucket policies deny requests without TLS (aws:SecureTransport = false)', (plan, b) => {
    const policy = settingFor(plan, b, 'aws_s3_bucket_policy');
    const doc = policy && policyDocuments(plan).find((d) => d.address === policy.address);
    const denies = doc?.statements.some((s) => s.effect === 'Deny' && s.conditions.some((c) => c.variable === 'aws:SecureTransport' && c.values.includes('false')));
    return denies ? undefined : 'bucket policy must deny aws:SecureTransport = false';
  }),
];
