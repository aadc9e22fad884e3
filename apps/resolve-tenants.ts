/**
 * Resolves the tenants of one environment from the resolved model: which tenants exist there, and
 * for each silo tenant its namespace (sized like a team's) and its own copies of the services marked
 * `tenancy.siloDedicated`. A copy is the shared service's chart props, moved into
 * `tenant-<name>`, given the tenant's own IAM role, scaled on the tenant's own queue and cut off
 * from every other service: nothing calls it (work arrives on its queue) and it calls nothing.
 */
import type { MicroserviceProps } from '../charts/microservice/props.ts';
import type { TeamNamespaceProps } from '../charts/cluster/team-namespace.ts';
import type { CatalogTenant } from './catalog.ts';
import type { CatalogIssue } from './issues.ts';
import type { NodePoolName } from './node-pools.ts';
import { teamNamespace } from './resolve-cluster.ts';
import { cpuCores, memoryBytes } from './schema/quantity.ts';
import type { ResolvedEnvironment } from './resolved-environment.ts';
import { resolveService } from './service-props.ts';
import { siloDedicated, tenantWorkQueues } from './tenant-rules.ts';
import { tenantDbIdentity, tenantNamespace } from './tenant-names.ts';

/** Label every tenant namespace carries (verify's tenancy check reads it). */
export const TENANT_LABEL = 'fintrack.io/tenant';

/**
 * Tenants present in the model's environment. Only where the platform has cloud IAM (EKS): a
 * tenant's isolation rests on its own KMS key, queue and IAM roles, which a k3s environment lacks.
 */
export function tenantsIn(model: ResolvedEnvironment): CatalogTenant[] {
  if (!model.env.platform.cloudIam) return [];
  return model.catalog.tenants.filter(({ spec }) => spec.environments.includes(model.env.spec.name));
}

/** Silo tenants present in the environment (none while no service is dedicated: the catalog rules refuse that). */
export function siloTenantsIn(model: ResolvedEnvironment): CatalogTenant[] {
  if (siloDedicated(model.services).length === 0) return [];
  return tenantsIn(model).filter(({ spec }) => spec.mode === 'silo');
}

/** The namespace of a silo tenant, sized from its dedicated services like a team's. */
export function tenantNamespaceProps(model: ResolvedEnvironment, tenant: CatalogTenant): TeamNamespaceProps {
  const base = teamNamespace({ name: tenantNamespace(tenant.spec.name), services: siloDedicated(model.services) }, model.env.spec.name);
  return { ...base, labels: { [TENANT_LABEL]: tenant.spec.name } };
}

/** A silo tenant's copies of the dedicated services. */
export function resolveTenantWorkloads(
  model: ResolvedEnvironment,
  tenant: CatalogTenant,
): { workloads: MicroserviceProps[]; issues: CatalogIssue[] } {
  const issues: CatalogIssue[] = [];
  const workloads: MicroserviceProps[] = [];
  const t = tenant.spec.name;
  const { env } = model;
  const n = env.names;
  const queueUrl = n.queueUrl(n.tenantQueueName(t));
  const workQueues = tenantWorkQueues(model.services);
  for (const service of siloDedicated(model.services)) {
    const resolved = resolveService(model, service);
    issues.push(...resolved.issues);
    if (!resolved.props) continue;
    const { autoscaling: _shared, ...shared } = resolved.props;
    const scaling = service.settings.autoscaling;
    // The URL of a work queue (one a dedicated service consumes) is the tenant's queue, not a secret.
    const isWorkQueueUrl = (s: { key: string; property: string }): boolean =>
      s.key === env.names.secretName('sqs') && [...workQueues].some((q) => s.property === `${q}-queue-url`);
    const replaced = Object.fromEntries(shared.secrets.filter(isWorkQueueUrl).map((s) => [s.env, queueUrl]));
    workloads.push({
      ...shared,
      namespace: tenantNamespace(t),
      roleArn: n.roleArn(n.tenantWorkloadRoleName(t, service.spec.name)),
      // Work reaches a silo copy only through the tenant's queue; it serves no caller and calls no service.
      callers: [],
      callees: [],
      // Queue-driven wherever the environment autoscales (KEDA is installed there), between the
      // service's replicas and its maximum scale; where it does not (dev), fixed like every service.
      ...(scaling
        ? {
            autoscaling: {
              maxReplicas: scaling.maxReplicas,
              cpuUtilization: scaling.cpuUtilization,
              queue: { url: queueUrl, region: env.spec.region, messagesPerReplica: tenant.spec.messagesPerReplica },
            },
          }
        : {}),
      secrets: shared.secrets.filter((s) => !isWorkQueueUrl(s)),
      env: {
        ...shared.env,
        ...replaced,
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

/** What the silo tenants' copies request at maximum scale on each NodePool (cores, bytes), beside the services' own demand. */
export function tenantPoolDemand(model: ResolvedEnvironment): Record<NodePoolName, { cpu: number; memory: number }> {
  const demand = { general: { cpu: 0, memory: 0 }, 'gpu-spot': { cpu: 0, memory: 0 } };
  const copies = siloTenantsIn(model).length;
  for (const s of siloDedicated(model.services)) {
    const r = s.settings.resources.requests;
    const d = demand[s.scheduling.nodePool];
    d.cpu += copies * s.maxReplicas * cpuCores(r.cpu);
    d.memory += copies * s.maxReplicas * memoryBytes(r.memory);
  }
  return demand;
}
