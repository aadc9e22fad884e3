/**
 * The chart of one service in one environment: everything in `dist/<env>/<service>/`.
 */
import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { Microservice, type MicroserviceProps } from './microservice.ts';
import type { ImageRef } from './kustomization.ts';

/** Props of {@link ServiceChart}. */
export interface ServiceChartProps {
  /** The resolved service. */
  readonly service: MicroserviceProps;
}

/** One Argo CD application folder holding one {@link Microservice}. */
export class ServiceChart extends Chart {
  /** The service construct. */
  public readonly service: Microservice;
  /** The image Image Updater may bump in this app. */
  public readonly images: readonly ImageRef[];

  public constructor(scope: Construct, id: string, props: ServiceChartProps) {
    super(scope, id, { namespace: props.service.namespace, disableResourceNameHashes: true });
    this.service = new Microservice(this, 'Service', props.service);
    this.images = [{ name: `${props.service.registry}/${props.service.repository}`, tag: props.service.tag }];
  }
}
