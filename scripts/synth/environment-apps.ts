/**
 * The app folders rendered per environment. Each builder turns the catalog into AppCharts for one
 * environment and reports problems as catalog issues instead of throwing.
 */
import type { Construct } from 'constructs';
import type { Catalog, CatalogEnvironment } from '../../apps/catalog.ts';
import type { CatalogIssue } from '../../apps/issues.ts';
import { resolveService } from '../../apps/resolve.ts';
import { largestOnPool, NODE_POOLS, resolveClusterConfig, resolveObservability } from '../../apps/resolve-cluster.ts';
import { ObservabilityChart } from '../../charts/observability-chart.ts';
import { ClusterConfigChart } from '../../charts/cluster-config-chart.ts';
import type { AppChart } from '../../charts/app-chart.ts';
import { InvalidPropsError } from '../../charts/invalid-props-error.ts';
import { PolicyChart } from '../../charts/policy-chart.ts';
import { ServiceChart } from '../../charts/service-chart.ts';
import { StorageChart } from '../../charts/storage-chart.ts';
import { DataChart } from '../../charts/data-chart.ts';
import { localizeClusterConfig, localizeObservability, localizeService, resolveDataStores } from '../../apps/localize.ts';

/** What a builder produced for one environment. */
export interface BuiltApps {
  /** Charts, one per app folder. */
  readonly charts: readonly AppChart[];
  /** Problems, each naming a catalog file. */
  readonly issues: readonly CatalogIssue[];
}

/** Renders some app folders of one environment. */
export type AppBuilder = (scope: Construct, catalog: Catalog, env: CatalogEnvironment) => BuiltApps;

/** One app folder per service. */
export const serviceApps: AppBuilder = (scope, catalog, env) => {
  const charts: AppChart[] = [];
  const issues: CatalogIssue[] = [];
  for (const entry of catalog.services) {
    const resolved = resolveService(catalog, env, entry);
    issues.push(...resolved.issues);
    if (!resolved.props) continue;
    try {
      charts.push(new ServiceChart(scope, { env: env.spec.name, service: localizeService(resolved.props, env) }));
    } catch (e) {
      if (!(e instanceof InvalidPropsError)) throw e;
      issues.push({ file: entry.file, path: e.field, message: e.message });
    }
  }
  return { charts, issues };
};

/** The Gatekeeper policies (`SYNC_WAVES.policies`), parameterised by the environment. */
export const policyApps: AppBuilder = (scope, _catalog, env) => ({
  charts: [new PolicyChart(scope, { env: env.spec.name, ecrRegistry: env.spec.ecrRegistry })],
  issues: [],
});

/** The cluster-config app folder. */
export const clusterConfigApps: AppBuilder = (scope, catalog, env) => {
  const resolved = resolveClusterConfig(catalog, env);
  if (!resolved.props) return { charts: [], issues: resolved.issues };
  try {
    return { charts: [new ClusterConfigChart(scope, localizeClusterConfig(resolved.props, catalog, env))], issues: resolved.issues };
  } catch (e) {
    if (!(e instanceof InvalidPropsError)) throw e;
    // A NodePool too small for its services: name the service asking the most as the other side.
    const pool = /^nodePools\.([^.]+)\.limits\.(cpu|memory)$/.exec(e.field);
    const largest = pool ? largestOnPool(catalog, env, pool[1] as keyof typeof NODE_POOLS, pool[2] as 'cpu' | 'memory') : undefined;
    const related = largest && pool ? { related: { file: largest.file, path: `resources.requests.${pool[2]}` } } : {};
    return { charts: [], issues: [{ file: env.file, path: e.field, message: e.message, ...related }] };
  }
};

/** The observability app folder: rules, dashboards, Alertmanager routing. */
export const observabilityApps: AppBuilder = (scope, catalog, env) => {
  const resolved = resolveObservability(catalog, env);
  if (!resolved.props) return { charts: [], issues: resolved.issues };
  try {
    return { charts: [new ObservabilityChart(scope, localizeObservability(resolved.props, env))], issues: [] };
  } catch (e) {
    if (!(e instanceof InvalidPropsError)) throw e;
    return { charts: [], issues: [{ file: env.file, path: e.field, message: e.message }] };
  }
};

/** The storage app folder: the default StorageClass (k3s ships its own `local-path` class: none rendered). */
export const storageApps: AppBuilder = (scope, _catalog, env) => ({
  charts: env.platform.storageClass === 'gp3' ? [new StorageChart(scope, { env: env.spec.name })] : [],
  issues: [],
});

/** The data app folder where the platform runs PostgreSQL and Redis in the cluster (k3s). */
export const dataApps: AppBuilder = (scope, catalog, env) => {
  const props = resolveDataStores(catalog, env);
  return { charts: props ? [new DataChart(scope, props)] : [], issues: [] };
};

/** Every builder, in rendering order. */
export const APP_BUILDERS: readonly AppBuilder[] = [storageApps, clusterConfigApps, dataApps, observabilityApps, policyApps, serviceApps];
