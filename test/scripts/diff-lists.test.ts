/**
 * What a reviewer sees for the changes one-line `old → new` cannot show: lists of objects without
 * `name` keys (NetworkPolicy egress/to, AppProject destinations, PrometheusRule rules), dashboard
 * JSON in ConfigMap data, and a new namespaced object. In memory: snapshots in, rendered lines out.
 */
import { describe, expect, it } from 'vitest';
import { compare } from '../../scripts/diff/compare.ts';
import { collectObjects } from '../../scripts/diff/objects.ts';
import { renderMarkdown } from '../../scripts/diff/render-markdown.ts';
import { renderText } from '../../scripts/diff/render-text.ts';

/** Renders the diff of `files` (path → YAML before) against `changed` (path → YAML after, `''` deleted). */
function review(before: Record<string, string>, after: Record<string, string>): string[] {
  const snap = (files: Record<string, string>) => collectObjects(new Map(Object.entries(files).filter(([, t]) => t !== '')), 'dist');
  return renderText(compare(snap(before), snap({ ...before, ...after })));
}

const networkPolicy = (peers: string): string => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ledger
  namespace: books
spec:
  egress:
  - ports:
    - port: 53
      protocol: UDP
    to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: kube-system
  - ports:
    - port: 5432
      protocol: TCP
    to:
${peers}  podSelector:
    matchLabels:
      app.kubernetes.io/name: ledger
  policyTypes:
  - Egress
`;

const appProject = (destinations: string): string => `apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata:
  name: team-books
  namespace: argocd
spec:
  destinations:
${destinations}  sourceRepos:
  - https://github.com/example/platform.git
`;

const prometheusRule = (latency: string, extra = ''): string => `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: ledger-alerts
  namespace: monitoring
spec:
  groups:
  - name: ledger.rules
    rules:
    - alert: LedgerHighLatency
      annotations:
        summary: ledger p99 latency above SLA
      expr: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="ledger"}[5m]))) > ${latency}
      for: 10m
      labels:
        severity: warning
    - alert: LedgerErrorBudgetBurn
      expr: sum(rate(http_requests_total{service="ledger",code=~"5.."}[1h])) / sum(rate(http_requests_total{service="ledger"}[1h])) > 0.0144
      for: 2m
      labels:
        severity: critical
${extra}`;

const dashboard = (window: string): string => `apiVersion: v1
kind: ConfigMap
metadata:
  name: grafana-dashboard-ledger
  namespace: monitoring
data:
  ledger.json: |
    {
      "title": "Ledger",
      "panels": [
        {
          "id": 1,
          "title": "Rate",
          "targets": [
            {
              "expr": "sum(rate(http_request_duration_seconds_count{service=\\"ledger\\"}[${window}]))"
            }
          ]
        }
      ]
    }
`;

describe('npm run diff: lists and long values a reviewer can read', () => {
  it('shows a NetworkPolicy egress peer added to one rule as YAML lines', () => {
    // GIVEN a second egress peer for the database rule
    const file = 'dist/prod/ledger/networkpolicy-ledger.yaml';
    const peer = (cidr: string): string => `    - ipBlock:\n        cidr: ${cidr}\n`;
    // WHEN diffed
    const lines = review(
      { [file]: networkPolicy(peer('10.0.1.0/24')) },
      { [file]: networkPolicy(peer('10.0.1.0/24') + peer('10.0.2.0/24')) },
    );
    // THEN the object with its namespace, the list's path, and the changed lines with context
    expect(lines).toEqual([
      'prod/ledger: ~ NetworkPolicy/ledger (namespace books)',
      '    spec.egress:',
      '         to:',
      '           - ipBlock:',
      '               cidr: 10.0.1.0/24',
      '+          - ipBlock:',
      '+              cidr: 10.0.2.0/24',
    ]);
  });

  it('shows an AppProject destination added and one removed', () => {
    const file = 'dist/prod/argocd/appproject-team-books.yaml';
    const dest = (ns: string): string => `  - namespace: ${ns}\n    server: https://kubernetes.default.svc\n`;
    const lines = review(
      { [file]: appProject(dest('books') + dest('books-old')) },
      { [file]: appProject(dest('books') + dest('books-batch')) },
    );
    expect(lines).toEqual([
      'prod/argocd: ~ AppProject/team-books (namespace argocd)',
      '    spec.destinations:',
      '       - namespace: books',
      '         server: https://kubernetes.default.svc',
      '-      - namespace: books-old',
      '+      - namespace: books-batch',
      '         server: https://kubernetes.default.svc',
    ]);
  });

  it('shows a PrometheusRule threshold change and a new rule, whole expressions included', () => {
    const file = 'dist/prod/observability/prometheusrule-ledger-alerts.yaml';
    const added =
      '    - alert: LedgerCrashLooping\n      expr: increase(kube_pod_container_status_restarts_total{namespace="books"}[15m]) > 3\n      labels:\n        severity: critical\n';
    const lines = review({ [file]: prometheusRule('0.5') }, { [file]: prometheusRule('0.3', added) });
    expect(lines).toEqual([
      'prod/observability: ~ PrometheusRule/ledger-alerts (namespace monitoring)',
      '    spec.groups[ledger.rules].rules:',
      '       - alert: LedgerHighLatency',
      '         annotations:',
      '           summary: ledger p99 latency above SLA',
      '-        expr: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="ledger"}[5m]))) > 0.5',
      '+        expr: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="ledger"}[5m]))) > 0.3',
      '         for: 10m',
      '         labels:',
      '           severity: warning',
      '       …',
      '         for: 2m',
      '         labels:',
      '           severity: critical',
      '+      - alert: LedgerCrashLooping',
      '+        expr: increase(kube_pod_container_status_restarts_total{namespace="books"}[15m]) > 3',
      '+        labels:',
      '+          severity: critical',
    ]);
  });

  it('shows the changed line of a dashboard JSON held in ConfigMap data', () => {
    const file = 'dist/prod/observability/configmap-grafana-dashboard-ledger.yaml';
    const lines = review({ [file]: dashboard('5m') }, { [file]: dashboard('1m') });
    expect(lines).toEqual([
      'prod/observability: ~ ConfigMap/grafana-dashboard-ledger (namespace monitoring)',
      '    data.ledger.json:',
      '             "title": "Rate",',
      '             "targets": [',
      '               {',
      '-                "expr": "sum(rate(http_request_duration_seconds_count{service=\\"ledger\\"}[5m]))"',
      '+                "expr": "sum(rate(http_request_duration_seconds_count{service=\\"ledger\\"}[1m]))"',
      '               }',
      '             ]',
      '           }',
    ]);
  });

  it('names the namespace of a new namespaced object, and none for a cluster-scoped one', () => {
    const deny =
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: books\nspec:\n  podSelector: {}\n';
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: books\n';
    const lines = review(
      {},
      { 'dist/dev/cluster-config/networkpolicy-books-default-deny.yaml': deny, 'dist/dev/cluster-config/namespace-books.yaml': ns },
    );
    expect(lines).toEqual(['dev/cluster-config: + Namespace/books', 'dev/cluster-config: + NetworkPolicy/default-deny (namespace books)']);
  });

  it('shows a map-valued field that appeared as YAML lines', () => {
    const file = 'dist/prod/ledger/networkpolicy-ledger.yaml';
    const before = networkPolicy('');
    const after = before.replace('  podSelector:', '  ingress:\n  - from:\n    - podSelector: {}\n  podSelector:');
    expect(review({ [file]: before }, { [file]: after })).toEqual([
      'prod/ledger: ~ NetworkPolicy/ledger (namespace books)',
      '    spec.ingress: +',
      '+      - from:',
      '+          - podSelector: {}',
    ]);
  });

  it('puts the line diff in the Markdown diff block with the markers in the first column', () => {
    const file = 'dist/prod/argocd/appproject-team-books.yaml';
    const dest = (ns: string): string => `  - namespace: ${ns}\n    server: https://kubernetes.default.svc\n`;
    const snap = (t: string) => collectObjects(new Map([[file, t]]), 'dist');
    const md = renderMarkdown(compare(snap(appProject(dest('books'))), snap(appProject(dest('books') + dest('books-batch')))), {
      base: 'main',
      commit: '0123456789ab',
    });
    expect(md).toContain(
      [
        '<details><summary><code>argocd</code>: 1 changed</summary>',
        '',
        '```diff',
        '~ AppProject/team-books (namespace argocd)',
        '    spec.destinations:',
        '       - namespace: books',
        '         server: https://kubernetes.default.svc',
        '+      - namespace: books-batch',
        '+        server: https://kubernetes.default.svc',
        '```',
      ].join('\n'),
    );
  });
});
