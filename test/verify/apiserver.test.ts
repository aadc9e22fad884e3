/** The API-server check: the compliant fixtures pass; one failing fixture per rule. */
import { describe, expect, it } from 'vitest';
import { apiserverCheck } from '../../scripts/verify/checks/apiserver.ts';
import type { Finding, KubeObject } from '../../scripts/verify/model.ts';
import { clone, companions, CRDS_DIR, deployment, inApp, model } from './fixtures.ts';

type Obj = Record<string, any>;

const namespace: Obj = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } };
const netpol: Obj = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'app', namespace: 'team' },
  spec: {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 443 }] }],
  },
};
const ingress: Obj = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'app', namespace: 'team' },
  spec: {
    ingressClassName: 'alb',
    rules: [
      {
        host: 'api.example.com',
        http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'app', port: { number: 80 } } } }] },
      },
    ],
  },
};
const quota: Obj = {
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name: 'q', namespace: 'team' },
  spec: { hard: { 'requests.cpu': '4', pods: 10 } },
};
const limitRange: Obj = {
  apiVersion: 'v1',
  kind: 'LimitRange',
  metadata: { name: 'l', namespace: 'team' },
  spec: { limits: [{ type: 'Container', max: { cpu: '2' }, default: { cpu: '1' }, defaultRequest: { cpu: '250m' } }] },
};
const configMap: Obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'team' }, data: { 'app.yaml': 'a: 1' } };
const priorityClass: Obj = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 };

const all = (): Obj[] =>
  [namespace, deployment(), ...companions(), netpol, ingress, quota, limitRange, configMap, priorityClass].map((o) => clone(o) as Obj);

function errors(objects: Obj[]): string[] {
  const findings = apiserverCheck.run(model(inApp('svc', objects as KubeObject[])), { crdsDir: CRDS_DIR }) as Finding[];
  return findings.map((f) => `${f.rule} ${f.kind} ${f.name}: ${f.message}`);
}

/** GIVEN the compliant objects with one change WHEN checked THEN the findings. */
function broken(kind: string, change: (o: Obj) => void): string[] {
  const objects = all();
  const target = objects.find((o) => o.kind === kind);
  if (!target) throw new Error(`no ${kind}`);
  change(target);
  return errors(objects);
}

const c0 = (d: Obj): any => d.spec.template.spec.containers[0];

const cases: [rule: string, kind: string, change: (o: Obj) => void, message: string][] = [
  ['meta-name', 'Deployment', (d) => (d.metadata.name = 'App'), 'metadata.name: "App" must consist of lower case'],
  [
    'meta-labels',
    'Deployment',
    (d) => (d.metadata.labels.team = 'x'.repeat(64)),
    'metadata.labels[team]: value: must be no more than 63 characters (has 64)',
  ],
  [
    'meta-annotations',
    'Deployment',
    (d) => (d.metadata.annotations = { 'bad key!': 'x' }),
    'metadata.annotations[bad key!]: key: name part',
  ],
  [
    'pod-containers',
    'Deployment',
    (d) => d.spec.template.spec.containers.push(clone(c0(d))),
    'spec.template.spec.containers[1].name: Duplicate value: "app"',
  ],
  [
    'pod-volumes',
    'Deployment',
    (d) => (d.spec.template.spec.volumes = [{ name: 'v', emptyDir: {}, secret: { secretName: 's' } }]),
    'may not specify more than 1 volume type (has emptyDir, secret)',
  ],
  [
    'pod-security-context',
    'Deployment',
    (d) => (d.spec.template.spec.securityContext.runAsUser = -1),
    'spec.template.spec.securityContext.runAsUser: -1 must be between 0 and 2147483647',
  ],
  [
    'pod-tolerations',
    'Deployment',
    (d) => (d.spec.template.spec.tolerations = [{ key: 'gpu', operator: 'Exists', value: 'yes' }]),
    "value must be empty when `operator` is 'Exists'",
  ],
  [
    'pod-topology-spread',
    'Deployment',
    (d) => (d.spec.template.spec.topologySpreadConstraints[0].maxSkew = 0),
    'maxSkew: 0 must be greater than zero',
  ],
  [
    'pod-fields',
    'Deployment',
    (d) => (d.spec.template.spec.restartPolicy = 'Never'),
    'spec.template.spec.restartPolicy: Unsupported value: "Never"',
  ],
  [
    'container-ports',
    'Deployment',
    (d) => (c0(d).ports[1].name = 'metrics-endpoint-x'),
    'ports[1].name: must be no more than 15 characters (has 18)',
  ],
  ['container-ports', 'Deployment', (d) => (c0(d).ports[1].name = 'http'), 'ports[1].name: Duplicate value: "http"'],
  [
    'container-ports',
    'Deployment',
    (d) => {
      const sidecar = { ...clone(c0(d)), name: 'sidecar', ports: [{ name: 'admin', containerPort: 9000, hostPort: 9000 }] };
      c0(d).ports[0].hostPort = 9000;
      d.spec.template.spec.containers.push(sidecar);
    },
    'containers[1].ports[0].hostPort: Duplicate value: ":9000/TCP"',
  ],
  [
    'container-env',
    'Deployment',
    (d) => (c0(d).env = [{ name: 'A=B', value: '1' }]),
    'env[0].name: "A=B" must consist only of printable ASCII characters other than',
  ],
  [
    'container-probe',
    'Deployment',
    (d) => (c0(d).readinessProbe.tcpSocket = { port: 8080 }),
    'readinessProbe: may not specify more than 1 handler type (has httpGet, tcpSocket)',
  ],
  ['container-lifecycle', 'Deployment', (d) => (c0(d).lifecycle = { preStop: {} }), 'lifecycle.preStop: must specify a handler type'],
  [
    'container-volume-mount',
    'Deployment',
    (d) => (c0(d).volumeMounts = [{ name: 'missing', mountPath: '/x' }]),
    'volumeMounts[0].name: Not found: "missing"',
  ],
  [
    'container-resources',
    'Deployment',
    (d) => (c0(d).resources.requests.cpu = '2'),
    'resources.requests[cpu]: must be less than or equal to cpu limit of 1',
  ],
  [
    'container-resources',
    'Deployment',
    (d) => (c0(d).resources.requests['nvidia.com/gpu'] = 1),
    'Required value: limit must be set for non overcommitable resource nvidia.com/gpu',
  ],
  [
    'container-security-context',
    'Deployment',
    (d) => (c0(d).securityContext.privileged = true),
    'cannot set `allowPrivilegeEscalation` to false and `privileged` to true',
  ],
  [
    'workload-selector',
    'Deployment',
    (d) => (d.spec.selector.matchLabels['app.kubernetes.io/name'] = 'other'),
    'spec.template.metadata.labels: `selector` does not match template `labels`',
  ],
  [
    'deployment-strategy',
    'Deployment',
    (d) => (d.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }),
    'maxUnavailable: may not be 0 when `maxSurge` is 0',
  ],
  [
    'workload-fields',
    'Deployment',
    (d) => Object.assign(d.spec, { minReadySeconds: 700, progressDeadlineSeconds: 600 }),
    'spec.progressDeadlineSeconds: must be greater than minReadySeconds',
  ],
  [
    'hpa-replicas',
    'HorizontalPodAutoscaler',
    (h) => (h.spec.minReplicas = 7),
    'spec.minReplicas: 7 must be less than or equal to maxReplicas (6)',
  ],
  ['hpa-target', 'HorizontalPodAutoscaler', (h) => delete h.spec.scaleTargetRef.name, 'spec.scaleTargetRef.name: Required value'],
  [
    'hpa-metrics',
    'HorizontalPodAutoscaler',
    (h) => (h.spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } }]),
    'must set averageUtilization when target type is Utilization',
  ],
  [
    'hpa-behavior',
    'HorizontalPodAutoscaler',
    (h) => (h.spec.behavior = { scaleDown: { stabilizationWindowSeconds: 4000 } }),
    'stabilizationWindowSeconds: must be between 0 and 3600',
  ],
  ['pdb-spec', 'PodDisruptionBudget', (b) => (b.spec.maxUnavailable = 1), 'spec: minAvailable and maxUnavailable cannot be both set'],
  [
    'networkpolicy-peers',
    'NetworkPolicy',
    (n) => (n.spec.egress[0].to[0].ipBlock.cidr = '10.0.0.0/33'),
    'ipBlock.cidr: "10.0.0.0/33": prefix length must be 0..32',
  ],
  [
    'networkpolicy-peers',
    'NetworkPolicy',
    (n) => (n.spec.egress[0].to[0].ipBlock.except = ['192.168.0.0/16']),
    'must be a strict subset of `cidr` 10.0.0.0/8',
  ],
  [
    'networkpolicy-ports',
    'NetworkPolicy',
    (n) => (n.spec.egress[0].ports[0].endPort = 80),
    'endPort: must be greater than or equal to `port`',
  ],
  ['networkpolicy-types', 'NetworkPolicy', (n) => (n.spec.policyTypes = ['Outbound']), 'spec.policyTypes: Unsupported value: "Outbound"'],
  ['ingress-rules', 'Ingress', (i) => (i.spec.rules[0].http.paths[0].path = 'api'), 'http.paths[0].path: must be an absolute path'],
  [
    'ingress-backend',
    'Ingress',
    (i) => (i.spec.rules[0].http.paths[0].backend.service.port = { name: 'http', number: 80 }),
    'must specify exactly one of name or number',
  ],
  ['service-ports', 'Service', (s) => (s.spec.ports[1].name = 'http'), 'spec.ports[1].name: Duplicate value: "http"'],
  ['service-fields', 'Service', (s) => (s.spec.type = 'Internal'), 'spec.type: Unsupported value: "Internal"'],
  [
    'resourcequota-hard',
    'ResourceQuota',
    (q) => (q.spec.hard['requests.cpu'] = 'four'),
    'spec.hard[requests.cpu]: "four" is not a quantity',
  ],
  [
    'limitrange-limits',
    'LimitRange',
    (l) => (l.spec.limits[0].max.cpu = '500m'),
    'spec.limits[0].default[cpu]: default value must be less than or equal to max value',
  ],
  ['configmap-data', 'ConfigMap', (c) => (c.data['bad/key'] = 'x'), 'data[bad/key]: "bad/key" must consist of alphanumeric characters'],
  [
    'priorityclass-value',
    'PriorityClass',
    (c) => (c.value = 2_000_000_000),
    'value: maximum allowed value of a user defined priority is 1000000000',
  ],
  [
    'meta-name',
    'Namespace',
    (n) => (n.metadata.name = 'team.a'),
    'metadata.name: "team.a" must consist of lower case alphanumeric characters or \'-\'',
  ],
];

describe('apiserver check', () => {
  it('passes the compliant objects', () => {
    expect(errors(all())).toEqual([]);
  });

  it.each(cases)('fails %s on a %s (%s)', (rule, kind, change, message) => {
    const found = broken(kind, change);
    expect(found.filter((f) => f.startsWith(`${rule} ${kind} `) && f.includes(message))).toHaveLength(1);
    expect(found.every((f) => f.includes('prod/svc/'))).toBe(true);
  });

  it('fails probes on a non-restartable init container', () => {
    const found = broken(
      'Deployment',
      (d) => (d.spec.template.spec.initContainers = [{ name: 'init', image: 'x', readinessProbe: { exec: { command: ['true'] } } }]),
    );
    expect(found).toEqual([
      'container-probe Deployment team/app: prod/svc/1.yaml: spec.template.spec.initContainers[0].readinessProbe: may not be set for init containers without restartPolicy=Always',
    ]);
  });

  it('lets StatefulSet mounts name volumeClaimTemplates and a volume default to emptyDir', () => {
    const sts = clone(deployment()) as Obj;
    sts.kind = 'StatefulSet';
    delete sts.spec.strategy;
    sts.spec.volumeClaimTemplates = [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }];
    sts.spec.template.spec.volumes = [{ name: 'scratch' }];
    sts.spec.template.spec.containers[0].volumeMounts = [
      { name: 'data', mountPath: '/data' },
      { name: 'scratch', mountPath: '/scratch' },
    ];
    expect(errors([sts])).toEqual([]);
    sts.spec.template.spec.containers[0].volumeMounts[0].name = 'logs';
    expect(errors([sts])).toEqual([
      'container-volume-mount StatefulSet team/app: prod/svc/0.yaml: spec.template.spec.containers[0].volumeMounts[0].name: Not found: "logs"',
    ]);
  });

  it('has a failing fixture for every rule', () => {
    expect(new Set(cases.map(([rule]) => rule))).toEqual(new Set(apiserverCheck.rules));
  });
});
