/** The storage check: claimed StorageClasses exist and sync before their claims. */
import { describe, expect, it } from 'vitest';
import { storageCheck } from '../../scripts/verify/checks/storage.ts';
import type { KubeObject } from '../../scripts/verify/model.ts';
import { CRDS_DIR, inApp, model } from './fixtures.ts';

const storageClass = (name: string, isDefault = false): KubeObject => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name, ...(isDefault ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}) },
  provisioner: 'ebs.csi.aws.com',
});
const application = (name: string, wave: number, source: Record<string, unknown>): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name, namespace: 'argocd', annotations: { 'argocd.argoproj.io/sync-wave': String(wave) } },
  spec: { project: 'p', destination: { server: 'https://kubernetes.default.svc' }, source },
});
const folder = (app: string, wave: number): KubeObject =>
  application(app, wave, { repoURL: 'r', path: `dist/prod/${app}`, targetRevision: 'main' });
const addon = (wave: number, helm: Record<string, unknown>): KubeObject =>
  application('prometheus', wave, { repoURL: 'https://charts.example', chart: 'prometheus', targetRevision: '1.0.0', helm });
const pvc = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'data', namespace: 'team' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
});
const statefulSet = (templateSpec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'db', namespace: 'team' },
  spec: { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: templateSpec }] },
});

async function messages(
  storageWave: number,
  argo: KubeObject[],
  svc: KubeObject[],
  classes = [storageClass('gp3', true)],
): Promise<string[]> {
  const m = model(
    inApp('argocd', [folder('storage', storageWave), folder('svc', 1), ...argo]),
    inApp('storage', classes),
    inApp('svc', svc),
  );
  return (await storageCheck.run(m, { crdsDir: CRDS_DIR })).map((f) => `${f.rule} ${f.kind} ${f.name}: ${f.message}`);
}

const prometheusValues = { valuesObject: { prometheus: { storageSpec: { volumeClaimTemplate: { spec: { storageClassName: 'gp3' } } } } } };

describe('storage check', () => {
  it('passes claims of a class the storage wave provides: Helm values, PVCs (named and default), StatefulSet templates', async () => {
    // GIVEN gp3 (default) synced in wave -4, an add-on in wave -3 and service claims in wave 1 THEN no findings
    const svc = [pvc({ storageClassName: 'gp3' }), pvc({}), statefulSet({}), pvc({ storageClassName: '' })];
    expect(await messages(-4, [addon(-3, prometheusValues)], svc)).toEqual([]);
  });

  it('fails a PVC naming a class nothing renders', async () => {
    expect(await messages(-4, [], [pvc({ storageClassName: 'gp2' })])).toEqual([
      'storage-class-exists PersistentVolumeClaim team/data: spec.storageClassName asks for StorageClass gp2, which no StorageClass in prod provides',
    ]);
  });

  it('fails a StorageClass named in Helm values (valuesObject or values) that nothing renders', async () => {
    const values = { values: 'loki:\n  persistence:\n    storageClass: standard\n' };
    expect(await messages(-4, [addon(-3, values)], [])).toEqual([
      'storage-class-exists Application argocd/prometheus: spec.source.helm.values.loki.persistence.storageClass asks for StorageClass standard, which no StorageClass in prod provides',
    ]);
  });

  it('fails claims of the default class when no class is the default', async () => {
    expect(await messages(-4, [], [statefulSet({})], [storageClass('gp3')])).toEqual([
      'storage-class-exists StatefulSet team/db: spec.volumeClaimTemplates[0].spec.storageClassName asks for the default StorageClass (none is annotated is-default-class), which no StorageClass in prod provides',
    ]);
  });

  it('fails a class that syncs in the same or a later wave than an add-on claiming it', async () => {
    // GIVEN the class in cluster configuration (wave -1) and Prometheus in wave -3
    expect(await messages(-1, [addon(-3, prometheusValues)], [])).toEqual([
      "storage-class-synced-first Application argocd/prometheus: spec.source.helm.values.prometheus.storageSpec.volumeClaimTemplate.spec.storageClassName asks for StorageClass gp3, which app storage syncs in wave -1, not before this claim's wave -3",
    ]);
  });
});
