/**
 * Disaster-recovery checks (issue 15): in prod every data bucket replicates (SSE-KMS objects, under
 * a replica key), every secret has a replica in another region, and RDS backups are replicated.
 */
import { blocks, finding, resources, tagsOf, type Check } from './plan.ts';

export const drChecks: Check[] = [
  {
    id: 'FT_DR_REPLICATION',
    description: 'Prod replicates every data bucket (SSE-KMS objects, replica CMK), every secret and the RDS automated backups to a DR region',
    evaluate: (plan, ctx) => {
      if (ctx.environment !== 'prod') return [];
      const configs = resources(plan, 'aws_s3_bucket_replication_configuration');
      const backups = resources(plan, 'aws_db_instance_automated_backups_replication');
      return [
        ...resources(plan, 'aws_s3_bucket')
          .filter((b) => tagsOf(b)['fintrack.io/bucket'] !== undefined)
          .flatMap((b) => {
            const config = configs.find((c) => c.values.bucket === b.values.bucket);
            const rule = blocks(config?.values.rule).find((r) => r.status === 'Enabled');
            const destination = blocks(rule?.destination)[0];
            const kmsObjects = blocks(blocks(rule?.source_selection_criteria)[0]?.sse_kms_encrypted_objects)[0]?.status === 'Enabled';
            const replicaKey = blocks(destination?.encryption_configuration)[0];
            const keyed = typeof replicaKey?.replica_kms_key_id === 'string' || (config !== undefined && replicaKey !== undefined && config.unknown.rule !== undefined);
            return rule && kmsObjects && keyed ? [] : [finding('FT_DR_REPLICATION', b.address, 'no enabled replication rule for SSE-KMS objects with a replica_kms_key_id')];
          }),
        ...resources(plan, 'aws_secretsmanager_secret').flatMap((s) =>
          blocks(s.values.replica).length > 0 ? [] : [finding('FT_DR_REPLICATION', s.address, 'secret has no replica in the DR region')],
        ),
        ...resources(plan, 'aws_db_instance').flatMap((db) =>
          backups.length > 0 ? [] : [finding('FT_DR_REPLICATION', db.address, 'no aws_db_instance_automated_backups_replication')],
        ),
      ];
    },
  },
];
