/**
 * The alerts of one asynchronous flow (apps/flows/*.yaml), as a PrometheusRule: the oldest request
 * waiting in its queue, requests that failed into its dead-letter queue, and the p99 of the whole
 * flow (request accepted → notification sent) against its objective.
 *
 * Queue metrics are the CloudWatch `AWS/SQS` metrics under the names the service alerts already
 * use (`aws_sqs_<metric>{queue_name=…}`): ApproximateAgeOfOldestMessage is the age in seconds of the
 * oldest message not yet deleted, and on a dead-letter queue ApproximateNumberOfMessagesVisible
 * counts the requests that failed `maxReceiveCount` times (AWS SQS Developer Guide,
 * sqs-available-cloudwatch-metrics and sqs-dead-letter-queues). The flow's duration is the
 * histogram `fintrack_flow_duration_seconds{flow=…}` its worker records when the completion call
 * returns (from the queued message's SentTimestamp).
 */
import { Construct } from 'constructs';
import { PrometheusRule, PrometheusRuleSpecGroupsRulesExpr } from '../../imports/monitoring.coreos.com.ts';
import { InvalidPropsError } from '../invalid-props-error.ts';

/** The duration histogram every flow's worker exports, labelled `flow` (and `outcome`). */
export const FLOW_DURATION_METRIC = 'fintrack_flow_duration_seconds';

// AWS SQS API Reference, CreateQueue QueueName: up to 80 alphanumerics, hyphens and underscores.
const SQS_QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;

/** Props of {@link FlowAlerts}. */
export interface FlowAlertsProps {
  /** Flow name (`flow` label of the duration histogram). */
  readonly flow: string;
  /** Namespace of the rule (Prometheus's). */
  readonly ruleNamespace: string;
  /** Environment, for messages. */
  readonly environment: string;
  /** The worker consuming the queue: alerts carry its name and team. */
  readonly worker: { readonly name: string; readonly namespace: string };
  /** AWS name of the flow's queue. */
  readonly queue: string;
  /** AWS name of its dead-letter queue. */
  readonly deadLetterQueue: string;
  /** The oldest waiting message above this many seconds warns. */
  readonly maxAgeSeconds: number;
  /** The flow's p99 duration above this many seconds pages. */
  readonly latencyP99Seconds: number;
}

const expr = (s: string): PrometheusRuleSpecGroupsRulesExpr => PrometheusRuleSpecGroupsRulesExpr.fromString(s);

/** The PromQL of one flow's alerts and panels (shared with the dashboard, so both show the same thing). */
export function flowQueries(p: Pick<FlowAlertsProps, 'flow' | 'queue' | 'deadLetterQueue'>): {
  queueAge: string;
  queueDepth: string;
  deadLetters: string;
  latencyP99: string;
  latencyP50: string;
  completions: string;
} {
  const quantile = (q: number): string =>
    `histogram_quantile(${q}, sum by (le) (rate(${FLOW_DURATION_METRIC}_bucket{flow="${p.flow}"}[15m])))`;
  return {
    queueAge: `max(aws_sqs_approximate_age_of_oldest_message{queue_name="${p.queue}"})`,
    queueDepth: `sum(aws_sqs_approximate_number_of_messages_visible{queue_name="${p.queue}"})`,
    deadLetters: `sum(aws_sqs_approximate_number_of_messages_visible{queue_name="${p.deadLetterQueue}"})`,
    latencyP99: quantile(0.99),
    latencyP50: quantile(0.5),
    completions: `sum by (outcome) (rate(${FLOW_DURATION_METRIC}_count{flow="${p.flow}"}[5m]))`,
  };
}

/** The PrometheusRule of one flow. */
export class FlowAlerts extends Construct {
  /** The rule (construct id `Resource`). */
  public readonly rule: PrometheusRule;

  public constructor(scope: Construct, id: string, props: FlowAlertsProps) {
    super(scope, id);
    for (const field of ['queue', 'deadLetterQueue'] as const) {
      if (!SQS_QUEUE_NAME.test(props[field]))
        throw new InvalidPropsError(
          field,
          `'${field}' (${props[field]}) of flow ${props.flow} is not an SQS queue name (1-80 of A-Za-z0-9_-)`,
        );
    }
    if (props.queue === props.deadLetterQueue)
      throw new InvalidPropsError(
        'deadLetterQueue',
        `'deadLetterQueue' (${props.deadLetterQueue}) of flow ${props.flow} must differ from 'queue'`,
      );
    if (props.maxAgeSeconds >= props.latencyP99Seconds)
      throw new InvalidPropsError(
        'maxAgeSeconds',
        `'maxAgeSeconds' (${props.maxAgeSeconds}) must be < 'latencyP99Seconds' (${props.latencyP99Seconds}) for flow ${props.flow} in ${props.environment}`,
      );
    const q = flowQueries(props);
    const labels = (severity: string): Record<string, string> => ({
      severity,
      flow: props.flow,
      service: props.worker.name,
      team: props.worker.namespace,
    });
    this.rule = new PrometheusRule(this, 'Resource', {
      metadata: {
        name: `flow-${props.flow}-alerts`,
        namespace: props.ruleNamespace,
        labels: { 'app.kubernetes.io/name': props.worker.name, 'fintrack.io/team': props.worker.namespace, 'fintrack.io/flow': props.flow },
      },
      spec: {
        groups: [
          {
            name: `fintrack.flow.${props.flow}`,
            rules: [
              {
                alert: 'FlowQueueAgeHigh',
                expr: expr(`${q.queueAge} > ${props.maxAgeSeconds}`),
                for: '5m',
                labels: { ...labels('warning'), queue: props.queue },
                annotations: {
                  summary: `${props.flow}: a request has waited over ${props.maxAgeSeconds}s in ${props.queue}`,
                  description: `Oldest message is {{ $value | humanizeDuration }} old: ${props.worker.name} is not keeping up (KEDA at max replicas?) or not consuming.`,
                },
              },
              {
                alert: 'FlowDeadLetters',
                expr: expr(`${q.deadLetters} > 0`),
                for: '5m',
                labels: { ...labels('warning'), queue: props.deadLetterQueue },
                annotations: {
                  summary: `${props.flow}: requests failed into ${props.deadLetterQueue}`,
                  description: '{{ $value }} requests failed every attempt and will not complete: inspect, fix, then redrive them.',
                },
              },
              {
                alert: 'FlowLatencyP99AboveObjective',
                expr: expr(`${q.latencyP99} > ${props.latencyP99Seconds}`),
                for: '15m',
                labels: labels('critical'),
                annotations: {
                  summary: `${props.flow}: p99 from request to notification above ${props.latencyP99Seconds}s`,
                  description: 'p99 over 15m is {{ $value | humanizeDuration }}.',
                },
              },
            ],
          },
        ],
      },
    });
  }
}
