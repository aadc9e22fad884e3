/**
 * Alarm checks (issue 15): every data store, NAT gateway and dead-letter queue has a CloudWatch
 * alarm that notifies an SNS topic, and Chatbot stays read-only (the topic's encryption and policy:
 * checks/sns.ts).
 */
import { finding, resources, type Check, type PlanJson, type PlannedResource } from './plan.ts';

interface Alarm {
  readonly address: string;
  readonly metric: string;
  readonly dimensions: Record<string, string>;
}

const alarms = (plan: PlanJson): Alarm[] =>
  resources(plan, 'aws_cloudwatch_metric_alarm').map((a) => ({
    address: a.address,
    metric: `${String(a.values.namespace)}/${String(a.values.metric_name)}`,
    dimensions: (a.values.dimensions as Record<string, string> | null) ?? {},
  }));

const has = (all: Alarm[], metric: string, key: string, value: string) => all.some((a) => a.metric === metric && a.dimensions[key] === value);
const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));

/** Nodes of a replication group: shards × (1 + replicas) in cluster mode, else the node count. */
const nodeCount = (g: PlannedResource) =>
  g.values.cluster_mode === 'enabled' ? num(g.values.num_node_groups) * (num(g.values.replicas_per_node_group) + 1) : num(g.values.num_cache_clusters);

export const alarmChecks: Check[] = [
  {
    id: 'FT_ALARMS_COVERAGE',
    description:
      'RDS (CPU, free storage), every Redis node (memory), every NAT gateway (port allocation, dropped packets), every DLQ (depth) and every S3 replication (failed operations) has an alarm',
    evaluate: (plan) => {
      const all = alarms(plan);
      const missing = (r: PlannedResource, what: string) => finding('FT_ALARMS_COVERAGE', r.address, `no ${what} alarm`);
      const nats = resources(plan, 'aws_nat_gateway');
      const natAlarms = (metric: string) => all.filter((a) => a.metric === `AWS/NATGateway/${metric}`).length;
      return [
        ...resources(plan, 'aws_db_instance').flatMap((db) => {
          const id = String(db.values.identifier);
          return [
            ...(has(all, 'AWS/RDS/CPUUtilization', 'DBInstanceIdentifier', id) ? [] : [missing(db, 'CPUUtilization')]),
            ...(has(all, 'AWS/RDS/FreeStorageSpace', 'DBInstanceIdentifier', id) ? [] : [missing(db, 'FreeStorageSpace')]),
          ];
        }),
        ...resources(plan, 'aws_elasticache_replication_group').flatMap((g) => {
          const prefix = `${String(g.values.replication_group_id)}-`;
          const covered = all.filter((a) => a.metric === 'AWS/ElastiCache/DatabaseMemoryUsagePercentage' && a.dimensions.CacheClusterId?.startsWith(prefix)).length;
          return covered >= nodeCount(g) ? [] : [finding('FT_ALARMS_COVERAGE', g.address, `${covered} DatabaseMemoryUsagePercentage alarms for ${nodeCount(g)} nodes`)];
        }),
        ...['ErrorPortAllocation', 'PacketsDropCount'].flatMap((m) =>
          natAlarms(m) >= nats.length ? [] : [finding('FT_ALARMS_COVERAGE', 'aws_nat_gateway', `${natAlarms(m)} ${m} alarms for ${nats.length} NAT gateways`)],
        ),
        ...resources(plan, 'aws_sqs_queue')
          .filter((q) => String(q.values.name).endsWith('-dlq'))
          .flatMap((q) => (has(all, 'AWS/SQS/ApproximateNumberOfMessagesVisible', 'QueueName', String(q.values.name)) ? [] : [missing(q, 'ApproximateNumberOfMessagesVisible')])),
        ...resources(plan, 'aws_s3_bucket_replication_configuration').flatMap((r) =>
          has(all, 'AWS/S3/OperationsFailedReplication', 'SourceBucket', String(r.values.bucket)) ? [] : [missing(r, 'OperationsFailedReplication')],
        ),
      ];
    },
  },
  {
    id: 'FT_ALARM_ACTIONS',
    description: 'Every CloudWatch alarm notifies an SNS topic on ALARM',
    evaluate: (plan) =>
      resources(plan, 'aws_cloudwatch_metric_alarm').flatMap((a) => {
        const actions = (a.values.alarm_actions as string[] | null) ?? [];
        return actions.some((x) => /^arn:aws[a-z-]*:sns:/.test(x)) ? [] : [finding('FT_ALARM_ACTIONS', a.address, 'alarm_actions must include an SNS topic ARN')];
      }),
  },
  {
    id: 'FT_CHATBOT_GUARDRAIL',
    description: 'Chatbot channels set a guardrail other than AdministratorAccess (the default when unset) and require per-user authorization',
    evaluate: (plan) =>
      resources(plan, 'aws_chatbot_slack_channel_configuration', 'aws_chatbot_teams_channel_configuration').flatMap((c) => {
        const guardrails = (c.values.guardrail_policy_arns as string[] | null) ?? [];
        return [
          ...(guardrails.length && !guardrails.some((g) => g.endsWith(':policy/AdministratorAccess'))
            ? []
            : [finding('FT_CHATBOT_GUARDRAIL', c.address, 'guardrail_policy_arns must be set and exclude AdministratorAccess')]),
          ...(c.values.user_authorization_required === true ? [] : [finding('FT_CHATBOT_GUARDRAIL', c.address, 'user_authorization_required must be true')]),
        ];
      }),
  },
];
