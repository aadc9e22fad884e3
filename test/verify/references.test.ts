/** The controllers' references check: a consistent environment passes; one failing fixture per rule. */
import { describe, expect, it } from 'vitest';
import { referencesCheck } from '../../scripts/verify/checks/references.ts';
import type { DistObject, Finding, KubeObject } from '../../scripts/verify/model.ts';
import { parseGoDuration } from '../../scripts/verify/references/cert-manager.ts';
import { promqlError } from '../../scripts/verify/references/promql.ts';
import { clone, companions, CRDS_DIR, deployment, inApp, model } from './fixtures.ts';

type Obj = Record<string, any>;

const pool = (name: string, extra: Obj = {}): Obj => ({
  apiVersion: 'karpenter.sh/v1',
  kind: 'NodePool',
  metadata: { name },
  spec: {
    template: {
      metadata: { labels: { 'fintrack.io/nodepool': name } },
      spec: {
        nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name },
        requirements: [
          { key: 'karpenter.sh/capacity-type', operator: 'In', values: [name === 'gpu' ? 'spot' : 'on-demand'] },
          { key: 'node.kubernetes.io/instance-type', operator: 'In', values: name === 'gpu' ? ['g5.xlarge', 'g4dn.xlarge'] : ['m5.large'] },
        ],
        ...extra,
      },
    },
  },
});
const nodeClass = (name: string): Obj => ({ apiVersion: 'karpenter.k8s.aws/v1', kind: 'EC2NodeClass', metadata: { name }, spec: {} });

function service(): Obj {
  const d = clone(deployment()) as Obj;
  const pod = d.spec.template.spec;
  pod.priorityClassName = 'high';
  pod.nodeSelector = { 'karpenter.sh/nodepool': 'general', 'karpenter.sh/capacity-type': 'on-demand' };
  pod.containers[0].env = [{ name: 'DB', valueFrom: { secretKeyRef: { name: 'app-secrets', key: 'db' } } }];
  return d;
}

function objects(): { app: string; object: Obj }[] {
  const svc: Obj[] = [
    service(),
    ...companions().map((o) => clone(o) as Obj),
    {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: 'app', namespace: 'team' },
      spec: {
        secretStoreRef: { kind: 'ClusterSecretStore', name: 'aws' },
        target: { name: 'app-secrets' },
        data: [{ secretKey: 'db', remoteRef: { key: 'k' } }],
      },
    },
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: 'app', namespace: 'team' },
      spec: {
        secretName: 'app-tls',
        duration: '720h',
        renewBefore: '240h',
        issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'internal-ca' },
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'app', namespace: 'team' },
      spec: {
        ingressClassName: 'alb',
        rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'app', port: { number: 80 } } } }] } }],
      },
    },
  ];
  const cluster: Obj[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } },
    { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 },
    { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'gp3' }, provisioner: 'ebs.csi.aws.com' },
    pool('general'),
    pool('gpu', { taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }] }),
    nodeClass('general'),
    nodeClass('gpu'),
    {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'limits', namespace: 'team' },
      spec: { limits: [{ type: 'Container', max: { cpu: '2', memory: '1Gi' }, min: { cpu: '100m' } }] },
    },
    {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'quota', namespace: 'team' },
      spec: { hard: { pods: '10', 'requests.cpu': '4', 'requests.memory': '4Gi', 'limits.cpu': '10', 'limits.memory': '8Gi' } },
    },
    { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'internal-ca' }, spec: { ca: { secretName: 'ca-key' } } },
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: 'ca', namespace: 'cert-manager' },
      spec: { secretName: 'ca-key', isCA: true, issuerRef: { kind: 'ClusterIssuer', name: 'selfsigned' } },
    },
    { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'selfsigned' }, spec: { selfSigned: {} } },
  ];
  const observability: Obj[] = [
    {
      apiVersion: 'monitoring.coreos.com/v1alpha1',
      kind: 'AlertmanagerConfig',
      metadata: { name: 'routing', namespace: 'monitoring' },
      spec: {
        receivers: [{ name: 'null' }, { name: 'slack', slackConfigs: [{ apiURL: { name: 'am-secrets', key: 'slack' } }] }],
        muteTimeIntervals: [{ name: 'office', timeIntervals: [{ weekdays: ['monday:friday'] }] }],
        route: { receiver: 'slack', routes: [{ receiver: 'null', activeTimeIntervals: ['office'] }] },
      },
    },
    {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: 'am-secrets', namespace: 'monitoring' },
      spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'aws' }, data: [{ secretKey: 'slack', remoteRef: { key: 'k' } }] },
    },
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: 'app', namespace: 'monitoring' },
      spec: {
        groups: [
          {
            name: 'app',
            rules: [
              {
                alert: 'Slow',
                expr: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 0.5',
                for: '10m',
              },
              {
                record: 'job:errors:ratio5m',
                expr: 'sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))',
              },
            ],
          },
        ],
      },
    },
  ];
  const argocd: Obj[] = [
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: 'team', namespace: 'argocd' },
      spec: { destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'team' }] },
    },
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'svc', namespace: 'argocd' },
      spec: {
        project: 'team',
        source: { path: 'dist/prod/svc' },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'team' },
      },
    },
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'aws-load-balancer-controller', namespace: 'argocd' },
      spec: {
        project: 'addons',
        source: { chart: 'aws-load-balancer-controller', helm: { valuesObject: { clusterName: 'c' } } },
        destination: { namespace: 'kube-system' },
      },
    },
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'kube-prometheus-stack', namespace: 'argocd' },
      spec: {
        project: 'addons',
        source: {
          chart: 'kube-prometheus-stack',
          helm: {
            valuesObject: {
              prometheus: { prometheusSpec: { storageSpec: { volumeClaimTemplate: { spec: { storageClassName: 'gp3' } } } } },
            },
          },
        },
        destination: { namespace: 'monitoring' },
      },
    },
  ];
  return [
    ...svc.map((object) => ({ app: 'svc', object })),
    ...cluster.map((object) => ({ app: 'cluster', object })),
    ...observability.map((object) => ({ app: 'observability', object })),
    ...argocd.map((object) => ({ app: 'argocd', object })),
  ];
}

function run(list: { app: string; object: Obj }[]): string[] {
  const dist: DistObject[] = list.flatMap(({ app, object }) =>
    inApp(app, [object as KubeObject]).map((o) => ({
      ...o,
      file: `prod/${app}/${object.kind.toLowerCase()}-${object.metadata.name}.yaml`,
    })),
  );
  const findings = referencesCheck.run(model(dist), { crdsDir: CRDS_DIR }) as Finding[];
  return findings.map((f) => `${f.severity} ${f.rule} ${f.kind} ${f.name}: ${f.message}`);
}

/** GIVEN the consistent environment with `kind` `name` changed WHEN checked THEN the findings. */
function broken(kind: string, name: string, change: (o: Obj) => void): string[] {
  const list = objects();
  const target = list.find((x) => x.object.kind === kind && x.object.metadata.name === name);
  if (!target) throw new Error(`no ${kind} ${name}`);
  change(target.object);
  return run(list);
}

const pod = (d: Obj): Obj => d.spec.template.spec;
const deploymentIn = (list: { object: Obj }[]): Obj => list.find((x) => x.object.kind === 'Deployment')!.object;
const c0 = (d: Obj): Obj => pod(d).containers[0];
const onGpuPool = (d: Obj): void => void (pod(d).nodeSelector = { 'karpenter.sh/nodepool': 'gpu' });
const limitItem = (l: Obj): Obj => l.spec.limits[0];

const cases: [rule: string, kind: string, name: string, change: (o: Obj) => void, message: string][] = [
  [
    'priorityclass-exists',
    'Deployment',
    'app',
    (d) => (pod(d).priorityClassName = 'urgent'),
    'spec.template.spec.priorityClassName: "urgent": no PriorityClass with that name is rendered',
  ],
  [
    'priorityclass-exists',
    'Application',
    'aws-load-balancer-controller',
    (a) => (a.spec.source.helm.valuesObject.priorityClassName = 'infra'),
    'spec.source.helm.valuesObject.priorityClassName: "infra": no PriorityClass',
  ],
  [
    'storageclass-exists',
    'Application',
    'kube-prometheus-stack',
    (a) => (a.spec.source.helm.valuesObject.prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName = 'io2'),
    'storageClassName: StorageClass "io2" is not rendered: its claims would stay Pending',
  ],
  [
    'nodepool-nodeclass',
    'NodePool',
    'general',
    (p) => (p.spec.template.spec.nodeClassRef.name = 'missing'),
    'nodeClassRef: karpenter.k8s.aws/EC2NodeClass "missing" is not rendered',
  ],
  [
    'nodepool-tolerations',
    'Deployment',
    'app',
    onGpuPool,
    'whose nodes carry taint nvidia.com/gpu:NoSchedule that the pod does not tolerate',
  ],
  [
    'nodepool-requirements',
    'Deployment',
    'app',
    (d) => (pod(d).nodeSelector['karpenter.sh/capacity-type'] = 'spot'),
    "karpenter.sh/capacity-type=spot is outside the pool's requirement karpenter.sh/capacity-type In [on-demand]",
  ],
  [
    'nodepool-gpus',
    'Deployment',
    'app',
    (d) => {
      onGpuPool(d);
      pod(d).tolerations = [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }];
      Object.assign(c0(d).resources.requests, { 'nvidia.com/gpu': 2 });
      Object.assign(c0(d).resources.limits, { 'nvidia.com/gpu': 2 });
    },
    "a pod asks for 2 nvidia.com/gpu but the pool's largest allowed instance has 1",
  ],
  [
    'nodepool-gpus',
    'Deployment',
    'app',
    (d) => {
      Object.assign(c0(d).resources.requests, { 'nvidia.com/gpu': 1 });
      Object.assign(c0(d).resources.limits, { 'nvidia.com/gpu': 1 });
    },
    "a pod asks for 1 nvidia.com/gpu but the pool's largest allowed instance has 0",
  ],
  [
    'ingressclass-exists',
    'Ingress',
    'app',
    (i) => (i.spec.ingressClassName = 'nginx'),
    'spec.ingressClassName "nginx": no IngressClass of that name is rendered or installed by an add-on chart (alb)',
  ],
  [
    'ingress-backend-service',
    'Ingress',
    'app',
    (i) => (i.spec.rules[0].http.paths[0].backend.service.port.number = 8080),
    'Service team/app has no port 8080 (ports: http:80, metrics:9090)',
  ],
  [
    'limitrange-max',
    'LimitRange',
    'limits',
    (l) => (limitItem(l).max.cpu = '500m'),
    'maximum cpu usage per Container is 500m, but limit is 1',
  ],
  [
    'limitrange-min',
    'LimitRange',
    'limits',
    (l) => (limitItem(l).min.memory = '300Mi'),
    'minimum memory usage per Container is 300Mi, but request is 256Mi',
  ],
  [
    'limitrange-ratio',
    'LimitRange',
    'limits',
    (l) => (limitItem(l).maxLimitRequestRatio = { cpu: '2' }),
    'cpu max limit to request ratio per Container is 2',
  ],
  [
    'resourcequota-required',
    'Deployment',
    'app',
    (d) => delete c0(d).resources.limits.memory,
    'ResourceQuota quota tracks limits.memory but a container sets none',
  ],
  [
    'resourcequota-min-scale',
    'ResourceQuota',
    'quota',
    (q) => (q.spec.hard.pods = '2'),
    "spec.hard[pods] 2 is below what the namespace's workloads use at minimum replicas (3)",
  ],
  [
    'resourcequota-max-scale',
    'ResourceQuota',
    'quota',
    (q) => (q.spec.hard.pods = '5'),
    "spec.hard[pods] 5 is below what the namespace's workloads use at maximum replicas plus rollout surge (8)",
  ],
  [
    'resourcequota-object-count',
    'ResourceQuota',
    'quota',
    (q) => Object.assign(q.spec.hard, { services: '0', 'count/deployments.apps': '1' }),
    'spec.hard[services]: 0 is below the 1 such objects the namespace holds',
  ],
  [
    'secret-key-written',
    'Deployment',
    'app',
    (d) => (c0(d).env[0].valueFrom.secretKeyRef.key = 'password'),
    'reads key "password" of Secret team/app-secrets, but ExternalSecret app writes only db',
  ],
  [
    'alertmanager-secret-key',
    'AlertmanagerConfig',
    'routing',
    (a) => (a.spec.receivers[1].slackConfigs[0].apiURL.key = 'webhook'),
    'reads key "webhook" of Secret monitoring/am-secrets, but ExternalSecret am-secrets writes only slack',
  ],
  [
    'certificate-issuer',
    'Certificate',
    'app',
    (c) => (c.spec.issuerRef.name = 'public'),
    'spec.issuerRef: ClusterIssuer public is not rendered',
  ],
  [
    'certificate-duration',
    'Certificate',
    'app',
    (c) => (c.spec.renewBefore = '800h'),
    'certificate duration 720h must be greater than renewBefore 800h',
  ],
  [
    'issuer-ca-secret',
    'ClusterIssuer',
    'internal-ca',
    (i) => (i.spec.ca.secretName = 'root-key'),
    'Secret cert-manager/root-key is not produced',
  ],
  [
    'alertmanager-receiver',
    'AlertmanagerConfig',
    'routing',
    (a) => (a.spec.route.routes[0].receiver = 'pager'),
    'spec.route.routes[0].receiver: receiver "pager" not found (defined: null, slack)',
  ],
  [
    'alertmanager-time-interval',
    'AlertmanagerConfig',
    'routing',
    (a) => (a.spec.route.routes[0].activeTimeIntervals = ['weekend']),
    'time interval "weekend" not found',
  ],
  [
    'promql-syntax',
    'PrometheusRule',
    'app',
    (r) => (r.spec.groups[0].rules[0].expr = 'sum(rate(x[5m]) by'),
    'rules[0].expr (Slow): PromQL syntax error at offset 16',
  ],
  [
    'prometheusrule-fields',
    'PrometheusRule',
    'app',
    (r) => (r.spec.groups[0].rules[0].for = '5 minutes'),
    'rules[0].for: "5 minutes" is not a Prometheus duration',
  ],
  [
    'project-resource-namespace',
    'ServiceAccount',
    'app',
    (s) => (s.metadata.namespace = 'payments'),
    'namespace "payments" is not a destination of AppProject team (Application svc)',
  ],
];

describe('references check', () => {
  it('passes a consistent environment', () => {
    expect(run(objects())).toEqual([]);
  });

  it.each(cases)('fails %s (%s %s)', (rule, kind, name, change, message) => {
    const found = broken(kind, name, change).filter((f) => f.includes(` ${rule} `));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(message);
    expect(found[0]).toMatch(/^(error|warning) [a-z-]+ \w+ [^:]+: prod\/\w+\//);
  });

  it('fails an object listed twice in a kustomization', () => {
    const list = objects();
    list.push(list[0]!);
    expect(run(list).filter((f) => f.includes(' kustomize-duplicate '))).toEqual([
      'error kustomize-duplicate Deployment team/app: prod/svc/deployment-app.yaml is listed twice in prod/svc/kustomization.yaml: kustomize refuses a resource with an already registered id, so Argo CD cannot render the app',
    ]);
  });

  it('reads the keys an ExternalSecret template writes', () => {
    const withTemplate = (template: Obj, key: string): string[] => {
      const list = objects();
      const es = list.find((x) => x.object.kind === 'ExternalSecret' && x.object.metadata.name === 'app')!.object;
      es.spec.target.template = template;
      deploymentIn(list).spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.key = key;
      return run(list).filter((f) => f.includes(' secret-key-written '));
    };
    expect(withTemplate({ data: { url: 'postgres://{{ .db }}' } }, 'url')).toEqual([]);
    expect(withTemplate({ data: { url: 'postgres://{{ .db }}' } }, 'db')).toHaveLength(1);
    expect(withTemplate({ mergePolicy: 'Merge', data: { url: 'x' } }, 'db')).toEqual([]);
    expect(withTemplate({ metadata: { labels: { a: 'b' } } }, 'db')).toEqual([]);
    expect(withTemplate({ templateFrom: [{ configMap: { name: 'tpl', items: [{ key: 'k' }] } }] }, 'anything')).toEqual([]);
  });

  it('has a failing fixture for every rule', () => {
    expect(new Set([...cases.map(([rule]) => rule), 'kustomize-duplicate'])).toEqual(new Set(referencesCheck.rules));
  });

  it('only warns about storage classes when dist/ renders none', () => {
    const list = objects().filter((x) => x.object.kind !== 'StorageClass');
    expect(run(list).map((f) => f.split(':')[0])).toEqual(['warning storageclass-exists Application argocd/kube-prometheus-stack']);
  });

  it('parses Go durations and PromQL like upstream', () => {
    expect([parseGoDuration('2160h'), parseGoDuration('1h30m'), parseGoDuration('90'), parseGoDuration('0')]).toEqual([
      7776000,
      5400,
      undefined,
      0,
    ]);
    expect([promqlError('up == 1'), promqlError('rate(x[5x])'), promqlError('nofunc(x)')]).toEqual([undefined, 8, 6]);
  });
});
