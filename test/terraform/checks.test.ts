/**
 * Every security check fails on a minimal hand-written plan fragment with the expected message,
 * and passes on the corrected fragment. No terraform binary needed.
 */
import { describe, expect, it } from 'vitest';
import { allChecks, type CheckContext, type PlanJson } from './checks/index.ts';

type Values = Record<string, unknown>;
interface Res {
  type: string;
  name?: string;
  index?: string;
  values: Values;
  unknown?: Values;
}

/** A plan with the given managed resources (all in the root module). */
function plan(...rs: Res[]): PlanJson {
  return {
    resource_changes: rs.map((r) => {
      const name = r.name ?? 'this';
      const address = `${r.type}.${name}${r.index === undefined ? '' : `[${JSON.stringify(r.index)}]`}`;
      return { address, mode: 'managed', type: r.type, name, index: r.index, change: { actions: ['create'], after: r.values, after_unknown: r.unknown ?? {} } };
    }),
  };
}

const kms = 'arn:aws:kms:us-east-1:123456789012:key/k';
const doc = (...Statement: Values[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const readersOnly = {
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: 'secretsmanager:GetSecretValue',
  Resource: '*',
  Condition: { StringNotEquals: { 'aws:PrincipalArn': ['arn:aws:iam::123456789012:role/fintrack-prod-addon-external-secrets'] } },
};
const denyNonTls = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };

const cluster: Values = {
  encryption_config: [{ resources: ['secrets'], provider: [{ key_arn: kms }] }],
  vpc_config: [{ endpoint_private_access: true, endpoint_public_access: false, public_access_cidrs: [] }],
  enabled_cluster_log_types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
  access_config: [{ authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: false }],
};
const addons = ['vpc-cni', 'coredns', 'kube-proxy', 'eks-pod-identity-agent', 'aws-ebs-csi-driver'].map((n) => ({ type: 'aws_eks_addon', name: 'a', index: n, values: { addon_name: n } }));
const launchTemplate: Values = {
  metadata_options: [{ http_tokens: 'required', http_put_response_hop_limit: 1 }],
  block_device_mappings: [{ device_name: '/dev/xvda', ebs: [{ encrypted: 'true', volume_type: 'gp3' }] }],
};
const db: Values = {
  storage_encrypted: true,
  kms_key_id: kms,
  publicly_accessible: false,
  multi_az: true,
  iam_database_authentication_enabled: true,
  backup_retention_period: 35,
  deletion_protection: true,
  monitoring_interval: 60,
  enabled_cloudwatch_logs_exports: ['postgresql', 'upgrade'],
  performance_insights_enabled: true,
  performance_insights_kms_key_id: kms,
  manage_master_user_password: true,
  master_user_secret_kms_key_id: kms,
  password: null,
};
const bucket = (over: Partial<Record<string, Res | null>> = {}, tags: Values = {}): Res[] => {
  const parts: Record<string, Res | null> = {
    sse: { type: 'aws_s3_bucket_server_side_encryption_configuration', values: { rule: [{ bucket_key_enabled: true, apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: kms }] }] } },
    versioning: { type: 'aws_s3_bucket_versioning', values: { versioning_configuration: [{ status: 'Enabled' }] } },
    pab: { type: 'aws_s3_bucket_public_access_block', values: { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true } },
    logging: { type: 'aws_s3_bucket_logging', values: { target_bucket: 'logs' } },
    lifecycle: { type: 'aws_s3_bucket_lifecycle_configuration', values: { rule: [{ status: 'Enabled' }] } },
    policy: { type: 'aws_s3_bucket_policy', values: { policy: doc(denyNonTls) } },
    ...over,
  };
  return [{ type: 'aws_s3_bucket', values: { bucket: 'b', tags } }, ...Object.values(parts).filter((p): p is Res => p !== null)];
};
const kmsKey = (policy: string, rotation = true): Res => ({ type: 'aws_kms_key', values: { enable_key_rotation: rotation, policy } });
const rootKeyPolicy = doc({ Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: ['kms:Decrypt'], Resource: '*' });
const repo: Values = { image_tag_mutability: 'IMMUTABLE', image_scanning_configuration: [{ scan_on_push: true }], encryption_configuration: [{ encryption_type: 'KMS', kms_key: kms }] };
const lifecycle = (untaggedDays: number, keep: number): Res => ({
  type: 'aws_ecr_lifecycle_policy',
  values: {
    policy: JSON.stringify({
      rules: [
        { selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countNumber: untaggedDays } },
        { selection: { tagStatus: 'tagged', countType: 'imageCountMoreThan', countNumber: keep } },
      ],
    }),
  },
});
const redis: Values = { at_rest_encryption_enabled: 'true', transit_encryption_enabled: true, user_group_ids: ['g'], kms_key_id: kms, automatic_failover_enabled: true, multi_az_enabled: true };
const rolePolicy = (...statements: Values[]): Res => ({ type: 'aws_iam_role_policy', values: { policy: doc(...statements) } });
const role = (...statements: Values[]): Res => ({ type: 'aws_iam_role', values: { name: 'r', assume_role_policy: doc(...statements) } });
const irsa = (sub: string, test = 'StringEquals'): Values => ({
  Effect: 'Allow',
  Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/X' },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: { [test]: { 'oidc.eks.us-east-1.amazonaws.com/id/X:sub': sub, 'oidc.eks.us-east-1.amazonaws.com/id/X:aud': 'sts.amazonaws.com' } },
});
const github = (sub: string): Values => ({
  Effect: 'Allow',
  Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': sub }, StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
});
const vpc: Res = { type: 'aws_vpc', values: { cidr_block: '10.0.0.0/16' } };
const closedDefault: Res = { type: 'aws_default_security_group', values: { ingress: [], egress: [] } };
const logGroup = (values: Values): Res => ({ type: 'aws_cloudwatch_log_group', values: { kms_key_id: kms, retention_in_days: 365, ...values } });
const queue = (values: Values, policy: string | null = doc({ ...denyNonTls, Action: 'sqs:*' })): Res[] => [
  { type: 'aws_sqs_queue', values: { kms_master_key_id: kms, ...values } },
  ...(policy ? [{ type: 'aws_sqs_queue_policy', values: { policy } }] : []),
];

const boundaryArn = 'arn:aws:iam::123456789012:policy/boundary/fintrack-prod-workload-boundary';
const boundaryPolicy = (...deny: string[]): Res => ({
  type: 'aws_iam_policy',
  name: 'boundary',
  values: { path: '/boundary/', policy: doc({ Sid: 'Ceiling', Effect: 'Allow', Action: '*', Resource: '*' }, { Sid: 'No', Effect: 'Deny', Action: deny, Resource: '*' }) },
});
const escalation = ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:DeleteRolePermissionsBoundary', 'iam:UpdateAssumeRolePolicy', 'iam:CreateUser', 'iam:CreateAccessKey'];
const workloadRole = (boundary: string | null): Res => ({ type: 'aws_iam_role', name: 'w', values: { name: 'fintrack-prod-w', permissions_boundary: boundary, assume_role_policy: doc(irsa('system:serviceaccount:a:b')) } });
const ciRole = (name: string, sub: string): Res => ({ type: 'aws_iam_role', name, values: { name, assume_role_policy: doc(github(sub)) } });
const withinBoundary = { StringEquals: { 'iam:PermissionsBoundary': boundaryArn } };
const envRoles = 'arn:aws:iam::123456789012:role/fintrack-prod-*';
const applyPolicy = (...extra: Values[]): Res => ({
  type: 'aws_iam_role_policy',
  name: 'apply',
  values: {
    role: 'fintrack-prod-github-apply',
    policy: doc(
      { Sid: 'Grant', Effect: 'Allow', Action: ['iam:CreateRole', 'iam:PutRolePolicy'], Resource: envRoles, Condition: withinBoundary },
      { Sid: 'Trust', Effect: 'Allow', Action: ['iam:UpdateAssumeRolePolicy'], Resource: envRoles },
      ...extra,
    ),
  },
});
const denyCi = { Sid: 'NotCi', Effect: 'Deny', Action: ['iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy'], Resource: 'arn:aws:iam::123456789012:role/fintrack-prod-github-*' };
const planState = (...actions: string[]): Res => ({
  type: 'aws_iam_role_policy',
  name: 'state',
  values: { role: 'fintrack-prod-github-plan', policy: doc({ Sid: 'StateObjects', Effect: 'Allow', Action: actions, Resource: 'arn:aws:s3:::fintrack-prod-tfstate/*' }) },
});

const managed = (name: string, count = false): Values => ({
  name,
  override_action: [count ? { count: [{}], none: [] } : { count: [], none: [{}] }],
  statement: [{ managed_rule_group_statement: [{ vendor_name: 'AWS', name }] }],
});
const rateRule = (limit: number): Values => ({ name: 'rate', action: [{ block: [{}] }], statement: [{ rate_based_statement: [{ limit, aggregate_key_type: 'IP', evaluation_window_sec: 300 }] }] });
const webAcl = (...rule: Values[]): Res => ({ type: 'aws_wafv2_web_acl', values: { name: 'fintrack-prod-edge', scope: 'REGIONAL', rule } });
const groups = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesSQLiRuleSet'];
const certificate = (method: string): Res => ({ type: 'aws_acm_certificate', values: { domain_name: 'api.fintrack.io', validation_method: method } });

const trail = (values: Values = {}): Res => ({
  type: 'aws_cloudtrail',
  values: { name: 'audit', s3_bucket_name: 'audit-b', is_multi_region_trail: true, enable_log_file_validation: true, kms_key_id: kms, ...values },
});
const auditBucket = (lock: Values | null = { mode: 'COMPLIANCE', days: 365 }): Res[] => [
  { type: 'aws_s3_bucket', name: 'audit', values: { bucket: 'audit-b', object_lock_enabled: true } },
  ...(lock ? [{ type: 'aws_s3_bucket_object_lock_configuration', values: { bucket: 'audit-b', rule: [{ default_retention: [lock] }] } }] : []),
];
const recorder = (group: Values = { all_supported: true, include_global_resource_types: true }): Res[] => [
  { type: 'aws_config_configuration_recorder', values: { recording_group: [group] } },
  { type: 'aws_config_configuration_recorder_status', values: { is_enabled: true } },
  { type: 'aws_config_delivery_channel', values: {} },
  { type: 'aws_config_config_rule', values: {} },
];
const hub = (...standards: string[]): Res[] => [
  { type: 'aws_securityhub_account', values: {} },
  ...standards.map((s, i) => ({ type: 'aws_securityhub_standards_subscription', name: `s${i}`, values: { standards_arn: `arn:aws:securityhub:us-east-1::standards/${s}` } })),
];
const foundational = 'aws-foundational-security-best-practices/v/1.0.0';
const cis = 'cis-aws-foundations-benchmark/v/3.0.0';

interface Case {
  readonly good: PlanJson;
  readonly bad: PlanJson;
  readonly message: RegExp;
  readonly ctx?: CheckContext;
}

const topicDenyNonTls = { Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
const publishersOnly = {
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: 'sns:Publish',
  Resource: '*',
  Condition: { ArnNotEquals: { 'aws:PrincipalArn': ['arn:aws:iam::123456789012:role/fintrack-prod-notification-service'] } },
};

const cases: Record<string, Case> = {
  CKV_AWS_58: { good: plan({ type: 'aws_eks_cluster', values: cluster }), bad: plan({ type: 'aws_eks_cluster', values: { ...cluster, encryption_config: [] } }), message: /encrypt "secrets" with a KMS key/ },
  CKV_AWS_39: {
    good: plan({ type: 'aws_eks_cluster', values: cluster }),
    bad: plan({ type: 'aws_eks_cluster', values: { ...cluster, vpc_config: [{ endpoint_private_access: true, endpoint_public_access: true, public_access_cidrs: [] }] } }),
    message: /endpoint_public_access is true without public_access_cidrs/,
  },
  CKV_AWS_38: {
    good: plan({ type: 'aws_eks_cluster', values: { ...cluster, vpc_config: [{ endpoint_private_access: true, endpoint_public_access: true, public_access_cidrs: ['203.0.113.0/24'] }] } }),
    bad: plan({ type: 'aws_eks_cluster', values: { ...cluster, vpc_config: [{ endpoint_private_access: true, endpoint_public_access: true, public_access_cidrs: ['0.0.0.0/0'] }] } }),
    message: /public_access_cidrs contains 0\.0\.0\.0\/0/,
  },
  CKV_AWS_37: { good: plan({ type: 'aws_eks_cluster', values: cluster }), bad: plan({ type: 'aws_eks_cluster', values: { ...cluster, enabled_cluster_log_types: ['api'] } }), message: /missing audit, authenticator, controllerManager, scheduler/ },
  FT_EKS_PRIVATE_ENDPOINT: {
    good: plan({ type: 'aws_eks_cluster', values: cluster }),
    bad: plan({ type: 'aws_eks_cluster', values: { ...cluster, vpc_config: [{ endpoint_private_access: false, endpoint_public_access: false }] } }),
    message: /endpoint_private_access must be true/,
  },
  FT_EKS_ACCESS_ENTRIES: {
    good: plan({ type: 'aws_eks_cluster', values: cluster }),
    bad: plan({ type: 'aws_eks_cluster', values: { ...cluster, access_config: [{ authentication_mode: 'API_AND_CONFIG_MAP', bootstrap_cluster_creator_admin_permissions: true }] } }),
    message: /authentication_mode = "API"/,
  },
  FT_EKS_NETWORK_POLICY: {
    good: plan({ type: 'aws_eks_addon', values: { addon_name: 'vpc-cni', configuration_values: JSON.stringify({ enableNetworkPolicy: 'true' }) } }),
    bad: plan({ type: 'aws_eks_addon', values: { addon_name: 'vpc-cni', configuration_values: null } }),
    message: /enableNetworkPolicy = "true"/,
  },
  FT_VPC_POD_ENDPOINTS: {
    good: plan(
      { type: 'aws_vpc', values: {} },
      ...['sts', 'secretsmanager', 'kms', 'ecr.api', 'ecr.dkr', 'sqs', 's3'].map((svc) => ({
        type: 'aws_vpc_endpoint',
        name: 'interface',
        index: svc,
        values: {
          service_name: `com.amazonaws.us-east-1.${svc}`,
          vpc_endpoint_type: 'Interface',
          private_dns_enabled: true,
          dns_options: svc === 's3' ? [{ private_dns_only_for_inbound_resolver_endpoint: false }] : [],
        },
      })),
    ),
    bad: plan(
      { type: 'aws_vpc', values: {} },
      { type: 'aws_vpc_endpoint', name: 's3', values: { service_name: 'com.amazonaws.us-east-1.s3', vpc_endpoint_type: 'Gateway' } },
    ),
    message: /no interface endpoint for sqs/,
  },
  FT_EKS_ADDONS: { good: plan({ type: 'aws_eks_cluster', values: cluster }, ...addons), bad: plan({ type: 'aws_eks_cluster', values: cluster }, addons[0]!), message: /missing managed add-ons: coredns, kube-proxy/ },
  CKV_AWS_79: {
    good: plan({ type: 'aws_launch_template', values: launchTemplate }),
    bad: plan({ type: 'aws_launch_template', values: { ...launchTemplate, metadata_options: [{ http_tokens: 'optional', http_put_response_hop_limit: 1 }] } }),
    message: /http_tokens must be "required"/,
  },
  CKV_AWS_341: {
    good: plan({ type: 'aws_launch_template', values: launchTemplate }),
    bad: plan({ type: 'aws_launch_template', values: { ...launchTemplate, metadata_options: [{ http_tokens: 'required', http_put_response_hop_limit: 2 }] } }),
    message: /hop_limit must be 1/,
  },
  CKV_AWS_8: {
    good: plan({ type: 'aws_launch_template', values: launchTemplate }),
    bad: plan({ type: 'aws_launch_template', values: { ...launchTemplate, block_device_mappings: [{ device_name: '/dev/xvda', ebs: [{ encrypted: 'false', volume_type: 'gp2' }] }] } }),
    message: /\/dev\/xvda must be encrypted gp3/,
  },
  CKV_AWS_16: { good: plan({ type: 'aws_db_instance', values: db }), bad: plan({ type: 'aws_db_instance', values: { ...db, storage_encrypted: false } }), message: /storage_encrypted must be true/ },
  CKV_AWS_17: { good: plan({ type: 'aws_db_instance', values: db }), bad: plan({ type: 'aws_db_instance', values: { ...db, publicly_accessible: true } }), message: /publicly_accessible must be false/ },
  CKV_AWS_157: { good: plan({ type: 'aws_db_instance', values: db }), bad: plan({ type: 'aws_db_instance', values: { ...db, multi_az: false } }), message: /multi_az must be true in prod/ },
  CKV_AWS_161: {
    good: plan({ type: 'aws_db_instance', values: db }),
    bad: plan({ type: 'aws_db_instance', values: { ...db, iam_database_authentication_enabled: false } }),
    message: /iam_database_authentication_enabled must be true/,
  },
  CKV_AWS_133: { good: plan({ type: 'aws_db_instance', values: db }), bad: plan({ type: 'aws_db_instance', values: { ...db, backup_retention_period: 7 } }), message: /backup_retention_period is 7, must be >= 35 in prod/ },
  CKV_AWS_293: { good: plan({ type: 'aws_db_instance', values: db }), bad: plan({ type: 'aws_db_instance', values: { ...db, deletion_protection: false } }), message: /deletion_protection must be true/ },
  CKV_AWS_118: { good: plan({ type: 'aws_db_instance', values: db }), bad: plan({ type: 'aws_db_instance', values: { ...db, monitoring_interval: 0 } }), message: /monitoring_interval must be > 0/ },
  CKV_AWS_129: { good: plan({ type: 'aws_db_instance', values: db }), bad: plan({ type: 'aws_db_instance', values: { ...db, enabled_cloudwatch_logs_exports: ['postgresql'] } }), message: /missing upgrade/ },
  CKV_AWS_353: { good: plan({ type: 'aws_db_instance', values: db }), bad: plan({ type: 'aws_db_instance', values: { ...db, performance_insights_enabled: false } }), message: /performance_insights_enabled must be true/ },
  CKV_AWS_354: {
    good: plan({ type: 'aws_db_instance', values: db }),
    bad: plan({ type: 'aws_db_instance', values: { ...db, performance_insights_kms_key_id: null } }),
    message: /performance_insights_kms_key_id must be set/,
  },
  CKV_AWS_149: { good: plan({ type: 'aws_db_instance', values: db }), bad: plan({ type: 'aws_db_instance', values: { ...db, manage_master_user_password: null, password: 'hunter2' } }), message: /manage_master_user_password must be true/ },
  CKV2_AWS_69: {
    good: plan({ type: 'aws_db_parameter_group', values: { family: 'postgres16', parameter: [{ name: 'rds.force_ssl', value: '1' }] } }),
    bad: plan({ type: 'aws_db_parameter_group', values: { family: 'postgres16', parameter: [{ name: 'rds.force_ssl', value: '0' }] } }),
    message: /rds\.force_ssl must be 1/,
  },
  CKV_AWS_145: {
    good: plan(...bucket()),
    bad: plan(...bucket({ sse: { type: 'aws_s3_bucket_server_side_encryption_configuration', values: { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'AES256' }] }] } } })),
    message: /must use sse_algorithm aws:kms with kms_master_key_id and bucket_key_enabled/,
  },
  CKV_AWS_21: { good: plan(...bucket()), bad: plan(...bucket({ versioning: null })), message: /versioning must be Enabled/ },
  CKV2_AWS_6: {
    good: plan(...bucket()),
    bad: plan(...bucket({ pab: { type: 'aws_s3_bucket_public_access_block', values: { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: false } } })),
    message: /must set restrict_public_buckets/,
  },
  CKV_AWS_18: { good: plan(...bucket()), bad: plan(...bucket({ logging: null })), message: /no aws_s3_bucket_logging/ },
  CKV2_AWS_61: { good: plan(...bucket()), bad: plan(...bucket({ lifecycle: null })), message: /no enabled lifecycle rule/ },
  FT_S3_DENY_NON_TLS: {
    good: plan(...bucket()),
    bad: plan(...bucket({ policy: { type: 'aws_s3_bucket_policy', values: { policy: doc({ Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: '*' }) } } })),
    message: /must deny aws:SecureTransport = false/,
  },
  CKV_AWS_7: { good: plan(kmsKey(rootKeyPolicy)), bad: plan(kmsKey(rootKeyPolicy, false)), message: /enable_key_rotation must be true/ },
  CKV_AWS_33: {
    good: plan(kmsKey(rootKeyPolicy)),
    bad: plan(kmsKey(doc({ Sid: 'Everyone', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' }))),
    message: /statement Everyone allows principal "\*"/,
  },
  CKV_AWS_51: { good: plan({ type: 'aws_ecr_repository', values: repo }), bad: plan({ type: 'aws_ecr_repository', values: { ...repo, image_tag_mutability: 'MUTABLE' } }), message: /must be IMMUTABLE/ },
  CKV_AWS_163: {
    good: plan({ type: 'aws_ecr_repository', values: repo }),
    bad: plan({ type: 'aws_ecr_repository', values: { ...repo, image_scanning_configuration: [{ scan_on_push: false }] } }),
    message: /scan_on_push must be true/,
  },
  CKV_AWS_136: {
    good: plan({ type: 'aws_ecr_repository', values: repo }),
    bad: plan({ type: 'aws_ecr_repository', values: { ...repo, encryption_configuration: [{ encryption_type: 'AES256' }] } }),
    message: /must be KMS with a kms_key/,
  },
  FT_ECR_LIFECYCLE: {
    good: plan({ type: 'aws_ecr_repository', values: repo }, lifecycle(7, 20)),
    bad: plan({ type: 'aws_ecr_repository', values: repo }, lifecycle(30, 5)),
    message: /expire untagged after 7 days and keep 20 tagged/,
  },
  CKV_AWS_29: { good: plan({ type: 'aws_elasticache_replication_group', values: redis }), bad: plan({ type: 'aws_elasticache_replication_group', values: { ...redis, at_rest_encryption_enabled: 'false' } }), message: /at_rest_encryption_enabled must be true/ },
  CKV_AWS_30: { good: plan({ type: 'aws_elasticache_replication_group', values: redis }), bad: plan({ type: 'aws_elasticache_replication_group', values: { ...redis, transit_encryption_enabled: false } }), message: /transit_encryption_enabled must be true/ },
  CKV_AWS_31: {
    good: plan({ type: 'aws_elasticache_replication_group', values: redis }),
    bad: plan({ type: 'aws_elasticache_replication_group', values: { ...redis, user_group_ids: [], auth_token: null } }),
    message: /user_group_ids \(RBAC\) or auth_token is required/,
  },
  CKV_AWS_191: { good: plan({ type: 'aws_elasticache_replication_group', values: redis }), bad: plan({ type: 'aws_elasticache_replication_group', values: { ...redis, kms_key_id: null } }), message: /kms_key_id must be set/ },
  FT_REDIS_FAILOVER: {
    good: plan({ type: 'aws_elasticache_replication_group', values: redis }),
    bad: plan({ type: 'aws_elasticache_replication_group', values: { ...redis, automatic_failover_enabled: false } }),
    message: /must be true in prod/,
  },
  CKV_AWS_23: {
    good: plan({ type: 'aws_security_group', values: { description: 'db', ingress: [], egress: [] } }, { type: 'aws_vpc_security_group_ingress_rule', values: { description: 'from app', cidr_ipv4: '10.0.11.0/24' } }),
    bad: plan({ type: 'aws_vpc_security_group_ingress_rule', values: { description: null, cidr_ipv4: '10.0.11.0/24' } }),
    message: /rule needs a description/,
  },
  CKV_AWS_260: {
    good: plan({ type: 'aws_vpc_security_group_ingress_rule', values: { description: 'x', cidr_ipv4: '10.0.0.0/16', from_port: 22 } }),
    bad: plan({ type: 'aws_vpc_security_group_ingress_rule', values: { description: 'ssh', cidr_ipv4: '0.0.0.0/0', from_port: 22 } }),
    message: /ingress from the whole internet/,
  },
  CKV2_AWS_12: { good: plan(vpc, closedDefault), bad: plan(vpc), message: /default security group is not managed/ },
  CKV2_AWS_11: { good: plan(vpc, { type: 'aws_flow_log', values: { traffic_type: 'ALL' } }), bad: plan(vpc, { type: 'aws_flow_log', values: { traffic_type: 'REJECT' } }), message: /no flow log capturing ALL traffic/ },
  FT_ISOLATED_SUBNETS: {
    good: plan({ type: 'aws_route_table', name: 'isolated', values: { tags: { Name: 'x-isolated' }, route: [] } }),
    bad: plan({ type: 'aws_route_table', name: 'isolated', values: { tags: { Name: 'x-isolated' }, route: [{ cidr_block: '0.0.0.0/0' }] } }),
    message: /isolated route table has a default route/,
  },
  CKV_AWS_63: {
    good: plan(rolePolicy({ Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' })),
    bad: plan(rolePolicy({ Sid: 'All', Effect: 'Allow', Action: ['s3:*'], Resource: 'arn:aws:s3:::b/*' })),
    message: /statement All allows wildcard action s3:\*/,
  },
  CKV_AWS_355: {
    good: plan(rolePolicy({ Sid: 'Describe', Effect: 'Allow', Action: ['ec2:DescribeSubnets'], Resource: '*' })),
    bad: plan(rolePolicy({ Sid: 'Terminate', Effect: 'Allow', Action: ['ec2:TerminateInstances'], Resource: '*' })),
    message: /allows ec2:TerminateInstances on "\*" without a condition/,
  },
  CKV_AWS_358: {
    good: plan(role(github('repo:fintrack/platform:ref:refs/heads/main'))),
    bad: plan(role(github('repo:fintrack/*'))),
    message: /not pinned to one org\/repo: repo:fintrack\/\*/,
  },
  FT_IRSA_TRUST: {
    good: plan(role(irsa('system:serviceaccount:payments:payments-service'))),
    bad: plan(role(irsa('system:serviceaccount:payments:*', 'StringLike'))),
    message: /must pin one service account with StringEquals :sub and :aud/,
  },
  FT_NO_PUBLIC_PRINCIPAL: {
    good: plan({ type: 'aws_sqs_queue_policy', values: { policy: doc(denyNonTls) } }),
    bad: plan({ type: 'aws_sqs_queue_policy', values: { policy: doc({ Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' }) } }),
    message: /statement Open allows principal "\*"/,
  },
  FT_POLICY_VISIBLE: {
    good: plan(role(irsa('system:serviceaccount:a:b'))),
    bad: plan({ type: 'aws_iam_role', values: { name: 'r' }, unknown: { assume_role_policy: true } }),
    message: /assume_role_policy cannot be inspected in the plan/,
  },
  CKV_AWS_158: { good: plan(logGroup({})), bad: plan(logGroup({ kms_key_id: null })), message: /kms_key_id must be set/ },
  FT_KMS_SERVICE_SCOPED: {
    good: plan(
      kmsKey(
        doc({
          Sid: 'ServiceUseEvents',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: '*',
          Condition: { ArnLike: { 'kms:EncryptionContext:aws:sqs:arn': 'arn:aws:sqs:us-east-1:123456789012:*' } },
        }),
      ),
    ),
    bad: plan(kmsKey(doc({ Sid: 'ServiceUseEvents', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*' }))),
    message: /statement ServiceUseEvents lets events.amazonaws.com use the key for any account/,
  },
  CKV_AWS_338: { good: plan(logGroup({})), bad: plan(logGroup({ retention_in_days: 7 })), message: /retention_in_days is 7, must be >= 365/ },
  CKV_AWS_27: { good: plan(...queue({})), bad: plan(...queue({ kms_master_key_id: null })), message: /kms_master_key_id must be set/ },
  FT_SECRET_CMK: { good: plan(...secret({})), bad: plan(...secret({ kms_key_id: null })), message: /kms_key_id must name the secrets CMK/ },
  FT_SECRET_READERS: {
    good: plan(...secret({})),
    bad: plan(...secret({}, { Effect: 'Deny', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' })),
    message: /policy must deny secretsmanager:GetSecretValue unless aws:PrincipalArn is a listed reader/,
  },
  FT_IAM_BOUNDARY: {
    good: plan(workloadRole(boundaryArn), boundaryPolicy(...escalation), ciRole('fintrack-prod-github-apply', 'repo:fintrack/platform:environment:prod')),
    bad: plan(workloadRole(null), boundaryPolicy('iam:CreateRole')),
    message: /role fintrack-prod-w has no permissions boundary under policy\/boundary\/[\s\S]*boundary does not deny iam:PutRolePolicy/,
  },
  FT_CI_NO_ESCALATION: {
    good: plan(ciRole('fintrack-prod-github-apply', 'repo:fintrack/platform:environment:prod'), applyPolicy(denyCi)),
    bad: plan(
      ciRole('fintrack-prod-github-apply', 'repo:fintrack/platform:environment:prod'),
      applyPolicy({ Sid: 'Attach', Effect: 'Allow', Action: ['iam:AttachRolePolicy'], Resource: envRoles }, denyCi),
    ),
    message: /statement Attach allows iam:AttachRolePolicy without an iam:PermissionsBoundary condition[\s\S]*statement Attach lets its holder edit CI role fintrack-prod-github-apply/,
  },
  FT_CI_PLAN_READ_ONLY: {
    good: plan(ciRole('fintrack-prod-github-plan', 'repo:fintrack/platform:pull_request'), planState('s3:GetObject')),
    bad: plan(ciRole('fintrack-prod-github-plan', 'repo:fintrack/platform:pull_request'), planState('s3:GetObject', 's3:PutObject')),
    message: /statement StateObjects lets the pull-request plan role s3:PutObject/,
  },
  FT_WAF_RATE_LIMIT: { good: plan(webAcl(rateRule(2000))), bad: plan(webAcl(rateRule(10000))), message: /no blocking per-IP rate-based rule with limit <= 2000/ },
  FT_WAF_MANAGED_RULES: {
    good: plan(webAcl(...groups.map((g) => managed(g)))),
    bad: plan(webAcl(managed(groups[0]!), managed(groups[1]!, true))),
    message: /missing enforced AWS managed rule groups: AWSManagedRulesKnownBadInputsRuleSet, AWSManagedRulesSQLiRuleSet/,
  },
  CKV2_AWS_31: { good: plan(webAcl(), { type: 'aws_wafv2_web_acl_logging_configuration', values: {} }), bad: plan(webAcl()), message: /no aws_wafv2_web_acl_logging_configuration/ },
  FT_ACM_DNS_VALIDATED: {
    good: plan(certificate('DNS'), { type: 'aws_acm_certificate_validation', values: {} }),
    bad: plan(certificate('EMAIL'), { type: 'aws_acm_certificate_validation', values: {} }),
    message: /validation_method must be DNS with an aws_acm_certificate_validation \(got EMAIL\)/,
  },
  FT_AUDIT_PRESENT: {
    good: plan({ type: 'aws_eks_cluster', values: cluster }, trail(), ...recorder(), { type: 'aws_guardduty_detector', values: { enable: true } }, ...hub(foundational, cis)),
    bad: plan({ type: 'aws_eks_cluster', values: cluster }, trail()),
    message: /the environment has no aws_config_configuration_recorder, aws_guardduty_detector, aws_securityhub_account/,
  },
  CKV_AWS_67: { good: plan(trail()), bad: plan(trail({ is_multi_region_trail: false })), message: /is_multi_region_trail must be true/ },
  CKV_AWS_36: { good: plan(trail()), bad: plan(trail({ enable_log_file_validation: false })), message: /enable_log_file_validation must be true/ },
  CKV_AWS_35: { good: plan(trail()), bad: plan(trail({ kms_key_id: null })), message: /kms_key_id must be set/ },
  FT_AUDIT_OBJECT_LOCK: {
    good: plan(trail(), ...auditBucket()),
    bad: plan(trail(), ...auditBucket({ mode: 'GOVERNANCE', days: 30 })),
    message: /bucket audit-b must have object_lock_enabled and a COMPLIANCE default retention of >= 365 days/,
  },
  FT_CONFIG_RECORDER: {
    good: plan(...recorder()),
    bad: plan(...recorder({ all_supported: false, include_global_resource_types: true })),
    message: /recording_group must set all_supported and include_global_resource_types/,
  },
  FT_GUARDDUTY: { good: plan({ type: 'aws_guardduty_detector', values: { enable: true } }), bad: plan({ type: 'aws_guardduty_detector', values: { enable: false } }), message: /enable must be true/ },
  FT_SECURITYHUB_STANDARDS: { good: plan(...hub(foundational, cis)), bad: plan(...hub(foundational)), message: /not subscribed to CIS AWS Foundations Benchmark/ },
  FT_SQS_DENY_NON_TLS: { good: plan(...queue({})), bad: plan(...queue({}, null)), message: /queue policy must deny aws:SecureTransport = false/ },
  CKV_AWS_26: { good: plan(...topic({})), bad: plan(...topic({ kms_master_key_id: 'alias/aws/sns' })), message: /kms_master_key_id must name a customer-managed key \(got "alias\/aws\/sns"\)/ },
  FT_SNS_DENY_NON_TLS: { good: plan(...topic({})), bad: plan(...topic({}, [publishersOnly])), message: /topic policy must deny aws:SecureTransport = false/ },
  FT_SNS_PUBLISHERS_ONLY: {
    good: plan(...topic({})),
    // Denying only a named outsider still lets every other role in the account publish.
    bad: plan(...topic({}, [topicDenyNonTls, { ...publishersOnly, Condition: { ArnEquals: { 'aws:PrincipalArn': ['arn:aws:iam::123456789012:role/outsider'] } } }])),
    message: /topic policy must deny sns:Publish unless aws:PrincipalArn is a listed publisher/,
  },
};

const clusterRedis = (values: Values = {}): Res => ({
  type: 'aws_elasticache_replication_group',
  values: { ...redis, cluster_mode: 'enabled', num_node_groups: 3, replicas_per_node_group: 2, ...values },
});
const dataKey = (purpose: string, days: number): Res => ({ type: 'aws_kms_key', name: 'this', index: purpose, values: { enable_key_rotation: true, rotation_period_in_days: days, policy: rootKeyPolicy } });
const subnet = (name: string, tier: string, cidr: string): Res => ({ type: 'aws_subnet', name, index: cidr, values: { cidr_block: cidr, tags: { tier } } });
const tiers = [vpc, subnet('private', 'private', '10.0.11.0/24'), subnet('isolated', 'isolated', '10.0.21.0/24')];
const nacl = (...ingress: Values[]): Res => ({ type: 'aws_network_acl', name: 'isolated', values: { tags: { tier: 'isolated' }, ingress } });
const naclRule = (cidr: string, from: number, to = from, protocol = 'tcp'): Values => ({ rule_no: 100, action: 'allow', protocol, cidr_block: cidr, from_port: from, to_port: to });
const flowLog = (values: Values): Res => ({ type: 'aws_flow_log', name: 's3', values: { traffic_type: 'ALL', log_destination_type: 's3', destination_options: [{ file_format: 'parquet' }], ...values } });
/** A plan whose only change has the given actions (a delete + create pair is a replace). */
const changing = (type: string, ...actions: string[]): PlanJson => ({
  resource_changes: [{ address: `${type}.this`, mode: 'managed', type, name: 'this', change: { actions, after: actions.includes('create') ? {} : null, after_unknown: {} } }],
});

const dataTierCases: Record<string, Case> = {
  FT_REDIS_CLUSTER_MODE: {
    good: plan(clusterRedis()),
    bad: plan(clusterRedis({ cluster_mode: 'disabled', num_node_groups: 1, replicas_per_node_group: 2 })),
    message: /cluster_mode must be enabled with num_node_groups >= 2 and replicas_per_node_group >= 1 \(got disabled, 1, 2\)/,
  },
  FT_KMS_DATA_ROTATION_90: {
    good: plan(dataKey('rds', 90), dataKey('ecr', 365)),
    bad: plan(dataKey('rds', 365)),
    message: /rotation_period_in_days is 365, must be <= 90/,
  },
  FT_ISOLATED_NACL: {
    good: plan(...tiers, nacl(naclRule('10.0.11.0/24', 5432), naclRule('10.0.21.0/24', 0, 65535))),
    bad: plan(...tiers, nacl(naclRule('0.0.0.0/0', 22), naclRule('10.0.11.0/24', 0, 65535), naclRule('10.0.11.0/24', 5432, 5432, '-1'))),
    message: /admits a source outside the private subnets[\s\S]*must open one port, not a range[\s\S]*must be TCP/,
  },
  FT_FLOW_LOGS_S3: {
    good: plan(vpc, flowLog({})),
    bad: plan(vpc, flowLog({ log_destination_type: 'cloud-watch-logs' })),
    message: /no flow log to S3/,
  },
  FT_DATA_STORE_KEPT: {
    good: changing('aws_db_instance', 'update'),
    bad: changing('aws_elasticache_replication_group', 'delete', 'create'),
    message: /plan would replace it \(delete, create\); move it with a moved block or migrate in place/,
  },
};

const topicArn = 'arn:aws:sns:us-east-1:123456789012:fintrack-prod-alarms';
const alarm = (name: string, namespace: string, metric_name: string, dimensions: Values, actions = [topicArn]): Res => ({
  type: 'aws_cloudwatch_metric_alarm',
  name: 'this',
  index: name,
  values: { namespace, metric_name, dimensions, alarm_actions: actions },
});
const dbAndDlq: Res[] = [
  { type: 'aws_db_instance', values: { ...db, identifier: 'fintrack-prod-postgres' } },
  { type: 'aws_sqs_queue', name: 'dlq', values: { name: 'fintrack-prod-jobs-dlq', kms_master_key_id: kms } },
  { type: 'aws_nat_gateway', values: {} },
  { type: 'aws_elasticache_replication_group', values: { ...redis, replication_group_id: 'fintrack-prod-redis', cluster_mode: 'enabled', num_node_groups: 1, replicas_per_node_group: 1 } },
  { type: 'aws_s3_bucket_replication_configuration', values: { bucket: 'fintrack-prod-reports-123456789012' } },
];
const fullCoverage: Res[] = [
  alarm('cpu', 'AWS/RDS', 'CPUUtilization', { DBInstanceIdentifier: 'fintrack-prod-postgres' }),
  alarm('storage', 'AWS/RDS', 'FreeStorageSpace', { DBInstanceIdentifier: 'fintrack-prod-postgres' }),
  alarm('dlq', 'AWS/SQS', 'ApproximateNumberOfMessagesVisible', { QueueName: 'fintrack-prod-jobs-dlq' }),
  alarm('nat-ports', 'AWS/NATGateway', 'ErrorPortAllocation', {}),
  alarm('nat-drops', 'AWS/NATGateway', 'PacketsDropCount', {}),
  alarm('mem-1', 'AWS/ElastiCache', 'DatabaseMemoryUsagePercentage', { CacheClusterId: 'fintrack-prod-redis-0001-001' }),
  alarm('mem-2', 'AWS/ElastiCache', 'DatabaseMemoryUsagePercentage', { CacheClusterId: 'fintrack-prod-redis-0001-002' }),
  alarm('replication', 'AWS/S3', 'OperationsFailedReplication', { SourceBucket: 'fintrack-prod-reports-123456789012' }),
];
const chatbot = (values: Values): Res => ({
  type: 'aws_chatbot_slack_channel_configuration',
  values: { guardrail_policy_arns: ['arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess'], user_authorization_required: true, ...values },
});

const alarmCases: Record<string, Case> = {
  FT_ALARMS_COVERAGE: {
    good: plan(...dbAndDlq, ...fullCoverage),
    bad: plan(...dbAndDlq, ...fullCoverage.filter((a) => a.index !== 'storage' && a.index !== 'dlq' && a.index !== 'mem-2' && a.index !== 'nat-drops' && a.index !== 'replication')),
    message: /no FreeStorageSpace alarm[\s\S]*1 DatabaseMemoryUsagePercentage alarms for 2 nodes[\s\S]*0 PacketsDropCount alarms for 1 NAT gateways[\s\S]*no ApproximateNumberOfMessagesVisible alarm[\s\S]*no OperationsFailedReplication alarm/,
  },
  FT_ALARM_ACTIONS: {
    good: plan(alarm('cpu', 'AWS/RDS', 'CPUUtilization', {})),
    bad: plan(alarm('cpu', 'AWS/RDS', 'CPUUtilization', {}, [])),
    message: /alarm_actions must include an SNS topic ARN/,
  },
  FT_CHATBOT_GUARDRAIL: {
    good: plan(chatbot({})),
    bad: plan(chatbot({ guardrail_policy_arns: null, user_authorization_required: false })),
    message: /guardrail_policy_arns must be set and exclude AdministratorAccess[\s\S]*user_authorization_required must be true/,
  },
};

const replicated = (rule: Values | null): Res[] => [
  { type: 'aws_s3_bucket', values: { bucket: 'fintrack-prod-reports-123456789012', tags: { 'fintrack.io/bucket': 'reports' } } },
  ...(rule ? [{ type: 'aws_s3_bucket_replication_configuration', values: { bucket: 'fintrack-prod-reports-123456789012', rule: [rule] } }] : []),
];
const replicationRule: Values = {
  status: 'Enabled',
  source_selection_criteria: [{ sse_kms_encrypted_objects: [{ status: 'Enabled' }] }],
  destination: [{ bucket: 'arn:aws:s3:::fintrack-prod-reports-dr-123456789012', encryption_configuration: [{ replica_kms_key_id: kms }] }],
};
const drCases: Record<string, Case> = {
  FT_DR_REPLICATION: {
    good: plan(
      ...replicated(replicationRule),
      { type: 'aws_secretsmanager_secret', values: { name: 'fintrack/prod/rds', replica: [{ region: 'us-west-2', kms_key_id: kms }] } },
      { type: 'aws_db_instance', values: db },
      { type: 'aws_db_instance_automated_backups_replication', values: { retention_period: 35 } },
    ),
    bad: plan(...replicated({ ...replicationRule, source_selection_criteria: [] }), { type: 'aws_secretsmanager_secret', values: { name: 'fintrack/prod/rds', replica: [] } }, { type: 'aws_db_instance', values: db }),
    message: /no enabled replication rule for SSE-KMS objects[\s\S]*secret has no replica[\s\S]*no aws_db_instance_automated_backups_replication/,
  },
};

const distribution = (values: Values = {}, behavior: Values = {}): Res => ({
  type: 'aws_cloudfront_distribution',
  values: {
    default_root_object: 'index.html',
    web_acl_id: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/fintrack-prod-spa/x',
    origin: [{ origin_id: 'spa-s3', domain_name: 'fintrack-prod-spa-123456789012.s3.us-east-1.amazonaws.com', origin_access_control_id: 'E2OAC', s3_origin_config: [] }],
    default_cache_behavior: [{ viewer_protocol_policy: 'redirect-to-https', response_headers_policy_id: 'rhp', ...behavior }],
    ordered_cache_behavior: [],
    custom_error_response: [403, 404].map((error_code) => ({ error_code, response_code: 200, response_page_path: '/index.html' })),
    viewer_certificate: [{ minimum_protocol_version: 'TLSv1.2_2021' }],
    ...values,
  },
});
const headersPolicy = (hsts: Values): Res => ({
  type: 'aws_cloudfront_response_headers_policy',
  values: {
    security_headers_config: [
      {
        strict_transport_security: [{ access_control_max_age_sec: 63072000, include_subdomains: true, ...hsts }],
        content_security_policy: [{ content_security_policy: "default-src 'self'" }],
        content_type_options: [{ override: true }],
        frame_options: [{ frame_option: 'DENY' }],
        referrer_policy: [{ referrer_policy: 'strict-origin-when-cross-origin' }],
      },
    ],
  },
});
const cloudfrontCases: Record<string, Case> = {
  CKV_AWS_34: { good: plan(distribution()), bad: plan(distribution({}, { viewer_protocol_policy: 'allow-all' })), message: /viewer_protocol_policy must be redirect-to-https or https-only/ },
  CKV_AWS_174: { good: plan(distribution()), bad: plan(distribution({ viewer_certificate: [{ minimum_protocol_version: 'TLSv1' }] })), message: /minimum_protocol_version must be TLSv1.2_\* \(got TLSv1\)/ },
  CKV_AWS_68: { good: plan(distribution()), bad: plan(distribution({ web_acl_id: null })), message: /web_acl_id must be set/ },
  CKV2_AWS_32: { good: plan(distribution()), bad: plan(distribution({}, { response_headers_policy_id: null })), message: /response_headers_policy_id must be set/ },
  FT_CLOUDFRONT_OAC: {
    good: plan(distribution()),
    bad: plan(distribution({ origin: [{ origin_id: 'spa-s3', domain_name: 'b.s3.us-east-1.amazonaws.com', origin_access_control_id: null, s3_origin_config: [{ origin_access_identity: 'oai' }] }] })),
    message: /origin spa-s3 must use origin_access_control_id on the REST endpoint/,
  },
  FT_SPA_ERROR_RESPONSES: {
    good: plan(distribution()),
    bad: plan(distribution({ custom_error_response: [{ error_code: 404, response_code: 404, response_page_path: '/404.html' }] })),
    message: /custom_error_response must map 403, 404 to \/index.html with 200/,
  },
  FT_CLOUDFRONT_ACCESS_LOGS: {
    good: plan(distribution(), { type: 'aws_cloudwatch_log_delivery_source', values: { log_type: 'ACCESS_LOGS' } }, { type: 'aws_cloudwatch_log_delivery', values: {} }),
    bad: plan(distribution(), { type: 'aws_cloudwatch_log_delivery_source', values: { log_type: 'ACCESS_LOGS' } }),
    message: /no ACCESS_LOGS aws_cloudwatch_log_delivery_source with an aws_cloudwatch_log_delivery/,
  },
  FT_SECURITY_HEADERS: { good: plan(headersPolicy({})), bad: plan(headersPolicy({ access_control_max_age_sec: 300 })), message: /missing strict_transport_security \(>= 1 year, include_subdomains\)/ },
};

/** An SNS topic and its policy (statements replaceable). */
function topic(over: Values, statements: Values[] = [topicDenyNonTls, publishersOnly]): Res[] {
  return [
    { type: 'aws_sns_topic', index: 't', values: { name: 'fintrack-prod-t', kms_master_key_id: kms, ...over } },
    { type: 'aws_sns_topic_policy', index: 't', values: { policy: doc(...statements) } },
  ];
}

/** A secret and its resource policy (the deny statement replaceable). */
function secret(over: Values, deny: Values = readersOnly): Res[] {
  return [
    { type: 'aws_secretsmanager_secret', index: 's', values: { name: 'fintrack/prod/rds', kms_key_id: kms, ...over } },
    { type: 'aws_secretsmanager_secret_policy', index: 's', values: { block_public_policy: true, policy: doc(deny) } },
  ];
}

const prod: CheckContext = { environment: 'prod' };

describe('security checks', () => {
  it('has at least 30 checks with unique ids, each with a failing fixture', () => {
    const ids = allChecks.map((c) => c.id);
    expect(ids.length).toBeGreaterThanOrEqual(30);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...Object.keys(cases), ...Object.keys(dataTierCases), ...Object.keys(alarmCases), ...Object.keys(drCases), ...Object.keys(cloudfrontCases)].sort()).toEqual([...ids].sort());
  });

  for (const check of allChecks) {
    describe(`${check.id}: ${check.description}`, () => {
      const c = cases[check.id] ?? dataTierCases[check.id] ?? alarmCases[check.id] ?? drCases[check.id] ?? cloudfrontCases[check.id];
      it('fails on the bad fixture with the expected message', () => {
        expect(c, `no fixture for ${check.id}`).toBeDefined();
        const findings = check.evaluate(c!.bad, c!.ctx ?? prod);
        expect(findings.length).toBeGreaterThan(0);
        expect(findings.every((f) => f.checkId === check.id)).toBe(true);
        expect(findings.map((f) => f.message).join('\n')).toMatch(c!.message);
      });
      it('passes on the corrected fixture', () => {
        expect(check.evaluate(c!.good, c!.ctx ?? prod)).toEqual([]);
      });
    });
  }

  it('exempts permissions boundaries from the grant checks, and no other policy', () => {
    const wildcard = allChecks.find((c) => c.id === 'CKV_AWS_63')!;
    const bounded = plan(boundaryPolicy(...escalation));
    expect(wildcard.evaluate(bounded, prod)).toEqual([]);
    const elsewhere = plan({ ...boundaryPolicy(...escalation), values: { ...boundaryPolicy(...escalation).values, path: '/' } });
    expect(wildcard.evaluate(elsewhere, prod).map((f) => f.message)).toEqual(['statement Ceiling allows wildcard action *']);
  });

  it('finds the plan role of a policy through its role reference when the name is unknown', () => {
    const p: PlanJson = {
      ...plan(ciRole('fintrack-prod-github-plan', 'repo:fintrack/platform:pull_request'), { ...planState('s3:PutObject'), values: { policy: planState('s3:PutObject').values.policy }, unknown: { role: true } }),
      configuration: { root_module: { resources: [{ address: 'aws_iam_role_policy.state', expressions: { role: { references: ['aws_iam_role.fintrack-prod-github-plan.id', 'aws_iam_role.fintrack-prod-github-plan'] } } }] } },
    };
    expect(allChecks.find((c) => c.id === 'FT_CI_PLAN_READ_ONLY')!.evaluate(p, prod)).toHaveLength(1);
  });

  it('accepts a service-fed topic (the alarms topic) that only its AWS service may publish to, and no narrower form', () => {
    const check = allChecks.find((c) => c.id === 'FT_SNS_PUBLISHERS_ONLY')!;
    const onlyCloudWatch = { Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalServiceName': 'cloudwatch.amazonaws.com' } } };
    expect(check.evaluate(plan(...topic({}, [topicDenyNonTls, onlyCloudWatch])), prod)).toEqual([]);
    // Without IfExists the deny would miss IAM principals (they carry no aws:PrincipalServiceName).
    const leaky = { ...onlyCloudWatch, Condition: { StringNotEquals: { 'aws:PrincipalServiceName': 'cloudwatch.amazonaws.com' } } };
    expect(check.evaluate(plan(...topic({}, [topicDenyNonTls, leaky])), prod)).toHaveLength(1);
  });

  it('relaxes high-availability checks for dev only', () => {
    const single = plan({ type: 'aws_db_instance', values: { ...db, multi_az: false } });
    const check = allChecks.find((c) => c.id === 'CKV_AWS_157')!;
    expect(check.evaluate(single, { environment: 'dev' })).toEqual([]);
    expect(check.evaluate(single, { environment: 'staging' })).toHaveLength(1);
  });

  it('links a flow log to its VPC by id across layer states (the flow log in observability, the VPC in networking)', () => {
    const layered = { ...vpc, values: { ...vpc.values, id: 'vpc-0a1' } };
    for (const id of ['CKV2_AWS_11', 'FT_FLOW_LOGS_S3']) {
      const check = allChecks.find((c) => c.id === id)!;
      expect(check.evaluate(plan(layered, flowLog({ vpc_id: 'vpc-0a1' })), prod), id).toEqual([]);
      // Another VPC's flow log does not count, even in the same module.
      expect(check.evaluate(plan(layered, flowLog({ vpc_id: 'vpc-0b2' })), prod), id).toHaveLength(1);
    }
  });
});
