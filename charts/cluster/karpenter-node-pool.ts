/**
 * A Karpenter v1 NodePool. Limits are mandatory and must cover what the services placed on the pool
 * may request at their maximum scale, or the HPAs could never reach `maxReplicas`.
 */
import { Construct } from 'constructs';
import {
  NodePool,
  NodePoolSpecDisruptionConsolidationPolicy,
  NodePoolSpecLimits,
  NodePoolSpecTemplateSpecRequirementsOperator,
  NodePoolSpecTemplateSpecTaintsEffect,
} from '../../imports/karpenter.sh.ts';
import { cpuCores, memoryBytes } from '../../apps/schema/quantity.ts';
import { InvalidPropsError } from '../invalid-props-error.ts';

/** Props of {@link KarpenterNodePool}. */
export interface KarpenterNodePoolProps {
  /** NodePool name (pods select it with `karpenter.sh/nodepool`). */
  readonly name: string;
  /** Environment, for messages. */
  readonly environment: string;
  /** EC2NodeClass the nodes are launched from. */
  readonly nodeClass: string;
  /** Capacity types allowed (`spot`, `on-demand`). */
  readonly capacityTypes: readonly ('spot' | 'on-demand')[];
  /** Instance types allowed. */
  readonly instanceTypes: readonly string[];
  /** Zones the nodes may launch in. */
  readonly zones: readonly string[];
  /** The most CPU and memory the pool may launch. */
  readonly limits: { readonly cpu: string; readonly memory: string } | undefined;
  /** What the services placed on the pool request at maximum scale (cores and bytes). */
  readonly demand: { readonly cpu: number; readonly memory: number };
  /** Taints of the nodes. @default [] */
  readonly taints?: readonly { readonly key: string; readonly effect: 'NoSchedule' | 'NoExecute' }[];
  /** Node lifetime before replacement. @default '720h' */
  readonly expireAfter?: string;
  /** Wait before consolidating. @default '60s' */
  readonly consolidateAfter?: string;
  /** Preference among pools matching a pod. @default - none */
  readonly weight?: number;
}

/** One NodePool. */
export class KarpenterNodePool extends Construct {
  /** The NodePool (construct id `Resource`). */
  public readonly nodePool: NodePool;

  public constructor(scope: Construct, id: string, props: KarpenterNodePoolProps) {
    super(scope, id);
    const where = `for NodePool ${props.name} in ${props.environment}`;
    const limits = props.limits;
    if (!limits || !limits.cpu || !limits.memory) {
      throw new InvalidPropsError(
        'limits',
        `'limits' must set cpu and memory ${where}: without them Karpenter launches nodes without bound`,
      );
    }
    if (cpuCores(limits.cpu) < props.demand.cpu) {
      throw new InvalidPropsError(
        'limits.cpu',
        `'limits.cpu' (${limits.cpu}) must be >= ${round(props.demand.cpu)}, the sum of maxReplicas × requests.cpu of its services, ${where}`,
      );
    }
    if (memoryBytes(limits.memory) < props.demand.memory) {
      throw new InvalidPropsError(
        'limits.memory',
        `'limits.memory' (${limits.memory}) must be >= ${Math.ceil(props.demand.memory / 2 ** 30)}Gi, the sum of maxReplicas × requests.memory of its services, ${where}`,
      );
    }
    if (props.zones.length === 0) throw new InvalidPropsError('zones', `'zones' must not be empty ${where}`);
    const In = NodePoolSpecTemplateSpecRequirementsOperator.IN;
    this.nodePool = new NodePool(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        ...(props.weight === undefined ? {} : { weight: props.weight }),
        template: {
          metadata: { labels: { 'fintrack.io/nodepool': props.name } },
          spec: {
            nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: props.nodeClass },
            requirements: [
              { key: 'karpenter.sh/capacity-type', operator: In, values: [...props.capacityTypes] },
              { key: 'node.kubernetes.io/instance-type', operator: In, values: [...props.instanceTypes] },
              { key: 'topology.kubernetes.io/zone', operator: In, values: [...props.zones] },
              { key: 'kubernetes.io/arch', operator: In, values: ['amd64'] },
            ],
            ...(props.taints && props.taints.length > 0
              ? {
                  taints: props.taints.map((t) => ({
                    key: t.key,
                    effect:
                      t.effect === 'NoSchedule'
                        ? NodePoolSpecTemplateSpecTaintsEffect.NO_SCHEDULE
                        : NodePoolSpecTemplateSpecTaintsEffect.NO_EXECUTE,
                  })),
                }
              : {}),
            expireAfter: props.expireAfter ?? '720h',
          },
        },
        disruption: {
          consolidationPolicy: NodePoolSpecDisruptionConsolidationPolicy.WHEN_EMPTY_OR_UNDERUTILIZED,
          consolidateAfter: props.consolidateAfter ?? '60s',
          // Replace at most 10 % of the pool's nodes at a time.
          budgets: [{ nodes: '10%' }],
        },
        limits: { cpu: NodePoolSpecLimits.fromString(limits.cpu), memory: NodePoolSpecLimits.fromString(limits.memory) },
      },
    });
  }
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
