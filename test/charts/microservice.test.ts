import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { Microservice, type MicroserviceProps } from '../../charts/microservice.ts';

const BASE: MicroserviceProps = {
  name: 'payments-service',
  namespace: 'payments',
  team: 'payments',
  environment: 'prod',
  workloadClass: 'api',
  registry: '123456789012.dkr.ecr.us-east-1.amazonaws.com',
  imageName: '123456789012.dkr.ecr.us-east-1.amazonaws.com/payments-service',
  initialTag: 'main-1',
  allowTags: '^main-[0-9]+$',
  ignoreTags: [],
  catalogFile: 'apps/services/payments-service.yaml',
  port: 8080,
  metricsPort: 9090,
  metricsPath: '/metrics',
  probes: { readiness: '/readyz', liveness: '/livez', startup: '/livez' },
  replicas: 3,
  autoscaling: { maxReplicas: 10, cpuUtilization: 65 },
  disruption: { minAvailable: 2 },
  resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
  scheduling: { nodePool: 'general', capacityType: 'on-demand', taints: [] },
  zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
  env: { LOG_LEVEL: 'info' },
  secrets: [{ env: 'DB_HOST', key: 'fintrack/prod/rds', property: 'host' }],
  roleArn: 'arn:aws:iam::123456789012:role/fintrack-prod-payments-service',
  callers: [{ name: 'api-gateway', namespace: 'edge' }],
  callees: [{ name: 'auth-service', namespace: 'identity', port: 8080 }],
  cidrEgress: [{ target: 'postgres', cidrs: ['10.0.21.0/24'], ports: [5432] }],
};

type Obj = { kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string> }; spec?: any };

function render(overrides: Partial<MicroserviceProps> = {}): Map<string, Obj> {
  const chart = Testing.chart();
  new Microservice(chart, 'Service', { ...BASE, ...overrides });
  return new Map((Testing.synth(chart) as Obj[]).map((o) => [o.kind, o]));
}

describe('Microservice', () => {
  it('renders every object of a service under its own name and namespace', () => {
    // GIVEN an autoscaled API service with secrets WHEN rendered
    const objects = render();
    // THEN each kind appears once, named after the service
    expect([...objects.keys()].sort()).toEqual([
      'Deployment',
      'ExternalSecret',
      'HorizontalPodAutoscaler',
      'NetworkPolicy',
      'PodDisruptionBudget',
      'Service',
      'ServiceAccount',
      'ServiceMonitor',
    ]);
    for (const o of objects.values()) {
      expect(o.metadata.name).toBe('payments-service');
      expect(o.metadata.namespace).toBe('payments');
    }
  });

  it('leaves spec.replicas to the HPA when autoscaling is on', () => {
    const objects = render();
    expect(objects.get('Deployment')?.spec.replicas).toBeUndefined();
    const hpa = objects.get('HorizontalPodAutoscaler')?.spec;
    expect(hpa.minReplicas).toBe(3);
    expect(hpa.maxReplicas).toBe(10);
    expect(hpa.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 65 } } }]);
  });

  it('scales on queue depth and CPU with a KEDA ScaledObject authenticated as the workload', () => {
    // GIVEN a service that scales on an SQS queue
    const queue = { url: 'https://sqs.us-east-1.amazonaws.com/123456789012/q', region: 'us-east-1', messagesPerReplica: 100 };
    // WHEN rendered
    const chart = Testing.chart();
    new Microservice(chart, 'Service', { ...BASE, autoscaling: { maxReplicas: 10, cpuUtilization: 65, queue } });
    const all = Testing.synth(chart) as Obj[];
    const so = all.find((o) => o.kind === 'ScaledObject');
    const auth = all.find((o) => o.kind === 'TriggerAuthentication');
    // THEN KEDA owns the HPA: no HPA is rendered and the Deployment leaves replicas unset
    expect(all.some((o) => o.kind === 'HorizontalPodAutoscaler')).toBe(false);
    expect(all.find((o) => o.kind === 'Deployment')?.spec.replicas).toBeUndefined();
    expect(so?.spec).toMatchObject({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'payments-service' },
      minReplicaCount: 3,
      maxReplicaCount: 10,
      triggers: [
        {
          type: 'aws-sqs-queue',
          authenticationRef: { kind: 'TriggerAuthentication', name: 'payments-service-aws' },
          metadata: { queueURL: queue.url, queueLength: '100', awsRegion: 'us-east-1' },
        },
        { type: 'cpu', metricType: 'Utilization', metadata: { value: '65' } },
      ],
    });
    expect(auth?.metadata).toMatchObject({ name: 'payments-service-aws', namespace: 'payments' });
    expect(auth?.spec).toEqual({ podIdentity: { provider: 'aws', identityOwner: 'workload' } });
  });

  it('sets spec.replicas and renders no HPA without autoscaling', () => {
    const objects = render({ autoscaling: undefined, replicas: 1, disruption: { maxUnavailable: 1 } });
    expect(objects.get('Deployment')?.spec.replicas).toBe(1);
    expect(objects.has('HorizontalPodAutoscaler')).toBe(false);
    expect(objects.get('PodDisruptionBudget')?.spec).toMatchObject({ maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
  });

  it('runs the container under the restricted Pod Security profile', () => {
    const pod = render().get('Deployment')?.spec.template.spec;
    expect(pod.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      fsGroup: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.containers[0].securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } }]);
  });

  it('spreads pods across zones strictly and across hosts softly', () => {
    const spread = render().get('Deployment')?.spec.template.spec.topologySpreadConstraints;
    expect(spread.map((c: any) => [c.topologyKey, c.whenUnsatisfiable, c.maxSkew])).toEqual([
      ['topology.kubernetes.io/zone', 'DoNotSchedule', 1],
      ['kubernetes.io/hostname', 'ScheduleAnyway', 1],
    ]);
  });

  it('probes, requests and limits are explicit', () => {
    const c = render().get('Deployment')?.spec.template.spec.containers[0];
    // No tag: the kustomization images: entry is the one place it lives.
    expect(c.image).toBe('123456789012.dkr.ecr.us-east-1.amazonaws.com/payments-service');
    expect(c.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http', scheme: 'HTTP' });
    expect(c.livenessProbe.httpGet.path).toBe('/livez');
    expect(c.startupProbe.failureThreshold).toBe(30);
    expect(c.resources).toEqual({ requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } });
  });

  it('probes the metrics port when a worker has no HTTP port', () => {
    const c = render({ port: undefined, callers: [], workloadClass: 'worker' }).get('Deployment')?.spec.template.spec.containers[0];
    expect(c.ports).toEqual([{ name: 'metrics', containerPort: 9090, protocol: 'TCP' }]);
    expect(c.readinessProbe.httpGet.port).toBe('metrics');
  });

  it("selects its NodePool and capacity type, tolerates the pool's taints and limits GPUs", () => {
    const scheduling = { nodePool: 'gpu-spot', capacityType: 'spot', taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }] } as const;
    const pod = render({ scheduling, gpus: 1 }).get('Deployment')?.spec.template.spec;
    expect(pod.nodeSelector).toEqual({ 'karpenter.sh/nodepool': 'gpu-spot', 'karpenter.sh/capacity-type': 'spot' });
    expect(pod.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(pod.containers[0].resources.limits['nvidia.com/gpu']).toBe(1);
  });

  it('annotates the ServiceAccount with its IAM role', () => {
    const sa = render().get('ServiceAccount');
    expect(sa?.metadata.annotations).toEqual({
      'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/fintrack-prod-payments-service',
    });
  });

  it('syncs secrets from the ClusterSecretStore and reads them by key', () => {
    const objects = render();
    expect(objects.get('ExternalSecret')?.spec).toMatchObject({
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'aws-secrets-manager' },
      target: { name: 'payments-service', creationPolicy: 'Owner' },
      data: [{ secretKey: 'DB_HOST', remoteRef: { key: 'fintrack/prod/rds', property: 'host' } }],
    });
    const env = objects.get('Deployment')?.spec.template.spec.containers[0].env;
    expect(env).toContainEqual({
      name: 'DB_HOST',
      valueFrom: { secretKeyRef: { name: 'payments-service', key: 'DB_HOST', optional: false } },
    });
  });

  it('renders no ExternalSecret without secrets', () => {
    expect(render({ secrets: [] }).has('ExternalSecret')).toBe(false);
  });

  it('allows ingress only from callers and Prometheus, egress only to DNS, callees and declared ranges', () => {
    const np = render().get('NetworkPolicy')?.spec;
    expect(np.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(np.ingress).toHaveLength(2);
    expect(np.ingress[0].from).toEqual([
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'edge' } },
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api-gateway' } },
      },
    ]);
    expect(np.ingress[1].ports).toEqual([{ protocol: 'TCP', port: 9090 }]);
    expect(np.egress.map((r: any) => r.ports.map((p: any) => `${p.protocol}/${p.port}`).join(','))).toEqual([
      'UDP/53,TCP/53',
      'TCP/8080',
      'TCP/5432',
    ]);
    expect(np.egress[2].to).toEqual([{ ipBlock: { cidr: '10.0.21.0/24' } }]);
  });

  it('scrapes the metrics port by name', () => {
    expect(render().get('ServiceMonitor')?.spec.endpoints).toEqual([
      { port: 'metrics', path: '/metrics', interval: '30s', scheme: 'http' },
    ]);
  });

  it('fails when maxReplicas is below replicas', () => {
    expect(() => render({ replicas: 5, disruption: { minAvailable: 2 }, autoscaling: { maxReplicas: 3, cpuUtilization: 60 } })).toThrow(
      "'autoscaling.maxReplicas' (3) must be >= 'replicas' (5) for payments-service in prod",
    );
  });

  it('fails when the PDB would block every drain', () => {
    expect(() => render({ disruption: { minAvailable: 3 } })).toThrow(
      "'disruption.minAvailable' (3) must be < 'replicas' (3) for payments-service in prod, or no node could ever be drained",
    );
  });

  it('fails without zones to spread across', () => {
    expect(() => render({ zones: [] })).toThrow("'zones' must not be empty for payments-service in prod");
  });

  it('fails when a callee has no port', () => {
    expect(() => render({ callees: [{ name: 'transaction-worker', namespace: 'payments' }] })).toThrow(
      "callee 'transaction-worker' has no port for payments-service in prod",
    );
  });
});
