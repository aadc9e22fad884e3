/**
 * A Grafana dashboard as a ConfigMap the Grafana sidecar loads (label `grafana_dashboard: "1"`):
 * per service the four golden signals (rate, errors, duration, saturation), or one overview of all.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { flowQueries, type FlowAlertsProps } from './flow-alerts.ts';

/** One time-series panel. */
interface Panel {
  readonly title: string;
  readonly expr: string;
  readonly unit: string;
}

/** Props of {@link GrafanaDashboard}. */
export interface GrafanaDashboardProps {
  /** Dashboard name (ConfigMap `grafana-dashboard-<name>`, uid `fintrack-<name>`). */
  readonly name: string;
  /** Dashboard title. */
  readonly title: string;
  /** Namespace of the ConfigMap. */
  readonly namespace: string;
  /** Panels, laid out two per row. */
  readonly panels: readonly Panel[];
}

/** Golden-signal panels of one service. */
export function servicePanels(service: string, namespace: string, requestServing: boolean, queues: readonly string[]): Panel[] {
  const sel = `service="${service}", namespace="${namespace}"`;
  const pod = `namespace="${namespace}", pod=~"${service}-.*", container="${service}"`;
  return [
    ...(requestServing
      ? [
          { title: 'Rate (requests/s)', expr: `sum(rate(http_request_duration_seconds_count{${sel}}[5m]))`, unit: 'reqps' },
          { title: 'Errors (5xx ratio)', expr: `service:http_error_ratio:rate5m{${sel}}`, unit: 'percentunit' },
          {
            title: 'Duration (p50, p99)',
            expr: `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{${sel}}[5m])))`,
            unit: 's',
          },
        ]
      : []),
    ...queues.map((q) => ({
      title: `Queue depth: ${q}`,
      expr: `aws_sqs_approximate_number_of_messages_visible{queue_name="${q}"}`,
      unit: 'short',
    })),
    { title: 'Saturation: CPU (cores)', expr: `sum(rate(container_cpu_usage_seconds_total{${pod}}[5m]))`, unit: 'short' },
    { title: 'Saturation: memory', expr: `sum(container_memory_working_set_bytes{${pod}})`, unit: 'bytes' },
    { title: 'Restarts (1h)', expr: `sum(increase(kube_pod_container_status_restarts_total{${pod}}[1h]))`, unit: 'short' },
  ];
}

/**
 * Panels of one asynchronous flow, from request to notification: the queries its alerts use (queue
 * age and depth, dead letters, p50/p99 duration), completions by outcome and the worker's replicas
 * as KEDA scales them.
 */
export function flowPanels(p: Pick<FlowAlertsProps, 'flow' | 'queue' | 'deadLetterQueue' | 'worker'>): Panel[] {
  const q = flowQueries(p);
  const deployment = `namespace="${p.worker.namespace}", deployment="${p.worker.name}"`;
  return [
    { title: `Queue depth: ${p.queue}`, expr: q.queueDepth, unit: 'short' },
    { title: 'Oldest waiting request', expr: q.queueAge, unit: 's' },
    { title: `Dead letters: ${p.deadLetterQueue}`, expr: q.deadLetters, unit: 'short' },
    { title: 'Request → notification (p99)', expr: q.latencyP99, unit: 's' },
    { title: 'Request → notification (p50)', expr: q.latencyP50, unit: 's' },
    { title: 'Completions/s by outcome', expr: q.completions, unit: 'reqps' },
    { title: `Worker replicas: ${p.worker.name}`, expr: `sum(kube_deployment_status_replicas{${deployment}})`, unit: 'short' },
  ];
}

/** One dashboard ConfigMap. */
export class GrafanaDashboard extends Construct {
  /** The ConfigMap (construct id `Resource`). */
  public readonly configMap: k8s.KubeConfigMap;

  public constructor(scope: Construct, id: string, props: GrafanaDashboardProps) {
    super(scope, id);
    const dashboard = {
      uid: `fintrack-${props.name}`,
      title: props.title,
      tags: ['fintrack'],
      timezone: 'utc',
      schemaVersion: 39,
      time: { from: 'now-6h', to: 'now' },
      panels: props.panels.map((p, i) => ({
        id: i + 1,
        type: 'timeseries',
        title: p.title,
        datasource: { type: 'prometheus', uid: 'prometheus' },
        gridPos: { h: 8, w: 12, x: (i % 2) * 12, y: Math.floor(i / 2) * 8 },
        fieldConfig: { defaults: { unit: p.unit }, overrides: [] },
        targets: [{ refId: 'A', expr: p.expr }],
      })),
    };
    this.configMap = new k8s.KubeConfigMap(this, 'Resource', {
      metadata: { name: `grafana-dashboard-${props.name}`, namespace: props.namespace, labels: { grafana_dashboard: '1' } },
      data: { [`${props.name}.json`]: `${JSON.stringify(dashboard, null, 2)}\n` },
    });
  }
}
