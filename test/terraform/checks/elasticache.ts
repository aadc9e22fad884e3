/** ElastiCache Redis checks. */
import { finding, resources, type Check, type PlannedResource } from './plan.ts';

const groups = (plan: Parameters<Check['evaluate']>[0]) => resources(plan, 'aws_elasticache_replication_group');
const rgCheck = (id: string, description: string, ok: (g: PlannedResource) => boolean, message: string): Check => ({
  id,
  description,
  evaluate: (plan) => groups(plan).flatMap((g) => (ok(g) ? [] : [finding(id, g.address, message)])),
});
const truthy = (v: unknown) => v === true || v === 'true';

export const elasticacheChecks: Check[] = [
  rgCheck('CKV_AWS_29', 'ElastiCache is encrypted at rest', (g) => truthy(g.values.at_rest_encryption_enabled), 'at_rest_encryption_enabled must be true'),
  rgCheck('CKV_AWS_30', 'ElastiCache is encrypted in transit', (g) => truthy(g.values.transit_encryption_enabled), 'transit_encryption_enabled must be true'),
  rgCheck(
    'CKV_AWS_31',
    'ElastiCache requires authentication (RBAC user group or auth token) over TLS',
    (g) => truthy(g.values.transit_encryption_enabled) && (((g.values.user_group_ids as string[] | undefined) ?? []).length > 0 || g.unknown.user_group_ids === true || g.values.auth_token != null),
    'transit encryption with user_group_ids (RBAC) or auth_token is required',
  ),
  rgCheck('CKV_AWS_191', 'ElastiCache at-rest encryption uses a CMK', (g) => typeof g.values.kms_key_id === 'string' || g.unknown.kms_key_id === true, 'kms_key_id must be set'),
  {
    id: 'FT_REDIS_FAILOVER',
    description: 'ElastiCache has automatic failover and multi-AZ (staging and prod)',
    evaluate: (plan, ctx) =>
      ctx.environment === 'dev'
        ? []
        : groups(plan).flatMap((g) =>
            g.values.automatic_failover_enabled === true && g.values.multi_az_enabled === true
              ? []
              : [finding('FT_REDIS_FAILOVER', g.address, `automatic_failover_enabled and multi_az_enabled must be true in ${ctx.environment}`)],
          ),
  },
];
