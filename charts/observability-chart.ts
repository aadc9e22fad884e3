/**
 * `dist/<env>/observability/`: alert rules and dashboards generated from the catalog, and
 * Alertmanager's routing, all in the monitoring namespace kube-prometheus-stack runs in.
 */
import type { Construct } from 'constructs';
import type { EnvironmentName } from '../apps/schema/common.ts';
import { AppChart } from './app-chart.ts';
import { AlertRouting } from './observability/alert-routing.ts';
import { FlowAlerts, type FlowAlertsProps } from './observability/flow-alerts.ts';
import { flowPanels, GrafanaDashboard, servicePanels } from './observability/grafana-dashboard.ts';
import { PlatformRules } from './observability/platform-rules.ts';
import { ServiceAlerts, type ServiceAlertsProps } from './observability/service-alerts.ts';
import { SYNC_WAVES } from './sync-waves.ts';

/** Props of {@link ObservabilityChart}. */
export interface ObservabilityChartProps {
  /** Environment of the app folder. */
  readonly env: EnvironmentName;
  /** Namespace of Prometheus, Alertmanager and Grafana. @default 'monitoring' */
  readonly namespace?: string;
  /** Alerts of each service. */
  readonly services: readonly Omit<ServiceAlertsProps, 'ruleNamespace' | 'environment'>[];
  /** Alerts and dashboard of each asynchronous flow (apps/flows/*.yaml). @default [] */
  readonly flows?: readonly Omit<FlowAlertsProps, 'ruleNamespace' | 'environment'>[];
  /** Team namespaces watched for crash loops. */
  readonly teamNamespaces: readonly string[];
  /** Alertmanager configuration name. */
  readonly alertmanagerConfigName: string;
  /** Secrets Manager key of the receivers' credentials. */
  readonly receiverSecretKey: string;
  /** Page PagerDuty for critical alerts. @default true */
  readonly paging?: boolean;
  /** ClusterSecretStore of the receivers' credentials. @default 'aws-secrets-manager' */
  readonly secretStore?: string;
}

/** The observability app folder of one environment. */
export class ObservabilityChart extends AppChart {
  public constructor(scope: Construct, props: ObservabilityChartProps) {
    const namespace = props.namespace ?? 'monitoring';
    super(scope, { env: props.env, appName: 'observability', namespace, syncWave: SYNC_WAVES.clusterConfig, project: 'platform' });
    new PlatformRules(this, 'PlatformRules', { namespace, teamNamespaces: props.teamNamespaces });
    new AlertRouting(this, 'AlertRouting', {
      name: props.alertmanagerConfigName,
      namespace,
      secretKey: props.receiverSecretKey,
      ...(props.paging === undefined ? {} : { paging: props.paging }),
      ...(props.secretStore === undefined ? {} : { secretStore: props.secretStore }),
    });
    for (const s of props.services) {
      new ServiceAlerts(this, `Alerts-${s.service}`, { ...s, ruleNamespace: namespace, environment: props.env });
      const queues = (s.queues ?? []).map((q) => q.name);
      new GrafanaDashboard(this, `Dashboard-${s.service}`, {
        name: s.service,
        title: `FinTrack / ${s.service}`,
        namespace,
        panels: servicePanels(s.service, s.namespace, s.latencyP99Seconds !== undefined, queues),
      });
    }
    for (const f of props.flows ?? []) {
      new FlowAlerts(this, `FlowAlerts-${f.flow}`, { ...f, ruleNamespace: namespace, environment: props.env });
      new GrafanaDashboard(this, `FlowDashboard-${f.flow}`, {
        name: `flow-${f.flow}`,
        title: `FinTrack / flow: ${f.flow}`,
        namespace,
        panels: flowPanels(f),
      });
    }
    new GrafanaDashboard(this, 'Dashboard-platform', {
      name: 'platform-overview',
      title: 'FinTrack / platform overview',
      namespace,
      panels: [
        {
          title: 'Requests/s by service',
          expr: 'sum by (service) (rate(http_request_duration_seconds_count{namespace=~"' + props.teamNamespaces.join('|') + '"}[5m]))',
          unit: 'reqps',
        },
        { title: '5xx ratio by service', expr: 'service:http_error_ratio:rate5m', unit: 'percentunit' },
        {
          title: 'p99 latency by service',
          expr: 'histogram_quantile(0.99, sum by (le, service) (rate(http_request_duration_seconds_bucket[5m])))',
          unit: 's',
        },
        { title: 'SQS messages visible', expr: 'sum by (queue_name) (aws_sqs_approximate_number_of_messages_visible)', unit: 'short' },
        { title: 'Firing alerts by severity', expr: 'sum by (severity) (ALERTS{alertstate="firing"})', unit: 'short' },
        {
          title: 'Nodes by NodePool and capacity type',
          expr: 'count by (nodepool, capacity_type) (karpenter_nodes_allocatable{resource_type="cpu"})',
          unit: 'short',
        },
        {
          title: 'CPU requested vs allocatable',
          expr: 'sum(kube_pod_container_resource_requests{resource="cpu"}) / sum(kube_node_status_allocatable{resource="cpu"})',
          unit: 'percentunit',
        },
        {
          title: 'Pod restarts (1h) by namespace',
          expr: 'sum by (namespace) (increase(kube_pod_container_status_restarts_total[1h]))',
          unit: 'short',
        },
      ],
    });
  }
}
