/**
 * `dist/<env>/data/` on a single-node cluster: PostgreSQL and Redis inside the cluster, in place of
 * the cloud's RDS and ElastiCache, each reachable only from the services that declare it as egress.
 */
import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import type { EnvironmentName } from '../apps/schema/common.ts';
import { AppChart } from './app-chart.ts';
import { podSecurityLabels } from './cluster/team-namespace.ts';
import { InClusterStore, type InClusterStoreProps } from './data/in-cluster-store.ts';
import { SYNC_WAVES } from './sync-waves.ts';

/** Props of {@link DataChart}. */
export interface DataChartProps {
  /** Environment of the app folder. */
  readonly env: EnvironmentName;
  /** Namespace of the stores (created here). */
  readonly namespace: string;
  /** The stores. */
  readonly stores: readonly Omit<InClusterStoreProps, 'namespace'>[];
}

/** The data app folder: namespace and stores. */
export class DataChart extends AppChart {
  public constructor(scope: Construct, props: DataChartProps) {
    // Wave clusterConfig: after external-secrets (its password) and before the services that connect.
    super(scope, { env: props.env, appName: 'data', namespace: props.namespace, syncWave: SYNC_WAVES.clusterConfig, project: 'platform' });
    new k8s.KubeNamespace(this, 'Namespace', {
      metadata: { name: props.namespace, labels: { ...podSecurityLabels(), 'app.kubernetes.io/part-of': 'fintrack' } },
    });
    for (const store of props.stores) new InClusterStore(this, `Store-${store.name}`, { ...store, namespace: props.namespace });
  }
}
