/** Karpenter NodePool limits against the workloads they host at max scale. */
import { describe, expect, it } from 'vitest';
import { capacityCheck } from '../../scripts/verify/checks/capacity.ts';
import type { KubeObject } from '../../scripts/verify/model.ts';
import { clone, companions, CRDS_DIR, deployment, inApp, model, scaledObject } from './fixtures.ts';

const pool = (limits: Record<string, string>): KubeObject => ({
  apiVersion: 'karpenter.sh/v1',
  kind: 'NodePool',
  metadata: { name: 'general' },
  spec: { limits, template: { spec: {} } },
});

async function messages(objects: KubeObject[]): Promise<string[]> {
  return (await capacityCheck.run(model(inApp('svc', objects)), { crdsDir: CRDS_DIR })).map((f) => `${f.kind} ${f.name}: ${f.message}`);
}

describe('capacity check', () => {
  it('passes 6 × (250m, 256Mi) in a pool limited to 2 cpu and 2Gi', async () => {
    expect(
      await messages([deployment({ nodePool: 'general' }), ...companions({ maxReplicas: 6 }), pool({ cpu: '2', memory: '2Gi' })]),
    ).toEqual([]);
  });

  it('fails when HPA maxReplicas × requests exceed the pool limits', async () => {
    expect(
      await messages([deployment({ nodePool: 'general' }), ...companions({ maxReplicas: 10 }), pool({ cpu: '2', memory: '2Gi' })]),
    ).toEqual([
      'NodePool general: cpu requests at max scale 2.5 exceed spec.limits.cpu 2 (app 10×0.25)',
      'NodePool general: memory requests at max scale 2.50Gi exceed spec.limits.memory 2Gi (app 10×0.25Gi)',
    ]);
  });

  it('fails when ScaledObject maxReplicaCount × requests exceed the pool limits', async () => {
    const objects = [deployment({ nodePool: 'general' }), ...companions().filter((o) => o.kind !== 'HorizontalPodAutoscaler')];
    expect(await messages([...objects, ...scaledObject({ maxReplicaCount: 10 }), pool({ cpu: '2', memory: '4Gi' })])).toEqual([
      'NodePool general: cpu requests at max scale 2.5 exceed spec.limits.cpu 2 (app 10×0.25)',
    ]);
  });

  it('fails GPU requests above the GPU limit', async () => {
    const d = clone(deployment({ nodePool: 'general' }));
    d.spec.template.spec.containers[0].resources.requests['nvidia.com/gpu'] = '1';
    d.spec.template.spec.containers[0].resources.limits['nvidia.com/gpu'] = '1';
    expect(await messages([d, ...companions({ maxReplicas: 4 }), pool({ cpu: '100', memory: '100Gi', 'nvidia.com/gpu': '2' })])).toEqual([
      'NodePool general: nvidia.com/gpu requests at max scale 4 exceed spec.limits.nvidia.com/gpu 2 (app 4×1)',
    ]);
  });

  it('fails a workload pinned to a NodePool that does not exist', async () => {
    expect(await messages([deployment({ nodePool: 'gpu' }), ...companions(), pool({ cpu: '2', memory: '2Gi' })])).toEqual([
      'Deployment team/app: nodeSelector karpenter.sh/nodepool: gpu names no NodePool in this environment',
    ]);
  });
});
