/**
 * Data-tier checks (issue 15): Redis cluster mode, 90-day rotation of the data-at-rest keys, the
 * isolated subnets' NACL, flow logs in S3, and that no plan destroys or replaces a data store.
 */
import { blocks, finding, logsVpc, resources, tagsOf, type Check, type PlanJson, type PlannedResource } from './plan.ts';

/** CMK purposes (modules/settings kms_keys) that encrypt tenant data at rest (messages included): 90-day rotation (seed 004). */
export const DATA_KEY_PURPOSES = ['rds', 'elasticache', 's3', 'sqs', 'sns', 'secrets'] as const;

/** Resource types holding data whose loss a replace would cause (a replace plans delete + create). */
export const DATA_STORE_TYPES = ['aws_db_instance', 'aws_elasticache_replication_group', 'aws_s3_bucket', 'aws_sqs_queue', 'aws_secretsmanager_secret', 'aws_kms_key'] as const;

const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : NaN);
const tier = (r: PlannedResource) => tagsOf(r).tier ?? '';

/** CIDRs of the subnets of one tier (tag tier=<name>, modules/network) in the module of `r`. */
const tierCidrs = (plan: PlanJson, moduleAddress: string, name: string) =>
  resources(plan, 'aws_subnet')
    .filter((s) => s.moduleAddress === moduleAddress && tier(s) === name)
    .map((s) => String(s.values.cidr_block));

export const dataTierChecks: Check[] = [
  {
    id: 'FT_REDIS_CLUSTER_MODE',
    description: 'Redis runs in cluster mode with replicas in every shard and more than one shard (staging and prod)',
    evaluate: (plan, ctx) =>
      ctx.environment === 'dev'
        ? []
        : resources(plan, 'aws_elasticache_replication_group').flatMap((g) => {
            const [mode, shards, replicas] = [g.values.cluster_mode, num(g.values.num_node_groups), num(g.values.replicas_per_node_group)];
            return mode === 'enabled' && shards >= 2 && replicas >= 1
              ? []
              : [finding('FT_REDIS_CLUSTER_MODE', g.address, `cluster_mode must be enabled with num_node_groups >= 2 and replicas_per_node_group >= 1 (got ${String(mode)}, ${shards}, ${replicas})`)];
          }),
  },
  {
    id: 'FT_KMS_DATA_ROTATION_90',
    description: 'CMKs of data at rest (rds, elasticache, s3, sqs, sns, secrets) rotate at least every 90 days',
    evaluate: (plan) =>
      resources(plan, 'aws_kms_key')
        .filter((k) => (DATA_KEY_PURPOSES as readonly unknown[]).includes(k.index))
        .flatMap((k) => {
          const days = num(k.values.rotation_period_in_days);
          return k.values.enable_key_rotation === true && days <= 90 ? [] : [finding('FT_KMS_DATA_ROTATION_90', k.address, `rotation_period_in_days is ${days}, must be <= 90 with rotation enabled`)];
        }),
  },
  {
    id: 'FT_ISOLATED_NACL',
    description: 'The isolated subnets have a NACL admitting only single data-store ports from the private subnets (and intra-tier traffic)',
    evaluate: (plan) =>
      resources(plan, 'aws_vpc').flatMap((v) => {
        const isolated = tierCidrs(plan, v.moduleAddress, 'isolated');
        if (!isolated.length) return [];
        const private_ = tierCidrs(plan, v.moduleAddress, 'private');
        const nacls = resources(plan, 'aws_network_acl').filter((n) => n.moduleAddress === v.moduleAddress && tier(n) === 'isolated');
        if (!nacls.length) return [finding('FT_ISOLATED_NACL', v.address, 'no aws_network_acl tagged tier=isolated on the isolated subnets')];
        return nacls.flatMap((n) =>
          blocks(n.values.ingress)
            .filter((r) => r.action === 'allow')
            .flatMap((r) => {
              const cidr = String(r.cidr_block);
              const rule = `ingress rule ${String(r.rule_no)} (${String(r.protocol)} ${cidr} ${String(r.from_port)}-${String(r.to_port)})`;
              if (String(r.protocol) !== 'tcp' && String(r.protocol) !== '6') return [finding('FT_ISOLATED_NACL', n.address, `${rule} must be TCP`)];
              if (isolated.includes(cidr)) return [];
              if (!private_.includes(cidr)) return [finding('FT_ISOLATED_NACL', n.address, `${rule} admits a source outside the private subnets`)];
              return r.from_port === r.to_port ? [] : [finding('FT_ISOLATED_NACL', n.address, `${rule} must open one port, not a range`)];
            }),
        );
      }),
  },
  {
    id: 'FT_FLOW_LOGS_S3',
    description: 'Every VPC also delivers its flow logs (ALL traffic) to S3 as Parquet for Athena',
    evaluate: (plan) => {
      const logs = resources(plan, 'aws_flow_log');
      return resources(plan, 'aws_vpc').flatMap((v) =>
        logs.some(
          (l) => logsVpc(l, v) && l.values.log_destination_type === 's3' && l.values.traffic_type === 'ALL' && blocks(l.values.destination_options)[0]?.file_format === 'parquet',
        )
          ? []
          : [finding('FT_FLOW_LOGS_S3', v.address, 'no flow log to S3 (log_destination_type s3, ALL traffic, parquet)')],
      );
    },
  },
  {
    id: 'FT_DATA_STORE_KEPT',
    description: 'No plan deletes or replaces a data store (database, cache, bucket, queue, secret, CMK)',
    evaluate: (plan) =>
      (plan.resource_changes ?? [])
        .filter((r) => r.mode === 'managed' && (DATA_STORE_TYPES as readonly string[]).includes(r.type) && r.change.actions.includes('delete'))
        .map((r) => finding('FT_DATA_STORE_KEPT', r.address, `plan would ${r.change.actions.includes('create') ? 'replace' : 'delete'} it (${r.change.actions.join(', ')}); move it with a moved block or migrate in place`)),
  },
];
