/** Zone-loss and drainability of prod Deployments with a PDB. */
import { describe, expect, it } from 'vitest';
import { resilienceCheck } from '../../scripts/verify/checks/resilience.ts';
import type { KubeObject } from '../../scripts/verify/model.ts';
import { clone, companions, CRDS_DIR, deployment, inApp, model, scaledObject } from './fixtures.ts';

const pool = (zones: string[]): KubeObject => ({
  apiVersion: 'karpenter.sh/v1',
  kind: 'NodePool',
  metadata: { name: 'general' },
  spec: { template: { spec: { requirements: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: zones }] } } },
});

async function messages(objects: KubeObject[], env = 'prod'): Promise<string[]> {
  return (await resilienceCheck.run(model(inApp('svc', objects, env)), { crdsDir: CRDS_DIR })).map(
    (f) => `${f.kind} ${f.name}: ${f.message}`,
  );
}

describe('resilience check', () => {
  it('passes 3 replicas over 3 zones with minAvailable 2', async () => {
    expect(
      await messages([deployment({ nodePool: 'general' }), ...companions({ minAvailable: 2, minReplicas: 3 }), pool(['a', 'b', 'c'])]),
    ).toEqual([]);
  });

  it('fails 3 replicas over 2 zones with minAvailable 2', async () => {
    expect(
      await messages([deployment({ nodePool: 'general' }), ...companions({ minAvailable: 2, minReplicas: 3 }), pool(['a', 'b'])]),
    ).toEqual([
      'Deployment team/app: losing one of 2 zones with 3 replicas (HPA app minReplicas, maxSkew 1) leaves 1 pods, below the 2 PDB app requires',
    ]);
  });

  it('fails without a hard zone spread, assuming 3 zones when the NodePool is unknown', async () => {
    const d = clone(deployment());
    d.spec.template.spec.topologySpreadConstraints = [];
    expect(await messages([d, ...companions({ minAvailable: 1, minReplicas: 3 })])).toEqual([
      "Deployment team/app: losing one of 3 zones (assumed: the NodePool's topology.kubernetes.io/zone requirement is not determinable) with 3 replicas (HPA app minReplicas, no DoNotSchedule zone spread, so all pods may share one zone) leaves 0 pods, below the 1 PDB app requires",
    ]);
  });

  it('fails a PDB that allows no disruption', async () => {
    expect(await messages([deployment(), ...companions({ minAvailable: '100%', minReplicas: 3 })])).toEqual([
      'PodDisruptionBudget team/app: allows no voluntary disruption of Deployment app: 3 of 3 pods (HPA app minReplicas) must stay available',
    ]);
  });

  it('counts a ScaledObject minReplicaCount for zone loss', async () => {
    const objects = [
      deployment({ nodePool: 'general' }),
      ...companions({ minAvailable: 2 }).filter((o) => o.kind !== 'HorizontalPodAutoscaler'),
    ];
    expect(await messages([...objects, ...scaledObject({ minReplicaCount: 3 }), pool(['a', 'b'])])).toEqual([
      'Deployment team/app: losing one of 2 zones with 3 replicas (ScaledObject app minReplicaCount, maxSkew 1) leaves 1 pods, below the 2 PDB app requires',
    ]);
  });

  it('ignores non-prod environments', async () => {
    expect(await messages([deployment(), ...companions({ minAvailable: '100%' })], 'dev')).toEqual([]);
  });
});
