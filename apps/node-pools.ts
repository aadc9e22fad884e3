/**
 * The Karpenter NodePools of every environment and how a service's declared placement lands on
 * one: the pool, the capacity type it selects and the taints it must tolerate. The NodePools
 * (charts/cluster/karpenter-node-pool.ts) and the pods (charts/microservice/pod-spec.ts) both read
 * this, so a pod always selects a pool that exists and tolerates exactly its taints.
 */
import type { ServiceDeclaration } from './schema/service.ts';

/** Karpenter NodePools the catalog places services on. */
export type NodePoolName = 'general' | 'gpu-spot';

/** What a NodePool launches. */
export interface NodePoolShape {
  readonly nodeClass: string;
  readonly capacityTypes: readonly ('spot' | 'on-demand')[];
  readonly instanceTypes: readonly string[];
  readonly taints?: readonly { readonly key: string; readonly effect: 'NoSchedule' }[];
  readonly weight: number;
}

/** Instance families of each NodePool (seed 001) and their node classes. */
export const NODE_POOLS: Readonly<Record<NodePoolName, NodePoolShape>> = {
  general: {
    nodeClass: 'default',
    capacityTypes: ['spot', 'on-demand'],
    instanceTypes: ['m6i.xlarge', 'm6i.2xlarge', 'm7i.xlarge', 'm7i.2xlarge', 'm6a.xlarge', 'm6a.2xlarge', 'c6i.xlarge', 'c6i.2xlarge'],
    weight: 50,
  },
  'gpu-spot': {
    nodeClass: 'gpu',
    capacityTypes: ['spot'],
    instanceTypes: ['g5.xlarge', 'g5.2xlarge', 'g4dn.xlarge'],
    taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }],
    weight: 10,
  },
};

/** Where a service's pods run: the NodePool, the capacity type they select, and the pool's taints. */
export interface Scheduling {
  /** NodePool name (`karpenter.sh/nodepool` node label). */
  readonly nodePool: NodePoolName;
  /** Capacity type (`karpenter.sh/capacity-type` node label). */
  readonly capacityType: 'spot' | 'on-demand';
  /** Taints of the pool's nodes, which the pods tolerate. */
  readonly taints: readonly { readonly key: string; readonly effect: 'NoSchedule' }[];
}

/** The scheduling of a declared placement: GPU spot capacity has its own pool, the rest share one. */
export function schedulingOf(service: Pick<ServiceDeclaration, 'placement'>): Scheduling {
  const nodePool: NodePoolName = service.placement === 'gpu-spot' ? 'gpu-spot' : 'general';
  return {
    nodePool,
    capacityType: service.placement === 'on-demand' ? 'on-demand' : 'spot',
    taints: NODE_POOLS[nodePool].taints ?? [],
  };
}
