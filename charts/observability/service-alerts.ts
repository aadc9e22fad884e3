/**
 * The alerts of one service, as a PrometheusRule: for request-serving services the p99 latency SLA
 * and multi-window, multi-burn-rate error-budget alerts against 99.9 % availability (Google SRE
 * workbook, ch. 5); for services consuming SQS queues, the queue backlog.
 */
import { Construct } from 'constructs';
import { PrometheusRule, PrometheusRuleSpecGroupsRulesExpr } from '../../imports/monitoring.coreos.com.ts';
import { InvalidPropsError } from '../invalid-props-error.ts';

/** The availability objective every API service is held to. */
export const AVAILABILITY_OBJECTIVE = 0.999;

/** Burn-rate alert windows: a long and a short window per rate (SRE workbook, table 5-8). */
export const BURN_RATE_WINDOWS = [
  { long: '1h', short: '5m', factor: 14.4, severity: 'critical', for: '2m' },
  { long: '6h', short: '30m', factor: 6, severity: 'critical', for: '15m' },
  { long: '1d', short: '2h', factor: 3, severity: 'warning', for: '1h' },
  { long: '3d', short: '6h', factor: 1, severity: 'warning', for: '3h' },
] as const;

/** Props of {@link ServiceAlerts}. */
export interface ServiceAlertsProps {
  /** Service name (the `service` label of its metrics). */
  readonly service: string;
  /** Namespace of the service. */
  readonly namespace: string;
  /** Namespace of the rule (Prometheus's). */
  readonly ruleNamespace: string;
  /** Environment, for messages and labels. */
  readonly environment: string;
  /** Request-serving: p99 latency above this many seconds pages. @default - not request-serving */
  readonly latencyP99Seconds?: number;
  /** SQS queues the service consumes (Terraform names) and the backlog that warns. @default [] */
  readonly queues?: readonly { readonly name: string; readonly backlog: number }[];
}

const expr = (s: string): PrometheusRuleSpecGroupsRulesExpr => PrometheusRuleSpecGroupsRulesExpr.fromString(s);

/** The PrometheusRule of one service. */
export class ServiceAlerts extends Construct {
  /** The rule (construct id `Resource`). */
  public readonly rule: PrometheusRule;

  public constructor(scope: Construct, id: string, props: ServiceAlertsProps) {
    super(scope, id);
    const queues = props.queues ?? [];
    if (props.latencyP99Seconds === undefined && queues.length === 0) {
      throw new InvalidPropsError(
        'latencyP99Seconds',
        `service ${props.service} in ${props.environment} has nothing to alert on: set 'latencyP99Seconds' or 'queues'`,
      );
    }
    const sel = `service="${props.service}", namespace="${props.namespace}"`;
    const labels = (severity: string): Record<string, string> => ({ severity, service: props.service, team: props.namespace });
    const rules = [];
    if (props.latencyP99Seconds !== undefined) {
      rules.push({
        alert: 'LatencyP99AboveSLA',
        expr: expr(
          `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{${sel}}[5m]))) > ${props.latencyP99Seconds}`,
        ),
        for: '5m',
        labels: labels('critical'),
        annotations: {
          summary: `${props.service}: p99 latency above the ${props.latencyP99Seconds}s SLA`,
          description: 'p99 over 5m is {{ $value | humanizeDuration }}.',
        },
      });
      const budget = 1 - AVAILABILITY_OBJECTIVE;
      for (const w of BURN_RATE_WINDOWS) {
        const threshold = Number((w.factor * budget).toPrecision(6));
        rules.push({
          alert: 'ErrorBudgetBurn',
          expr: expr(
            `service:http_error_ratio:rate${w.long}{${sel}} > ${threshold} and service:http_error_ratio:rate${w.short}{${sel}} > ${threshold}`,
          ),
          for: w.for,
          labels: { ...labels(w.severity), window: w.long },
          annotations: {
            summary: `${props.service}: error budget burning ${w.factor}x too fast (${w.long}/${w.short})`,
            description: `5xx ratio over ${w.long} is {{ $value | humanizePercentage }}; the 99.9 % objective allows ${Number((budget * 100).toPrecision(6))} %.`,
          },
        });
      }
    }
    for (const q of queues) {
      rules.push({
        alert: 'QueueBacklog',
        expr: expr(`aws_sqs_approximate_number_of_messages_visible{queue_name="${q.name}"} > ${q.backlog}`),
        for: '10m',
        labels: { ...labels('warning'), queue: q.name },
        annotations: {
          summary: `${props.service}: ${q.name} backlog above ${q.backlog} messages`,
          description: '{{ $value }} messages visible for 10 minutes.',
        },
      });
    }
    this.rule = new PrometheusRule(this, 'Resource', {
      metadata: {
        name: `${props.service}-alerts`,
        namespace: props.ruleNamespace,
        labels: { 'app.kubernetes.io/name': props.service, 'fintrack.io/team': props.namespace },
      },
      spec: { groups: [{ name: `fintrack.${props.service}`, rules }] },
    });
  }
}
