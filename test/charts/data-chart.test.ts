/** The data app folder of a single-node cluster: in-cluster stores reachable only by their clients. */
import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { DataChart } from '../../charts/data-chart.ts';
import type { InClusterStoreProps } from '../../charts/data/in-cluster-store.ts';
import { SYNC_WAVES } from '../../charts/sync-waves.ts';

const store = (extra: Partial<InClusterStoreProps> = {}): Omit<InClusterStoreProps, 'namespace'> => ({
  name: 'postgres',
  image: 'registry.localhost:5000/library/postgres:17.2-alpine',
  port: 5432,
  dataPath: '/var/lib/postgresql/data',
  scratchPaths: ['/tmp'],
  storage: '5Gi',
  storageClassName: 'local-path',
  probe: ['pg_isready'],
  clients: [{ name: 'payments-service', namespace: 'payments' }],
  team: 'platform',
  ...extra,
});
const find = (objs: any[], kind: string, name: string): any => objs.find((o) => o.kind === kind && o.metadata.name === name);

describe('DataChart', () => {
  it('renders a one-replica StatefulSet on a local-path claim, a headless Service and a policy for its clients only', () => {
    // GIVEN one store with one client WHEN synthesised
    const chart = new DataChart(Testing.app(), { env: 'local', namespace: 'data', stores: [store()] });
    const objs = Testing.synth(chart);
    // THEN the namespace is restricted, the store has one replica, a read-only root and its data on the claim
    expect(find(objs, 'Namespace', 'data').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    const sts = find(objs, 'StatefulSet', 'postgres');
    expect(sts.spec.replicas).toBe(1);
    expect(sts.spec.serviceName).toBe('postgres');
    expect(sts.spec.volumeClaimTemplates[0].spec).toMatchObject({ storageClassName: 'local-path', accessModes: ['ReadWriteOnce'] });
    expect(sts.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
    expect(find(objs, 'Service', 'postgres').spec.clusterIP).toBe('None');
    // AND only the client reaches it, on its port; it reaches nothing
    const np = find(objs, 'NetworkPolicy', 'postgres');
    expect(np.spec.ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'payments' } },
            podSelector: { matchLabels: { 'app.kubernetes.io/name': 'payments-service' } },
          },
        ],
        ports: [{ protocol: 'TCP', port: 5432 }],
      },
    ]);
    expect(np.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(chart.syncWave).toBe(SYNC_WAVES.clusterConfig);
  });

  it('reads secret variables through an ExternalSecret of the given store', () => {
    const chart = new DataChart(Testing.app(), {
      env: 'local',
      namespace: 'data',
      stores: [store({ secretEnv: { POSTGRES_PASSWORD: { key: 'postgres', property: 'password' } }, secretStore: 'local-secrets' })],
    });
    const es = find(Testing.synth(chart), 'ExternalSecret', 'postgres');
    expect(es.spec.secretStoreRef.name).toBe('local-secrets');
    expect(es.spec.data).toEqual([{ secretKey: 'POSTGRES_PASSWORD', remoteRef: { key: 'postgres', property: 'password' } }]);
  });

  it('fails on secret variables without a store', () => {
    expect(
      () =>
        new DataChart(Testing.app(), {
          env: 'local',
          namespace: 'data',
          stores: [store({ secretEnv: { POSTGRES_PASSWORD: { key: 'postgres', property: 'password' } } })],
        }),
    ).toThrow("'secretStore' is required for the secret variables of postgres");
  });
});
