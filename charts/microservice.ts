/**
 * One service in one environment: Deployment, Service, ServiceAccount, HPA (or a KEDA ScaledObject
 * when it scales on a queue), PDB, ExternalSecret, ServiceMonitor and NetworkPolicy, all named after
 * the service.
 */
import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  ExternalSecret,
  ExternalSecretSpecSecretStoreRefKind,
  ExternalSecretSpecTargetCreationPolicy,
  ExternalSecretSpecTargetDeletionPolicy,
} from '../imports/external-secrets.io.ts';
import { ServiceMonitor, ServiceMonitorSpecEndpointsScheme } from '../imports/monitoring.coreos.com.ts';
import {
  Certificate,
  CertificateSpecPrivateKeyAlgorithm,
  CertificateSpecPrivateKeyRotationPolicy,
  CertificateSpecUsages,
} from '../imports/cert-manager.io.ts';
import { TLS_ENV_NAMES, tlsDnsNames, tlsSecretName } from './microservice/mtls.ts';
import { selectorLabels, serviceLabels } from './labels.ts';
import { networkPolicySpec } from './microservice/network-policy.ts';
import { QueueAutoscaler } from './microservice/queue-autoscaler.ts';
import { podSpec, secretName } from './microservice/pod-spec.ts';
import type { MicroserviceProps } from './microservice/props.ts';
import { InvalidPropsError } from './invalid-props-error.ts';

export type { MicroserviceProps } from './microservice/props.ts';

/** A FinTrack service rendered for one environment. */
export class Microservice extends Construct {
  /** The Deployment (construct id `Resource`, the primary object). */
  public readonly deployment: k8s.KubeDeployment;
  /** All objects rendered, in a stable order. */
  public readonly objects: readonly ApiObject[];

  public constructor(scope: Construct, id: string, props: MicroserviceProps) {
    super(scope, id);
    validate(props);

    const labels = serviceLabels({ name: props.name, team: props.team, component: props.workloadClass });
    const metadata = { name: props.name, namespace: props.namespace, labels };
    const selector = { matchLabels: selectorLabels(props.name) };
    const objects: ApiObject[] = [];

    objects.push(
      new k8s.KubeServiceAccount(this, 'ServiceAccount', {
        metadata: props.roleArn ? { ...metadata, annotations: { 'eks.amazonaws.com/role-arn': props.roleArn } } : metadata,
        automountServiceAccountToken: false,
      }),
    );

    this.deployment = new k8s.KubeDeployment(this, 'Resource', {
      metadata,
      spec: {
        // The HPA owns the replica count when autoscaling is on (Argo CD would fight it otherwise).
        ...(props.autoscaling ? {} : { replicas: props.replicas }),
        revisionHistoryLimit: 5,
        progressDeadlineSeconds: 600,
        selector,
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: k8s.IntOrString.fromString('25%'), maxUnavailable: k8s.IntOrString.fromNumber(0) },
        },
        template: { metadata: { labels }, spec: podSpec(props) },
      },
    });
    objects.push(this.deployment);

    const servicePorts: k8s.ServicePort[] = [
      ...(props.port === undefined
        ? []
        : [{ name: 'http', port: props.port, targetPort: k8s.IntOrString.fromString('http'), protocol: 'TCP' }]),
      { name: 'metrics', port: props.metricsPort, targetPort: k8s.IntOrString.fromString('metrics'), protocol: 'TCP' },
    ];
    objects.push(
      new k8s.KubeService(this, 'Service', {
        metadata,
        spec: { type: 'ClusterIP', selector: selectorLabels(props.name), ports: servicePorts },
      }),
    );

    if (props.autoscaling?.queue) {
      objects.push(
        ...new QueueAutoscaler(this, 'QueueAutoscaler', {
          metadata,
          minReplicas: props.replicas,
          maxReplicas: props.autoscaling.maxReplicas,
          cpuUtilization: props.autoscaling.cpuUtilization,
          queue: props.autoscaling.queue,
        }).objects,
      );
    } else if (props.autoscaling) {
      objects.push(
        new k8s.KubeHorizontalPodAutoscalerV2(this, 'Autoscaler', {
          metadata,
          spec: {
            scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: props.name },
            minReplicas: props.replicas,
            maxReplicas: props.autoscaling.maxReplicas,
            metrics: [
              {
                type: 'Resource',
                resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: props.autoscaling.cpuUtilization } },
              },
            ],
            // Scale in slowly: a reconciliation backlog comes in waves.
            behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
          },
        }),
      );
    }

    const budget =
      'minAvailable' in props.disruption
        ? { minAvailable: k8s.IntOrString.fromNumber(props.disruption.minAvailable) }
        : { maxUnavailable: k8s.IntOrString.fromNumber(props.disruption.maxUnavailable) };
    objects.push(
      new k8s.KubePodDisruptionBudget(this, 'DisruptionBudget', {
        metadata,
        // AlwaysAllow: a crash-looping pod must never block a node drain.
        spec: { ...budget, selector, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
      }),
    );

    if (props.secrets.length > 0) {
      objects.push(
        new ExternalSecret(this, 'Secrets', {
          metadata,
          spec: {
            refreshInterval: '1h',
            secretStoreRef: {
              kind: ExternalSecretSpecSecretStoreRefKind.CLUSTER_SECRET_STORE,
              name: props.secretStore ?? 'aws-secrets-manager',
            },
            target: {
              name: secretName(props),
              creationPolicy: ExternalSecretSpecTargetCreationPolicy.OWNER,
              deletionPolicy: ExternalSecretSpecTargetDeletionPolicy.RETAIN,
            },
            data: props.secrets.map((s) => ({ secretKey: s.env, remoteRef: { key: s.key, property: s.property } })),
          },
        }),
      );
    }

    objects.push(
      new ServiceMonitor(this, 'Monitor', {
        metadata,
        spec: {
          selector: { matchLabels: selectorLabels(props.name) },
          namespaceSelector: { matchNames: [props.namespace] },
          endpoints: [{ port: 'metrics', path: props.metricsPath, interval: '30s', scheme: ServiceMonitorSpecEndpointsScheme.HTTP }],
        },
      }),
    );

    if (props.mtls) {
      objects.push(
        new Certificate(this, 'Certificate', {
          metadata,
          spec: {
            secretName: tlsSecretName(props),
            commonName: `${props.name}.${props.namespace}.svc`,
            dnsNames: tlsDnsNames(props),
            usages: [CertificateSpecUsages.SERVER_AUTH, CertificateSpecUsages.CLIENT_AUTH, CertificateSpecUsages.DIGITAL_SIGNATURE],
            duration: props.mtls.duration ?? '720h',
            renewBefore: props.mtls.renewBefore ?? '240h',
            privateKey: {
              algorithm: CertificateSpecPrivateKeyAlgorithm.ECDSA,
              size: 256,
              rotationPolicy: CertificateSpecPrivateKeyRotationPolicy.ALWAYS,
            },
            issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: props.mtls.issuer },
          },
        }),
      );
    }

    objects.push(new k8s.KubeNetworkPolicy(this, 'NetworkPolicy', { metadata, spec: networkPolicySpec(props) }));
    this.objects = objects;
  }
}

/** Rules across props; each names the fields, the values and where. */
function validate(props: MicroserviceProps): void {
  const where = `for ${props.name} in ${props.environment}`;
  if (props.autoscaling && props.autoscaling.maxReplicas < props.replicas) {
    throw new InvalidPropsError(
      'autoscaling.maxReplicas',
      `'autoscaling.maxReplicas' (${props.autoscaling.maxReplicas}) must be >= 'replicas' (${props.replicas}) ${where}`,
    );
  }
  if ('minAvailable' in props.disruption && props.disruption.minAvailable >= props.replicas) {
    throw new InvalidPropsError(
      'disruption.minAvailable',
      `'disruption.minAvailable' (${props.disruption.minAvailable}) must be < 'replicas' (${props.replicas}) ${where}, or no node could ever be drained`,
    );
  }
  if (props.mtls) {
    for (const name of TLS_ENV_NAMES) {
      if (name in props.env)
        throw new InvalidPropsError('env', `'env.${name}' (${props.env[name]}) is set by mTLS ${where}: remove it or turn 'mtls' off`);
    }
  }
  if (props.zones.length === 0) throw new InvalidPropsError('zones', `'zones' must not be empty ${where}`);
  for (const callee of props.callees) {
    if (callee.port === undefined) throw new InvalidPropsError('callees', `callee '${callee.name}' has no port ${where}`);
  }
}
