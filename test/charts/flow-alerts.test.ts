/**
 * FlowAlerts and the flow dashboard: the three alerts (queue age, dead letters, p99 request →
 * notification) with their thresholds, PromQL that Prometheus's own grammar parses (the rule
 * verify's promql-syntax applies), one failing case per props rule, and the committed catalog's
 * flows rendered in every environment with names derived per environment.
 */
import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { FLOW_DURATION_METRIC, FlowAlerts, flowQueries, type FlowAlertsProps } from '../../charts/observability/flow-alerts.ts';
import { flowPanels, GrafanaDashboard } from '../../charts/observability/grafana-dashboard.ts';
import { InvalidPropsError } from '../../charts/invalid-props-error.ts';
import { promqlError } from '../../scripts/verify/references/promql.ts';
import { loadCatalog } from '../../apps/catalog.ts';
import { renderCatalog } from '../../scripts/synth/render.ts';

const PROPS: FlowAlertsProps = {
  flow: 'jobs',
  ruleNamespace: 'monitoring',
  environment: 'prod',
  worker: { name: 'crunch', namespace: 'team-a' },
  queue: 'fintrack-prod-jobs',
  deadLetterQueue: 'fintrack-prod-jobs-dlq',
  maxAgeSeconds: 60,
  latencyP99Seconds: 120,
};

type Rule = { alert: string; expr: string; for: string; labels: Record<string, string> };

function rules(props: Partial<FlowAlertsProps> = {}): Map<string, Rule> {
  const chart = Testing.chart();
  new FlowAlerts(chart, 'Alerts', { ...PROPS, ...props });
  const [rule] = Testing.synth(chart) as { spec: { groups: { rules: Rule[] }[] } }[];
  return new Map(rule!.spec.groups[0]!.rules.map((r) => [r.alert, r]));
}

describe('FlowAlerts', () => {
  it('alerts on queue age, dead letters and p99 request → notification, with the thresholds given', () => {
    // GIVEN a flow WHEN its rule renders
    const r = rules();
    // THEN each alert selects the flow's own queue, dead-letter queue and duration histogram
    expect([...r.keys()]).toEqual(['FlowQueueAgeHigh', 'FlowDeadLetters', 'FlowLatencyP99AboveObjective']);
    expect(r.get('FlowQueueAgeHigh')!.expr).toBe('max(aws_sqs_approximate_age_of_oldest_message{queue_name="fintrack-prod-jobs"}) > 60');
    expect(r.get('FlowDeadLetters')!.expr).toBe(
      'sum(aws_sqs_approximate_number_of_messages_visible{queue_name="fintrack-prod-jobs-dlq"}) > 0',
    );
    expect(r.get('FlowLatencyP99AboveObjective')!.expr).toBe(
      `histogram_quantile(0.99, sum by (le) (rate(${FLOW_DURATION_METRIC}_bucket{flow="jobs"}[15m]))) > 120`,
    );
    expect(r.get('FlowLatencyP99AboveObjective')!.labels).toEqual({
      severity: 'critical',
      flow: 'jobs',
      service: 'crunch',
      team: 'team-a',
    });
    expect(r.get('FlowDeadLetters')!.labels.queue).toBe('fintrack-prod-jobs-dlq');
  });

  it('renders PromQL that parses, and the parser rejects a broken expression (the check can fail)', () => {
    for (const rule of rules().values()) expect(promqlError(rule.expr), rule.expr).toBeUndefined();
    for (const panel of flowPanels(PROPS)) expect(promqlError(panel.expr), panel.expr).toBeUndefined();
    const broken = flowQueries(PROPS).latencyP99.replace('[15m]', '[15m');
    expect(promqlError(`${broken} > 120`)).toBeDefined();
  });

  const failing: { name: string; props: Partial<FlowAlertsProps>; field: string; message: string }[] = [
    {
      name: 'a queue age threshold at or above the objective',
      props: { maxAgeSeconds: 120 },
      field: 'maxAgeSeconds',
      message: "'maxAgeSeconds' (120) must be < 'latencyP99Seconds' (120) for flow jobs in prod",
    },
    {
      name: 'a queue name SQS would refuse (it would also break the selector)',
      props: { queue: 'fintrack-prod-jobs"}' },
      field: 'queue',
      message: `'queue' (fintrack-prod-jobs"}) of flow jobs is not an SQS queue name (1-80 of A-Za-z0-9_-)`,
    },
    {
      name: 'a dead-letter queue that is the queue itself',
      props: { deadLetterQueue: 'fintrack-prod-jobs' },
      field: 'deadLetterQueue',
      message: "'deadLetterQueue' (fintrack-prod-jobs) of flow jobs must differ from 'queue'",
    },
  ];
  it.each(failing)('fails on $name', ({ props, field, message }) => {
    const chart = Testing.chart();
    let error: unknown;
    try {
      new FlowAlerts(chart, 'Alerts', { ...PROPS, ...props });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidPropsError);
    expect((error as InvalidPropsError).field).toBe(field);
    expect((error as Error).message).toContain(message);
  });
});

describe('flow dashboard', () => {
  it("shows the alerts' queries, completions by outcome and the worker's replicas", () => {
    const chart = Testing.chart();
    new GrafanaDashboard(chart, 'D', {
      name: 'flow-jobs',
      title: 'FinTrack / flow: jobs',
      namespace: 'monitoring',
      panels: flowPanels(PROPS),
    });
    const [cm] = Testing.synth(chart) as { data: Record<string, string> }[];
    const dashboard = JSON.parse(cm!.data['flow-jobs.json']!) as { panels: { title: string; targets: { expr: string }[] }[] };
    const exprs = dashboard.panels.map((p) => p.targets[0]!.expr);
    const q = flowQueries(PROPS);
    expect(exprs).toEqual(expect.arrayContaining([q.queueAge, q.queueDepth, q.deadLetters, q.latencyP99, q.completions]));
    expect(exprs).toContain('sum(kube_deployment_status_replicas{namespace="team-a", deployment="crunch"})');
  });
});

describe('the committed catalog', () => {
  it("renders every flow's rule and dashboard in every AWS environment, named from that environment", () => {
    const catalog = loadCatalog();
    const { apps, issues } = renderCatalog(catalog);
    expect(issues).toEqual([]);
    for (const env of catalog.environments) {
      const objects = apps.find((a) => a.env === env.spec.name && a.name === 'observability')!.objects;
      if (!env.platform.cloudIam) {
        // No SQS without AWS (k3s): no queue metrics to alert on, so no flow rule either.
        expect(objects.some((o) => o.kind === 'PrometheusRule' && o.metadata.name.startsWith('flow-'))).toBe(false);
        continue;
      }
      for (const { spec } of catalog.flows) {
        const rule = objects.find((o) => o.kind === 'PrometheusRule' && o.metadata.name === `flow-${spec.name}-alerts`);
        const queue = env.names.queueName(spec.queue.name);
        expect(JSON.stringify(rule), `${env.spec.name} ${spec.name}`).toContain(`queue_name=\\"${queue}\\"`);
        expect(JSON.stringify(rule)).toContain(`queue_name=\\"${env.names.deadLetterQueueName(queue)}\\"`);
        expect(objects.some((o) => o.kind === 'ConfigMap' && o.metadata.name === `grafana-dashboard-flow-${spec.name}`)).toBe(true);
      }
    }
  });
});
