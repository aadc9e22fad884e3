/**
 * The app folders and namespaces of silo tenants: one `tenant-<name>` folder per silo tenant and
 * environment, and the tenant namespaces added to the cluster configuration like team namespaces.
 */
import type { NodePoolName } from '../../apps/node-pools.ts';
import type { ResolvedEnvironment } from '../../apps/resolved-environment.ts';
import type { CatalogIssue } from '../../apps/issues.ts';
import { resolveTenantWorkloads, siloTenantsIn, tenantNamespaceProps, tenantPoolDemand } from '../../apps/resolve-tenants.ts';
import { tenantNamespace } from '../../apps/tenant-names.ts';
import type { AppChart } from '../../charts/app-chart.ts';
import type { TrackedImage } from '../../charts/argocd-config-chart.ts';
import type { ClusterConfigChartProps } from '../../charts/cluster-config-chart.ts';
import { TRACKED_TAGS } from '../../apps/schema/service.ts';
import { siloDedicated } from '../../apps/tenant-rules.ts';
import { InvalidPropsError } from '../../charts/invalid-props-error.ts';
import { TenantChart } from '../../charts/tenant-chart.ts';
import type { AppBuilder } from './app-builder.ts';

/** One app folder per silo tenant of the environment. */
export const tenantApps: AppBuilder = (scope, model) => {
  const { env } = model;
  const charts: AppChart[] = [];
  const issues: CatalogIssue[] = [];
  for (const tenant of siloTenantsIn(model)) {
    const resolved = resolveTenantWorkloads(model, tenant);
    issues.push(...resolved.issues);
    try {
      charts.push(
        new TenantChart(scope, { env: env.spec.name, namespace: tenantNamespace(tenant.spec.name), workloads: resolved.workloads }),
      );
    } catch (e) {
      if (!(e instanceof InvalidPropsError)) throw e;
      issues.push({ file: tenant.file, path: e.field, message: e.message });
    }
  }
  return { charts, issues };
};

/**
 * The cluster configuration with a namespace per silo tenant after the team namespaces, and the
 * tenants' copies counted in the demand each NodePool's limits must cover (so a tenant too many is
 * refused at synth like a service too many).
 */
export function withTenantNamespaces(
  resolved: { props?: ClusterConfigChartProps; issues: CatalogIssue[] },
  model: ResolvedEnvironment,
): { props?: ClusterConfigChartProps; issues: CatalogIssue[] } {
  if (!resolved.props) return resolved;
  const extra = tenantPoolDemand(model);
  const nodePools = resolved.props.nodePools.map((pool) => {
    const more = extra[pool.name as NodePoolName];
    return { ...pool, demand: { cpu: pool.demand.cpu + more.cpu, memory: pool.demand.memory + more.memory } };
  });
  const tenants = siloTenantsIn(model).map((t) => tenantNamespaceProps(model, t));
  return { ...resolved, props: { ...resolved.props, teams: [...resolved.props.teams, ...tenants], nodePools } };
}

/**
 * One ImageUpdater per image of each silo tenant's folder (`tenant-<name>-<service>`): the tenant's
 * copies follow the same tags as the shared service, written back to the tenant's kustomization.
 */
export function tenantTrackedImages(model: ResolvedEnvironment): TrackedImage[] {
  return siloTenantsIn(model).flatMap((tenant) =>
    siloDedicated(model.services).map(({ spec, imageName }) => ({
      application: tenantNamespace(tenant.spec.name),
      updaterName: `${tenantNamespace(tenant.spec.name)}-${spec.name}`,
      imageName,
      strategy: spec.image.track === 'semver' ? ('semver' as const) : ('newest-build' as const),
      allowTags: TRACKED_TAGS[spec.image.track],
      ignoreTags: spec.image.ignoreTags,
    })),
  );
}
