/**
 * Small object lists for verify tests: a compliant service (Deployment, Service, PDB, HPA, …)
 * to break one field at a time, and the policies as rendered in the repo's dist/prod/policies.
 */
import { loadDist } from '../../scripts/verify/load-dist.ts';
import type { DistApp, DistModel, DistObject, KubeObject } from '../../scripts/verify/model.ts';

/** Registry of the prod policies' allowed-registry parameter. */
export const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
/** CRDs folder (CI has ../shared beside the clone). */
export const CRDS_DIR = process.env.CRDS_DIR ?? '../shared/crds';

/** Wraps objects as one app folder's contents. */
export function inApp(app: string, objects: readonly KubeObject[], env = 'prod'): DistObject[] {
  return objects.map((object, i) => ({ env, app, file: `${env}/${app}/${i}.yaml`, object }));
}

/** A model from object lists (app folders are derived from them). */
export function model(...lists: readonly DistObject[][]): DistModel {
  const objects = lists.flat();
  const apps: DistApp[] = [...new Set(objects.map((o) => `${o.env}/${o.app}`))].map((k) => {
    const [env = '', app = ''] = k.split('/');
    return { env, app, dir: `/dist/${k}` };
  });
  return { objects, apps };
}

let policies: DistObject[] | undefined;
/** The rendered prod policies (templates, constraints, expansion templates) from the repo's dist/. */
export function prodPolicies(): DistObject[] {
  policies ??= loadDist('dist', 'prod').objects.filter((o) => o.app === 'policies');
  return policies;
}

/** A deep copy to mutate. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** A container that every policy admits. */
export function goodContainer(name = 'app'): Record<string, unknown> {
  return {
    name,
    image: `${REGISTRY}/app:v1`,
    ports: [
      { name: 'http', containerPort: 8080 },
      { name: 'metrics', containerPort: 9090 },
    ],
    readinessProbe: { httpGet: { path: '/readyz', port: 'http' } },
    livenessProbe: { httpGet: { path: '/livez', port: 'http' } },
    resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
    securityContext: {
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: 10001,
      capabilities: { drop: ['ALL'] },
    },
  };
}

/** A compliant Deployment `app` in namespace `team`. */
export function deployment(extra: { replicas?: number; nodePool?: string } = {}): KubeObject & { spec: any } {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'app', namespace: 'team', labels: { 'app.kubernetes.io/name': 'app' } },
    spec: {
      ...(extra.replicas !== undefined ? { replicas: extra.replicas } : {}),
      selector: { matchLabels: { 'app.kubernetes.io/name': 'app' } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': 'app' } },
        spec: {
          serviceAccountName: 'app',
          securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
          ...(extra.nodePool ? { nodeSelector: { 'karpenter.sh/nodepool': extra.nodePool } } : {}),
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'topology.kubernetes.io/zone',
              whenUnsatisfiable: 'DoNotSchedule',
              labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'app' } },
            },
          ],
          containers: [goodContainer()],
        },
      },
    },
  };
}

/** The objects around {@link deployment}: ServiceAccount, Service, PDB, HPA. */
export function companions(options: { minAvailable?: number | string; minReplicas?: number; maxReplicas?: number } = {}): KubeObject[] {
  const meta = { name: 'app', namespace: 'team', labels: { 'app.kubernetes.io/name': 'app' } };
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta,
      spec: {
        selector: { 'app.kubernetes.io/name': 'app' },
        ports: [
          { name: 'http', port: 80, targetPort: 'http' },
          { name: 'metrics', port: 9090, targetPort: 9090 },
        ],
      },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: meta,
      spec: { minAvailable: options.minAvailable ?? 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'app' } } },
    },
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta,
      spec: {
        minReplicas: options.minReplicas ?? 3,
        maxReplicas: options.maxReplicas ?? 6,
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'app' },
      },
    },
  ];
}

/** A KEDA ScaledObject for {@link deployment} (SQS + CPU) and its TriggerAuthentication. */
export function scaledObject(options: { minReplicaCount?: number; maxReplicaCount?: number } = {}): KubeObject[] {
  const meta = { name: 'app', namespace: 'team', labels: { 'app.kubernetes.io/name': 'app' } };
  return [
    {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'TriggerAuthentication',
      metadata: { ...meta, name: 'app-aws' },
      spec: { podIdentity: { provider: 'aws', identityOwner: 'workload' } },
    },
    {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: meta,
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'app' },
        minReplicaCount: options.minReplicaCount ?? 3,
        maxReplicaCount: options.maxReplicaCount ?? 6,
        triggers: [
          {
            type: 'aws-sqs-queue',
            authenticationRef: { kind: 'TriggerAuthentication', name: 'app-aws' },
            metadata: { queueURL: 'https://sqs.us-east-1.amazonaws.com/123456789012/q', queueLength: '100', awsRegion: 'us-east-1' },
          },
          { type: 'cpu', metricType: 'Utilization', metadata: { value: '65' } },
        ],
      },
    },
  ];
}
