/** Helm values of ExternalDNS (Route53 records for Ingress hosts under the environment's domain). */
import type { AddonContext } from '../../addon-context.ts';

/** Values of the `external-dns` chart. */
export function externalDnsValues(ctx: AddonContext): Record<string, unknown> {
  return {
    provider: { name: 'aws' },
    env: [{ name: 'AWS_DEFAULT_REGION', value: ctx.env.spec.region }],
    domainFilters: [ctx.env.spec.domain],
    sources: ['ingress'],
    registry: 'txt',
    txtOwnerId: ctx.env.spec.clusterName,
    // Prod never deletes records it did not create in this run.
    policy: ctx.env.spec.name === 'prod' ? 'upsert-only' : 'sync',
    serviceAccount: ctx.irsaServiceAccount(),
    serviceMonitor: { enabled: true },
  };
}
