/** RDS PostgreSQL checks. */
import { blocks, finding, resources, type Check, type PlannedResource } from './plan.ts';

const dbs = (plan: Parameters<Check['evaluate']>[0]) => resources(plan, 'aws_db_instance');
const simple = (id: string, description: string, ok: (db: PlannedResource) => boolean, message: string): Check => ({
  id,
  description,
  evaluate: (plan) => dbs(plan).flatMap((db) => (ok(db) ? [] : [finding(id, db.address, message)])),
});

export const rdsChecks: Check[] = [
  simple('CKV_AWS_16', 'RDS storage is encrypted with a CMK', (db) => db.values.storage_encrypted === true && (typeof db.values.kms_key_id === 'string' || db.unknown.kms_key_id === true), 'storage_encrypted must be true with kms_key_id set'),
  simple('CKV_AWS_17', 'RDS is not publicly accessible', (db) => db.values.publicly_accessible === false, 'publicly_accessible must be false'),
  {
    id: 'CKV_AWS_157',
    description: 'RDS is multi-AZ (staging and prod; dev is single-AZ by design)',
    evaluate: (plan, ctx) =>
      ctx.environment === 'dev' ? [] : dbs(plan).flatMap((db) => (db.values.multi_az === true ? [] : [finding('CKV_AWS_157', db.address, `multi_az must be true in ${ctx.environment}`)])),
  },
  simple('CKV_AWS_161', 'RDS IAM database authentication is enabled', (db) => db.values.iam_database_authentication_enabled === true, 'iam_database_authentication_enabled must be true'),
  {
    id: 'CKV_AWS_133',
    description: 'RDS keeps automated backups (>= 7 days; 35 in prod)',
    evaluate: (plan, ctx) =>
      dbs(plan).flatMap((db) => {
        const days = Number(db.values.backup_retention_period ?? 0);
        const min = ctx.environment === 'prod' ? 35 : 7;
        return days >= min ? [] : [finding('CKV_AWS_133', db.address, `backup_retention_period is ${days}, must be >= ${min} in ${ctx.environment}`)];
      }),
  },
  simple('CKV_AWS_293', 'RDS deletion protection is enabled', (db) => db.values.deletion_protection === true, 'deletion_protection must be true'),
  simple('CKV_AWS_118', 'RDS enhanced monitoring is enabled', (db) => Number(db.values.monitoring_interval ?? 0) > 0, 'monitoring_interval must be > 0 (enhanced monitoring)'),
  {
    id: 'CKV_AWS_129',
    description: 'RDS exports postgresql and upgrade logs to CloudWatch',
    evaluate: (plan) =>
      dbs(plan).flatMap((db) => {
        const exports = (db.values.enabled_cloudwatch_logs_exports as string[] | undefined) ?? [];
        const missing = ['postgresql', 'upgrade'].filter((e) => !exports.includes(e));
        return missing.length ? [finding('CKV_AWS_129', db.address, `enabled_cloudwatch_logs_exports is missing ${missing.join(', ')}`)] : [];
      }),
  },
  simple('CKV_AWS_353', 'RDS Performance Insights is enabled', (db) => db.values.performance_insights_enabled === true, 'performance_insights_enabled must be true'),
  simple(
    'CKV_AWS_354',
    'RDS Performance Insights is encrypted with a CMK',
    (db) => typeof db.values.performance_insights_kms_key_id === 'string' || db.unknown.performance_insights_kms_key_id === true,
    'performance_insights_kms_key_id must be set',
  ),
  simple(
    'CKV_AWS_149',
    'The RDS master password is managed in Secrets Manager with a CMK (no password in code)',
    (db) => db.values.manage_master_user_password === true && (typeof db.values.master_user_secret_kms_key_id === 'string' || db.unknown.master_user_secret_kms_key_id === true) && db.values.password == null,
    'manage_master_user_password must be true with master_user_secret_kms_key_id and no password argument',
  ),
  {
    id: 'CKV2_AWS_69',
    description: 'PostgreSQL parameter groups force SSL (rds.force_ssl = 1)',
    evaluate: (plan) =>
      resources(plan, 'aws_db_parameter_group')
        .filter((g) => String(g.values.family ?? '').startsWith('postgres'))
        .flatMap((g) =>
          blocks(g.values.parameter).some((p) => p.name === 'rds.force_ssl' && String(p.value) === '1')
            ? []
            : [finding('CKV2_AWS_69', g.address, 'parameter rds.force_ssl must be 1')],
        ),
  },
];
