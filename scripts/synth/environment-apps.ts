/**
 * The app folders rendered per environment. Each builder turns the catalog into AppCharts for one
 * environment and reports problems as catalog issues instead of throwing.
 */
import type { CatalogIssue } from '../../apps/issues.ts';
import { resolveService } from '../../apps/service-props.ts';
import { largestOnPool, resolveClusterConfig, resolveObservability } from '../../apps/resolve-cluster.ts';
import { resolveFlowObservability } from '../../apps/resolve-flows.ts';
import type { NodePoolName } from '../../apps/node-pools.ts';
import { policyExemptNamespaces } from '../../apps/policy-exemptions.ts';
import { ObservabilityChart } from '../../charts/observability-chart.ts';
import { ClusterConfigChart } from '../../charts/cluster-config-chart.ts';
import type { AppChart } from '../../charts/app-chart.ts';
import { InvalidPropsError } from '../../charts/invalid-props-error.ts';
import { PolicyChart } from '../../charts/policy-chart.ts';
import { ServiceChart } from '../../charts/service-chart.ts';
import { StorageChart } from '../../charts/storage-chart.ts';
import { tenantApps, withTenantNamespaces } from './tenant-apps.ts';
import type { AppBuilder } from './app-builder.ts';
import { DataChart } from '../../charts/data-chart.ts';
import { localizeClusterConfig, localizeObservability, localizeService, resolveDataStores } from '../../apps/localize.ts';

/** One app folder per service. */
export const serviceApps: AppBuilder = (scope, model) => {
  const { env } = model;
  const charts: AppChart[] = [];
  const issues: CatalogIssue[] = [];
  for (const service of model.services) {
    const resolved = resolveService(model, service);
    issues.push(...resolved.issues);
    if (!resolved.props) continue;
    try {
      charts.push(new ServiceChart(scope, { env: env.spec.name, service: localizeService(resolved.props, env) }));
    } catch (e) {
      if (!(e instanceof InvalidPropsError)) throw e;
      issues.push({ file: service.entry.file, path: e.field, message: e.message });
    }
  }
  return { charts, issues };
};

/** The Gatekeeper policies (`SYNC_WAVES.policies`), parameterised by the environment. */
export const policyApps: AppBuilder = (scope, model) => ({
  charts: [
    new PolicyChart(scope, {
      env: model.env.spec.name,
      ecrRegistry: model.env.spec.ecrRegistry,
      exemptNamespaces: policyExemptNamespaces(model.addons),
    }),
  ],
  issues: [],
});

/** The cluster-config app folder. */
export const clusterConfigApps: AppBuilder = (scope, model) => {
  const { env } = model;
  const resolved = withTenantNamespaces(resolveClusterConfig(model), model);
  if (!resolved.props) return { charts: [], issues: resolved.issues };
  try {
    return { charts: [new ClusterConfigChart(scope, localizeClusterConfig(resolved.props, model.catalog, env))], issues: resolved.issues };
  } catch (e) {
    if (!(e instanceof InvalidPropsError)) throw e;
    // A NodePool too small for its services: name the service asking the most as the other side.
    const pool = /^nodePools\.([^.]+)\.limits\.(cpu|memory)$/.exec(e.field);
    const largest = pool ? largestOnPool(model, pool[1] as NodePoolName, pool[2] as 'cpu' | 'memory') : undefined;
    const related = largest && pool ? { related: { file: largest.entry.file, path: `resources.requests.${pool[2]}` } } : {};
    return { charts: [], issues: [{ file: env.file, path: e.field, message: e.message, ...related }] };
  }
};

/** The observability app folder: rules, dashboards, Alertmanager routing. */
export const observabilityApps: AppBuilder = (scope, model) => {
  const { env } = model;
  const resolved = resolveObservability(model);
  if (!resolved.props) return { charts: [], issues: resolved.issues };
  try {
    const flows = resolveFlowObservability(model);
    return { charts: [new ObservabilityChart(scope, { ...localizeObservability(resolved.props, env), flows })], issues: [] };
  } catch (e) {
    if (!(e instanceof InvalidPropsError)) throw e;
    return { charts: [], issues: [{ file: env.file, path: e.field, message: e.message }] };
  }
};

/** The storage app folder: the default StorageClass (k3s ships its own `local-path` class: none rendered). */
export const storageApps: AppBuilder = (scope, model) => ({
  charts: model.env.platform.storageClass === 'gp3' ? [new StorageChart(scope, { env: model.env.spec.name })] : [],
  issues: [],
});

/** The data app folder where the platform runs PostgreSQL and Redis in the cluster (k3s). */
export const dataApps: AppBuilder = (scope, model) => {
  const props = resolveDataStores(model.catalog, model.env);
  return { charts: props ? [new DataChart(scope, props)] : [], issues: [] };
};

/** Every builder, in rendering order. */
export const APP_BUILDERS: readonly AppBuilder[] = [
  storageApps,
  clusterConfigApps,
  dataApps,
  observabilityApps,
  policyApps,
  serviceApps,
  tenantApps,
];
