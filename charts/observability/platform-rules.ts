/**
 * Rules for every service at once: the error-ratio recording rules the burn-rate alerts read, and
 * crash looping per team namespace.
 */
import { Construct } from 'constructs';
import { PrometheusRule, PrometheusRuleSpecGroupsRulesExpr } from '../../imports/monitoring.coreos.com.ts';
import { BURN_RATE_WINDOWS } from './service-alerts.ts';

/** Props of {@link PlatformRules}. */
export interface PlatformRulesProps {
  /** Namespace of the rules (Prometheus's). */
  readonly namespace: string;
  /** Team namespaces watched for crash loops. */
  readonly teamNamespaces: readonly string[];
  /** Restarts within an hour that count as crash looping. @default 5 */
  readonly restartsPerHour?: number;
}

const expr = (s: string): PrometheusRuleSpecGroupsRulesExpr => PrometheusRuleSpecGroupsRulesExpr.fromString(s);

/** Recording rules and namespace-wide alerts. */
export class PlatformRules extends Construct {
  public constructor(scope: Construct, id: string, props: PlatformRulesProps) {
    super(scope, id);
    const windows = [...new Set(BURN_RATE_WINDOWS.flatMap((w) => [w.short, w.long]))];
    const ratio = (w: string): string =>
      `sum by (namespace, service) (rate(http_request_duration_seconds_count{code=~"5.."}[${w}])) / sum by (namespace, service) (rate(http_request_duration_seconds_count[${w}]))`;
    new PrometheusRule(this, 'Recording', {
      metadata: { name: 'fintrack-slo-recording', namespace: props.namespace },
      spec: {
        groups: [
          {
            name: 'fintrack.slo',
            interval: '30s',
            rules: windows.map((w) => ({ record: `service:http_error_ratio:rate${w}`, expr: expr(ratio(w)) })),
          },
        ],
      },
    });
    const restarts = props.restartsPerHour ?? 5;
    new PrometheusRule(this, 'Resource', {
      metadata: { name: 'fintrack-namespaces', namespace: props.namespace },
      spec: {
        groups: [
          {
            name: 'fintrack.namespaces',
            rules: props.teamNamespaces.map((ns) => ({
              alert: 'PodCrashLooping',
              expr: expr(`increase(kube_pod_container_status_restarts_total{namespace="${ns}"}[1h]) > ${restarts}`),
              labels: { severity: 'critical', team: ns },
              annotations: { summary: `{{ $labels.pod }} in ${ns} restarted {{ $value }} times in 1h` },
            })),
          },
        ],
      },
    });
  }
}
