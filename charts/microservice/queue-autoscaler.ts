/**
 * Queue-driven scaling of a {@link Microservice} with KEDA: a ScaledObject with an `aws-sqs-queue`
 * trigger and a `cpu` trigger, and the TriggerAuthentication that makes KEDA read the queue as the
 * workload's own IAM role. KEDA creates and owns the HPA (`keda-hpa-<name>`), so none is rendered.
 */
import type { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  ScaledObject,
  ScaledObjectSpecTriggersAuthenticationRefKind,
  TriggerAuthentication,
  TriggerAuthenticationSpecPodIdentityIdentityOwner,
  TriggerAuthenticationSpecPodIdentityProvider,
} from '../../imports/keda.sh.ts';
import type { QueueScaling } from './props.ts';

/** Props of {@link QueueAutoscaler}. */
export interface QueueAutoscalerProps {
  /** Metadata shared with the service's other objects (name, namespace, labels). */
  readonly metadata: { readonly name: string; readonly namespace: string; readonly labels: Readonly<Record<string, string>> };
  /** Lower replica bound (KEDA's `minReplicaCount`). */
  readonly minReplicas: number;
  /** Upper replica bound (KEDA's `maxReplicaCount`). */
  readonly maxReplicas: number;
  /** Target average CPU utilisation in percent. */
  readonly cpuUtilization: number;
  /** The queue and the messages per replica. */
  readonly queue: QueueScaling;
  /** Scale-down stabilisation window. @default 300 */
  readonly scaleDownStabilizationSeconds?: number;
}

/** Name of the TriggerAuthentication of a service. */
export function triggerAuthenticationName(service: string): string {
  return `${service}-aws`;
}

/** A KEDA ScaledObject and its TriggerAuthentication. */
export class QueueAutoscaler extends Construct {
  /** The ScaledObject (construct id `Resource`). */
  public readonly scaledObject: ScaledObject;
  /** Both objects, TriggerAuthentication first. */
  public readonly objects: readonly ApiObject[];

  public constructor(scope: Construct, id: string, props: QueueAutoscalerProps) {
    super(scope, id);
    const metadata = { ...props.metadata, labels: { ...props.metadata.labels } };
    const authName = triggerAuthenticationName(props.metadata.name);
    // `aws` provider with identityOwner `workload`: KEDA reads the scale target's ServiceAccount
    // annotation eks.amazonaws.com/role-arn and assumes that role (kedacore/keda
    // pkg/scaling/resolver/scale_resolvers.go ResolveAuthRefAndPodIdentity; roleArn must then be unset).
    const auth = new TriggerAuthentication(this, 'Authentication', {
      metadata: { ...metadata, name: authName },
      spec: {
        podIdentity: {
          provider: TriggerAuthenticationSpecPodIdentityProvider.AWS,
          identityOwner: TriggerAuthenticationSpecPodIdentityIdentityOwner.WORKLOAD,
        },
      },
    });
    this.scaledObject = new ScaledObject(this, 'Resource', {
      metadata,
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: props.metadata.name },
        minReplicaCount: props.minReplicas,
        maxReplicaCount: props.maxReplicas,
        advanced: {
          horizontalPodAutoscalerConfig: {
            behavior: { scaleDown: { stabilizationWindowSeconds: props.scaleDownStabilizationSeconds ?? 300 } },
          },
        },
        triggers: [
          {
            // Metadata keys of kedacore/keda pkg/scalers/aws_sqs_queue_scaler.go awsSqsQueueMetadata:
            // queueURL, queueLength (target messages per replica), awsRegion.
            type: 'aws-sqs-queue',
            authenticationRef: { kind: ScaledObjectSpecTriggersAuthenticationRefKind.TRIGGER_AUTHENTICATION, name: authName },
            metadata: { queueURL: props.queue.url, queueLength: String(props.queue.messagesPerReplica), awsRegion: props.queue.region },
          },
          {
            // pkg/scalers/cpu_memory_scaler.go: the trigger-level metricType replaces metadata.type (removed in v2.18).
            type: 'cpu',
            metricType: 'Utilization',
            metadata: { value: String(props.cpuUtilization) },
          },
        ],
      },
    });
    this.objects = [auth, this.scaledObject];
  }
}
