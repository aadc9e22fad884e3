/**
 * Objects that own a workload's replica count: HorizontalPodAutoscalers and KEDA ScaledObjects
 * (KEDA turns each into an HPA of its own), with the bounds the cluster will apply.
 */
import { groupOf, rec, type DistObject } from './model.ts';

/** What an autoscaler targets and the replica range it keeps the target in. */
export interface ScaleBounds {
  /** Kind of the scale target. */
  readonly kind: string;
  /** Name of the scale target (same namespace as the autoscaler). */
  readonly name: string;
  /** Fewest replicas it scales to. */
  readonly min: number;
  /** Most replicas it scales to. */
  readonly max: number;
  /** How the bounds are named in findings, e.g. `HPA x minReplicas`. */
  readonly label: string;
}

/** True for an autoscaling HPA or a keda.sh ScaledObject. */
export function isAutoscaler(o: DistObject): boolean {
  const group = groupOf(o.object.apiVersion);
  return (
    (o.object.kind === 'HorizontalPodAutoscaler' && group === 'autoscaling') || (o.object.kind === 'ScaledObject' && group === 'keda.sh')
  );
}

/** The autoscalers among `objects`. */
export function autoscalersOf(objects: readonly DistObject[]): DistObject[] {
  return objects.filter(isAutoscaler);
}

/**
 * Target and bounds of an autoscaler. HPA: `minReplicas` defaults to 1 (k8s.io/api autoscaling/v2
 * HorizontalPodAutoscalerSpec). ScaledObject: `minReplicaCount` defaults to 0 and
 * `maxReplicaCount` to 100, and an unset `scaleTargetRef.kind` means a Deployment (kedacore/keda
 * apis/keda/v1alpha1/scaledobject_types.go CheckReplicaCountBoundsAreValid, GetHPAMaxReplicas).
 */
export function scaleBounds(o: DistObject): ScaleBounds {
  const spec = rec(o.object.spec);
  const ref = rec(spec.scaleTargetRef);
  const name = o.object.metadata.name;
  if (o.object.kind === 'ScaledObject') {
    return {
      kind: String(ref.kind ?? 'Deployment'),
      name: String(ref.name),
      min: Number(spec.minReplicaCount ?? 0),
      max: Number(spec.maxReplicaCount ?? 100),
      label: `ScaledObject ${name} minReplicaCount`,
    };
  }
  return {
    kind: String(ref.kind),
    name: String(ref.name),
    min: Number(spec.minReplicas ?? 1),
    max: Number(spec.maxReplicas ?? 1),
    label: `HPA ${name} minReplicas`,
  };
}
