/** The integrity check: one passing service and one failing fixture per rule. */
import { describe, expect, it } from 'vitest';
import { integrityCheck } from '../../scripts/verify/checks/integrity.ts';
import type { KubeObject } from '../../scripts/verify/model.ts';
import { clone, companions, CRDS_DIR, deployment, inApp, model, scaledObject } from './fixtures.ts';

const store: KubeObject = { apiVersion: 'external-secrets.io/v1', kind: 'ClusterSecretStore', metadata: { name: 'aws' }, spec: {} };
const externalSecret: KubeObject = {
  apiVersion: 'external-secrets.io/v1',
  kind: 'ExternalSecret',
  metadata: { name: 'app', namespace: 'team' },
  spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'aws' }, target: { name: 'app-secrets' } },
};
const serviceMonitor: KubeObject = {
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'ServiceMonitor',
  metadata: { name: 'app', namespace: 'team' },
  spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'app' } }, endpoints: [{ port: 'metrics' }] },
};
const netpol = (peer: unknown): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'app', namespace: 'team' },
  spec: { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'app' } }, egress: [{ to: [peer] }] },
});
const dnsPeer = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
};
const selfPeer = { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'app' } } };

function withSecret(): KubeObject {
  const d = clone(deployment());
  d.spec.template.spec.containers[0].env = [{ name: 'DB', valueFrom: { secretKeyRef: { name: 'app-secrets', key: 'db' } } }];
  return d;
}

async function messages(objects: KubeObject[]): Promise<string[]> {
  return (await integrityCheck.run(model(inApp('svc', objects)), { crdsDir: CRDS_DIR })).map((f) => `${f.kind} ${f.name}: ${f.message}`);
}

const base = (): KubeObject[] => [
  withSecret(),
  ...companions(),
  store,
  externalSecret,
  serviceMonitor,
  netpol(dnsPeer),
  { ...netpol(selfPeer), metadata: { name: 'self', namespace: 'team' } },
];
const replace = (kind: string, obj: KubeObject): KubeObject[] =>
  base().map((o) => (o.kind === kind && o.metadata.name === obj.metadata.name ? obj : o));

describe('integrity check', () => {
  it('passes a consistent service', async () => {
    expect(await messages(base())).toEqual([]);
  });

  it('fails a Service selecting no pods', async () => {
    const svc = clone(companions()[1]!) as any;
    svc.spec.selector = { 'app.kubernetes.io/name': 'other' };
    expect(await messages(replace('Service', svc))).toEqual([
      'Service team/app: selector {"app.kubernetes.io/name":"other"} matches no workload\'s pod labels in namespace team',
    ]);
  });

  it('fails a Service targetPort no container exposes', async () => {
    const svc = clone(companions()[1]!) as any;
    svc.spec.ports[0].targetPort = 'grpc';
    expect(await messages(replace('Service', svc))).toEqual([
      'Service team/app: port http: targetPort grpc is not a container port of app',
    ]);
  });

  it('fails a ServiceMonitor endpoint port the Service lacks', async () => {
    const sm = clone(serviceMonitor) as any;
    sm.spec.endpoints[0].port = 'prom';
    expect(await messages(replace('ServiceMonitor', sm))).toEqual([
      'ServiceMonitor team/app: endpoint port "prom" is not a port name of app',
    ]);
  });

  it('fails a ServiceMonitor selecting no Service', async () => {
    const sm = clone(serviceMonitor) as any;
    sm.spec.namespaceSelector = { matchNames: ['elsewhere'] };
    expect(await messages(replace('ServiceMonitor', sm))).toEqual(['ServiceMonitor team/app: selects no Service in dist/']);
  });

  it('fails an HPA whose target does not exist', async () => {
    const hpa = clone(companions()[3]!) as any;
    hpa.spec.scaleTargetRef.name = 'ghost';
    // THEN also the PDB: without the HPA the Deployment runs spec.replicas (1)
    expect(await messages(replace('HorizontalPodAutoscaler', hpa))).toEqual([
      'HorizontalPodAutoscaler team/app: scaleTargetRef Deployment/ghost does not exist in namespace team',
      'PodDisruptionBudget team/app: requires 1 available pods but Deployment app runs 1 (spec.replicas): no node could ever be drained',
    ]);
  });

  it('fails a PDB selecting nothing', async () => {
    const pdb = clone(companions()[2]!) as any;
    pdb.spec.selector.matchLabels = { x: 'y' };
    expect(await messages(replace('PodDisruptionBudget', pdb))).toEqual([
      'PodDisruptionBudget team/app: selector matches no workload in namespace team',
    ]);
  });

  it('fails a PDB minAvailable not below HPA minReplicas', async () => {
    const objects = [
      withSecret(),
      ...companions({ minAvailable: 3, minReplicas: 3 }),
      store,
      externalSecret,
      serviceMonitor,
      netpol(dnsPeer),
    ];
    expect(await messages(objects)).toEqual([
      'PodDisruptionBudget team/app: requires 3 available pods but Deployment app runs 3 (HPA app minReplicas): no node could ever be drained',
    ]);
  });

  it('fails a Secret reference that nothing provides', async () => {
    const es = clone(externalSecret) as any;
    es.spec.target.name = 'other';
    expect(await messages(replace('ExternalSecret', es))).toEqual([
      'Deployment team/app: container app env DB references Secret team/app-secrets, which is neither in dist/ nor an ExternalSecret or Certificate target',
    ]);
  });

  it('accepts a Secret that a cert-manager Certificate issues', async () => {
    // GIVEN no ExternalSecret for the Secret, but a Certificate whose secretName is that Secret
    const es = clone(externalSecret) as any;
    es.spec.target.name = 'other';
    const certificate = {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: 'app', namespace: 'team' },
      spec: { secretName: 'app-secrets', issuerRef: { kind: 'ClusterIssuer', name: 'ca' }, dnsNames: ['app.team.svc'] },
    };
    // WHEN checked THEN the reference resolves
    expect(await messages([...replace('ExternalSecret', es), certificate as any])).toEqual([]);
  });

  it('fails a missing ServiceAccount', async () => {
    expect(await messages(base().filter((o) => o.kind !== 'ServiceAccount'))).toEqual([
      'Deployment team/app: serviceAccountName references ServiceAccount team/app, which is neither in dist/ nor an ExternalSecret or Certificate target',
    ]);
  });

  it('fails an ExternalSecret whose store is not rendered', async () => {
    expect(await messages(base().filter((o) => o.kind !== 'ClusterSecretStore'))).toEqual([
      "ExternalSecret team/app: ClusterSecretStore aws is not rendered in this environment's dist/",
    ]);
  });

  it('fails a NetworkPolicy peer selecting nothing', async () => {
    const peer = {
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'payments' } },
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ledger' } },
    };
    expect(await messages(replace('NetworkPolicy', netpol(peer)))).toEqual([
      `NetworkPolicy team/app: egress to peer ${JSON.stringify(peer)} selects no workload in dist/ and is not a known system peer`,
    ]);
  });

  describe('KEDA ScaledObjects', () => {
    const withRole = (): KubeObject[] =>
      base()
        .filter((o) => o.kind !== 'HorizontalPodAutoscaler')
        .map((o) =>
          o.kind === 'ServiceAccount'
            ? { ...o, metadata: { ...o.metadata, annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/app' } } }
            : o,
        );

    it('passes a ScaledObject in place of the HPA, authenticated as the workload', async () => {
      expect(await messages([...withRole(), ...scaledObject()])).toEqual([]);
    });

    it('fails a PDB minAvailable not below the ScaledObject minReplicaCount', async () => {
      const objects = [...withRole().filter((o) => o.kind !== 'PodDisruptionBudget'), companions({ minAvailable: 2 })[2]!];
      expect(await messages([...objects, ...scaledObject({ minReplicaCount: 2 })])).toEqual([
        'PodDisruptionBudget team/app: requires 2 available pods but Deployment app runs 2 (ScaledObject app minReplicaCount): no node could ever be drained',
      ]);
    });

    it('fails a ScaledObject whose target does not exist', async () => {
      const [auth, so] = scaledObject() as [KubeObject, any];
      so.spec.scaleTargetRef.name = 'ghost';
      expect(await messages([...withRole(), auth, so])).toContain(
        'ScaledObject team/app: scaleTargetRef Deployment/ghost does not exist in namespace team',
      );
    });

    it('fails an HPA and a ScaledObject scaling the same Deployment', async () => {
      const hpa = companions()[3]!;
      expect(await messages([...withRole(), hpa, ...scaledObject()])).toEqual([
        'HorizontalPodAutoscaler team/app: Deployment/app is also scaled by ScaledObject app: two autoscalers would fight over its replicas',
        'ScaledObject team/app: Deployment/app is also scaled by HorizontalPodAutoscaler app: two autoscalers would fight over its replicas',
      ]);
    });

    it('fails a trigger whose TriggerAuthentication is not rendered', async () => {
      expect(await messages([...withRole(), scaledObject()[1]!])).toEqual([
        "ScaledObject team/app: trigger aws-sqs-queue: TriggerAuthentication app-aws is not rendered in this environment's dist/",
      ]);
    });

    it('fails workload identity when the ServiceAccount has no IRSA role', async () => {
      const objects = base().filter((o) => o.kind !== 'HorizontalPodAutoscaler');
      expect(await messages([...objects, ...scaledObject()])).toEqual([
        'ScaledObject team/app: trigger aws-sqs-queue authenticates as the workload, but ServiceAccount team/app has no eks.amazonaws.com/role-arn annotation',
      ]);
    });
  });
});
