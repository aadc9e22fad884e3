/** The platform marker: which checks apply to a k3s environment, what k3s provides, and the platform check. */
import { describe, expect, it } from 'vitest';
import { platformCheck } from '../../scripts/verify/checks/platform.ts';
import { integrityCheck } from '../../scripts/verify/checks/integrity.ts';
import { referencesCheck } from '../../scripts/verify/checks/references.ts';
import { storageCheck } from '../../scripts/verify/checks/storage.ts';
import type { Check, DistModel, KubeObject } from '../../scripts/verify/model.ts';
import { clusterPlatform } from '../../scripts/verify/platform.ts';
import { notApplicableChecks, verifyModel } from '../../scripts/verify/run-verify.ts';
import { CRDS_DIR, deployment, inApp, model } from './fixtures.ts';

const marker = (data: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'fintrack-platform', namespace: 'kube-system' },
  data: {
    platform: 'k3s',
    storageClasses: 'local-path',
    ingressClasses: 'traefik',
    systemPeers: 'kube-system/app.kubernetes.io/name=traefik',
    ...data,
  },
});
const local = (...objects: KubeObject[]): DistModel => model(inApp('cluster-config', [marker()], 'local'), inApp('svc', objects, 'local'));
const run = async (check: Check, m: DistModel): Promise<string[]> =>
  (await verifyModel(m, { crdsDir: CRDS_DIR }, [check])).map((f) => `${f.check}/${f.rule}: ${f.message}`);
/** The compliant Deployment as k3s runs it: one replica, no zone spread, an image from the local registry. */
const oneReplica = (replicas = 1): KubeObject & { spec: any } => {
  const d = deployment({ replicas });
  d.spec.template.spec.topologySpreadConstraints = [];
  d.spec.template.spec.containers[0].image = 'registry.localhost:5000/app:v1';
  return d;
};
const pdb = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'app', namespace: 'team' },
  spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'app' } }, ...spec },
});

describe('platform marker', () => {
  it('reads the platform and what it provides; no marker is EKS', () => {
    // GIVEN a k3s marker WHEN read THEN its classes and peers are known (label keys keep their "/")
    const p = clusterPlatform(inApp('cluster-config', [marker()], 'local'));
    expect(p).toMatchObject({ platform: 'k3s', storageClasses: ['local-path'], ingressClasses: ['traefik'] });
    expect(p.systemPeers).toEqual([{ namespace: 'kube-system', labels: { 'app.kubernetes.io/name': 'traefik' } }]);
    expect(clusterPlatform(inApp('svc', [deployment()], 'prod')).platform).toBe('eks');
  });

  it('lists the checks that do not apply to k3s, and none for EKS', () => {
    const m = model(inApp('cluster-config', [marker()], 'local'), inApp('svc', [deployment()], 'prod'));
    expect(notApplicableChecks(m).map((n) => `${n.env}:${n.check}`)).toEqual(['local:capacity', 'local:contract']);
  });

  it('drops the findings of a check that does not apply, and keeps them on EKS', async () => {
    // GIVEN a check named contract that finds something in every environment
    const contract: Check = {
      name: 'contract',
      rules: ['r'],
      run: (m) =>
        [...new Set(m.objects.map((o) => o.env))].map((env) => ({
          check: 'contract',
          env,
          app: '-',
          kind: '-',
          name: '-',
          rule: 'r',
          severity: 'error',
          message: env,
        })),
    };
    const m = model(inApp('cluster-config', [marker()], 'local'), inApp('svc', [deployment()], 'prod'));
    // THEN only the EKS environment's finding survives
    expect((await verifyModel(m, { crdsDir: CRDS_DIR }, [contract])).map((f) => f.env)).toEqual(['prod']);
  });
});

describe('what k3s provides outside dist/', () => {
  const claim: KubeObject = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data', namespace: 'team' },
    spec: { storageClassName: 'local-path', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  };
  const ingress: KubeObject = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'public-api', namespace: 'team' },
    spec: { ingressClassName: 'traefik', rules: [{ host: 'api.fintrack.localhost' }] },
  };
  const fromTraefik: KubeObject = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'app', namespace: 'team' },
    spec: {
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'app' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
              podSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } },
            },
          ],
        },
      ],
    },
  };

  it("fails without the marker: local-path, traefik and Traefik's pods are unknown", async () => {
    const eks = model(inApp('svc', [claim, ingress, fromTraefik, oneReplica()], 'prod'));
    expect(await run(storageCheck, eks)).toEqual([expect.stringContaining('storage/storage-class-exists: ')]);
    expect(await run(referencesCheck, eks)).toContainEqual(expect.stringContaining('references/ingressclass-exists: '));
    expect(await run(integrityCheck, eks)).toContainEqual(expect.stringContaining('integrity/networkpolicy-peer: '));
  });

  it('passes with the k3s marker', async () => {
    const m = local(claim, ingress, fromTraefik, oneReplica());
    expect(await run(storageCheck, m)).toEqual([]);
    expect((await run(referencesCheck, m)).filter((f) => /storageclass|ingressclass/.test(f))).toEqual([]);
    expect((await run(integrityCheck, m)).filter((f) => f.includes('networkpolicy-peer'))).toEqual([]);
  });
});

describe('platform check', () => {
  it('passes a one-replica service with a draining PDB on k3s', async () => {
    expect(await run(platformCheck, local(oneReplica(), pdb({ maxUnavailable: 1 })))).toEqual([]);
  });

  it('fails on a platform verify does not know', async () => {
    const m = model(inApp('cluster-config', [marker({ platform: 'nomad' })], 'local'));
    expect(await run(platformCheck, m)).toEqual([
      'platform/known-platform: data.platform "nomad" is not a platform verify knows (eks, k3s)',
    ]);
  });

  it('fails on an IRSA role annotation on k3s, and not on EKS', async () => {
    const sa: KubeObject = {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'app', namespace: 'team', annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/x' } },
    };
    expect(await run(platformCheck, local(sa))).toEqual([
      'platform/no-cloud: local/svc/0.yaml: metadata.annotations.eks.amazonaws.com/role-arn: "eks.amazonaws.com/role-arn" names AWS, which this platform does not have',
    ]);
    expect(await run(platformCheck, model(inApp('svc', [sa], 'prod')))).toEqual([]);
  });

  it('fails on a Karpenter NodePool and a Karpenter nodeSelector on k3s', async () => {
    const pool: KubeObject = { apiVersion: 'karpenter.sh/v1', kind: 'NodePool', metadata: { name: 'general' } };
    const d = oneReplica();
    d.spec.template.spec.nodeSelector = { 'karpenter.sh/nodepool': 'general' };
    expect(await run(platformCheck, local(pool, d))).toEqual([
      "platform/no-cloud: local/svc/0.yaml: NodePool is Karpenter's: this platform has no node provisioner",
      'platform/no-cloud: local/svc/1.yaml: spec.template.spec.nodeSelector.karpenter.sh/nodepool: "karpenter.sh/nodepool" names AWS, which this platform does not have',
    ]);
  });

  it('fails on two replicas, an HPA minimum of two, a blocking PDB and a hard zone spread on k3s', async () => {
    const hpa: KubeObject = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'app', namespace: 'team' },
      spec: { minReplicas: 2, maxReplicas: 4 },
    };
    const d = oneReplica(2);
    d.spec.template.spec.topologySpreadConstraints = deployment().spec.template.spec.topologySpreadConstraints;
    const found = await run(platformCheck, local(d, hpa, pdb({ minAvailable: 1 })));
    expect(found).toEqual([
      'platform/single-node: local/svc/0.yaml: spec.replicas: 2 above one replica on a single node',
      'platform/single-node: local/svc/0.yaml: spec.template.spec.topologySpreadConstraints: a DoNotSchedule spread over topology.kubernetes.io/zone, which a single k3s node does not carry: the pods never schedule',
      'platform/single-node: local/svc/1.yaml: spec.minReplicas: 2 above one replica on a single node',
      'platform/single-node: local/svc/2.yaml: spec: {"minAvailable":1} keeps the only node from draining: use maxUnavailable >= 1',
    ]);
  });
});
