/**
 * A pod as the NetworkPolicy evaluator sees it: namespace, labels and named container ports.
 */

/** A container port of a pod. */
export interface PodPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: string;
}

/** A pod (one per workload is enough: policies select by labels). */
export interface PodEndpoint {
  readonly kind: 'pod';
  /** Human-readable name for findings. */
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly PodPort[];
}
