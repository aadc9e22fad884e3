/**
 * `dist/<env>/storage/` (wave `storage`, before every add-on): the StorageClasses volume claims
 * name. It syncs first because Prometheus' claim (kube-prometheus-stack, wave crdAddons) stays
 * Pending until its class exists, and Argo CD waits for that wave to be healthy.
 */
import type { Construct } from 'constructs';
import type { EnvironmentName } from '../apps/schema/common.ts';
import { AppChart } from './app-chart.ts';
import { DefaultStorageClass } from './cluster/default-storage-class.ts';
import { SYNC_WAVES } from './sync-waves.ts';

/** Props of {@link StorageChart}. */
export interface StorageChartProps {
  /** Environment of the app folder. */
  readonly env: EnvironmentName;
}

/** The storage app folder of one environment. */
export class StorageChart extends AppChart {
  public constructor(scope: Construct, props: StorageChartProps) {
    super(scope, { env: props.env, appName: 'storage', syncWave: SYNC_WAVES.storage, project: 'platform' });
    new DefaultStorageClass(this, 'DefaultStorageClass');
  }
}
