/** The storage app folder: one encrypted gp3 default StorageClass, synced before every add-on. */
import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { StorageChart } from '../../charts/storage-chart.ts';
import { SYNC_WAVES } from '../../charts/sync-waves.ts';

describe('StorageChart', () => {
  it('renders an encrypted gp3 EBS CSI default class bound where the pod lands, before the CRD add-ons', () => {
    // GIVEN the storage chart of prod WHEN synthesised
    const chart = new StorageChart(Testing.app(), { env: 'prod' });
    const [sc, ...rest] = Testing.synth(chart);
    // THEN exactly one StorageClass with the driver's parameters, in the earliest add-on wave
    expect(rest).toEqual([]);
    expect(sc).toEqual({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'gp3', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'ebs.csi.aws.com',
      parameters: { type: 'gp3', encrypted: 'true', 'csi.storage.k8s.io/fstype': 'ext4' },
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
      reclaimPolicy: 'Delete',
    });
    expect(chart.syncWave).toBeLessThan(SYNC_WAVES.crdAddons);
    expect(chart.project).toBe('platform');
  });
});
