/**
 * The chart of one silo tenant in one environment: `dist/<env>/tenant-<name>/`, synced by its own
 * Application in its own AppProject (`tenant-<name>`), holding the tenant's copy of every dedicated
 * service. The namespace itself (quota, LimitRange, default-deny) is cluster configuration.
 */
import type { Construct } from 'constructs';
import type { EnvironmentName } from '../apps/schema/common.ts';
import { AppChart } from './app-chart.ts';
import { Microservice, type MicroserviceProps } from './microservice.ts';
import { SYNC_WAVES } from './sync-waves.ts';

/** Props of {@link TenantChart}. */
export interface TenantChartProps {
  /** Environment of the app folder. */
  readonly env: EnvironmentName;
  /** The tenant's namespace, also the app folder and AppProject name. */
  readonly namespace: string;
  /** The tenant's copies of the dedicated services, already resolved into its namespace. */
  readonly workloads: readonly MicroserviceProps[];
}

/** One Argo CD application folder holding a silo tenant's workloads. */
export class TenantChart extends AppChart {
  public constructor(scope: Construct, props: TenantChartProps) {
    super(scope, {
      env: props.env,
      appName: props.namespace,
      namespace: props.namespace,
      syncWave: SYNC_WAVES.services,
      project: props.namespace,
      images: props.workloads.map((w) => ({
        name: w.imageName,
        registry: w.registry,
        initialTag: w.initialTag,
        allowTags: w.allowTags,
        ignoreTags: w.ignoreTags,
        declaredIn: w.catalogFile,
      })),
    });
    for (const w of props.workloads) new Microservice(this, `Service-${w.name}`, w);
  }
}
