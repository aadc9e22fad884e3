/**
 * Resolves the tenants of one environment: which tenants exist there, and for each silo tenant its
 * namespace (sized like a team's) and its own copies of the services marked
 * `tenancy.siloDedicated`. A copy is the shared service resolved as usual, then moved into
 * `tenant-<name>`, given the tenant's own IAM role, scaled on the tenant's own queue and cut off
 * from every other service: nothing calls it (work arrives on its queue) and it calls nothing.
 */
import type { MicroserviceProps } from '../charts/microservice/props.ts';
import type { TeamNamespaceProps } from '../charts/cluster/team-namespace.ts';
import type { Catalog, CatalogEnvironment, CatalogTenant } from './catalog.ts';
import type { CatalogIssue } from './issues.ts';
import { effectiveSettings, resolveService } from './resolve.ts';
import { teamNamespace } from './resolve-cluster.ts';
import { siloDedicated } from './tenant-rules.ts';
import { tenantDbIdentity, tenantNamespace } from './tenant-names.ts';

/** Label every object of a tenant namespace carries (and the namespace itself). */
export const TENANT_LABEL = 'fintrack.io/tenant';

/** Tenants present in `env`. */
export function tenantsIn(catalog: Catalog, env: CatalogEnvironment): CatalogTenant[] {
  return catalog.tenants.filter(({ spec }) => spec.environments.includes(env.spec.name));
}

/** Silo tenants present in `env` (none while no service is dedicated: the catalog rules refuse that). */
export function siloTenantsIn(catalog: Catalog, env: CatalogEnvironment): CatalogTenant[] {
  if (siloDedicated(catalog.services).length === 0) return [];
  return tenantsIn(catalog, env).filter(({ spec }) => spec.mode === 'silo');
}

/** The namespace of a silo tenant, sized from its dedicated services like a team's. */
export function tenantNamespaceProps(catalog: Catalog, env: CatalogEnvironment, tenant: CatalogTenant): TeamNamespaceProps {
  const base = teamNamespace(tenantNamespace(tenant.spec.name), siloDedicated(catalog.services), env);
  return { ...base, labels: { [TENANT_LABEL]: tenant.spec.name } };
}

/** A silo tenant's copies of the dedicated services in `env`. */
export function resolveTenantWorkloads(
  catalog: Catalog,
  env: CatalogEnvironment,
  tenant: CatalogTenant,
): { workloads: MicroserviceProps[]; issues: CatalogIssue[] } {
  const issues: CatalogIssue[] = [];
  const workloads: MicroserviceProps[] = [];
  const t = tenant.spec.name;
  const n = env.names;
  const queueUrl = n.queueUrl(n.tenantQueueName(t));
  for (const entry of siloDedicated(catalog.services)) {
    const resolved = resolveService(catalog, env, entry);
    issues.push(...resolved.issues);
    if (!resolved.props) continue;
    const { autoscaling: _sharedScaling, ...shared } = resolved.props;
    const settings = effectiveSettings(entry.spec, env);
    workloads.push({
      ...shared,
      namespace: tenantNamespace(t),
      roleArn: n.roleArn(n.tenantWorkloadRoleName(t, entry.spec.name)),
      // Work reaches a silo copy only through the tenant's queue; it serves no caller and calls no service.
      callers: [],
      callees: [],
      // Queue-driven wherever the environment autoscales (KEDA is installed there), between the
      // service's replicas and its maximum scale; where it does not (dev), fixed like every service.
      ...(settings.autoscaling
        ? {
            autoscaling: {
              maxReplicas: settings.autoscaling.maxReplicas,
              cpuUtilization: settings.autoscaling.cpuUtilization,
              queue: { url: queueUrl, region: env.spec.region, messagesPerReplica: tenant.spec.messagesPerReplica },
            },
          }
        : {}),
      env: {
        ...shared.env,
        TENANT_ID: t,
        TENANT_MODE: 'silo',
        TENANT_QUEUE_URL: queueUrl,
        TENANT_KMS_ALIAS: n.tenantKeyAlias(t),
        DB_NAME: tenantDbIdentity(t),
        DB_USER: tenantDbIdentity(t),
      },
    });
  }
  return { workloads, issues };
}
