/** Helm values of Loki (simple scalable mode, chunks and index in S3 through IRSA). */
import type { AddonContext } from '../../addon-context.ts';

/** Values of the `loki` chart. */
export function lokiValues(ctx: AddonContext): Record<string, unknown> {
  const days = ctx.require('retentionDays');
  const replicas = ctx.require('replicas');
  const bucket = ctx.bucket('loki');
  return {
    deploymentMode: 'SimpleScalable',
    serviceAccount: ctx.irsaServiceAccount(),
    loki: {
      auth_enabled: false,
      schemaConfig: {
        configs: [
          { from: '2024-04-01', store: 'tsdb', object_store: 's3', schema: 'v13', index: { prefix: 'loki_index_', period: '24h' } },
        ],
      },
      storage: { type: 's3', bucketNames: { chunks: bucket, ruler: bucket, admin: bucket }, s3: { region: ctx.env.spec.region } },
      limits_config: { retention_period: `${days * 24}h` },
      compactor: { retention_enabled: true, delete_request_store: 's3' },
    },
    backend: { replicas },
    read: { replicas },
    write: { replicas },
    minio: { enabled: false },
    lokiCanary: { enabled: false },
    test: { enabled: false },
  };
}
