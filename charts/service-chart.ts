/**
 * The chart of one service in one environment: everything in `dist/<env>/<service>/`.
 */
import type { Construct } from 'constructs';
import type { EnvironmentName } from '../apps/schema/common.ts';
import { AppChart } from './app-chart.ts';
import { Microservice, type MicroserviceProps } from './microservice.ts';
import { SYNC_WAVES } from './sync-waves.ts';

/** Props of {@link ServiceChart}. */
export interface ServiceChartProps {
  /** Environment of the app folder. */
  readonly env: EnvironmentName;
  /** The resolved service. */
  readonly service: MicroserviceProps;
}

/** One Argo CD application folder holding one {@link Microservice}. */
export class ServiceChart extends AppChart {
  /** The service construct. */
  public readonly service: Microservice;

  public constructor(scope: Construct, props: ServiceChartProps) {
    super(scope, {
      env: props.env,
      appName: props.service.name,
      namespace: props.service.namespace,
      syncWave: SYNC_WAVES.services,
      project: `team-${props.service.team}`,
      images: [
        {
          name: props.service.imageName,
          registry: props.service.registry,
          initialTag: props.service.initialTag,
          allowTags: props.service.allowTags,
          ignoreTags: props.service.ignoreTags,
          declaredIn: props.service.catalogFile,
        },
      ],
    });
    this.service = new Microservice(this, 'Service', props.service);
  }
}
