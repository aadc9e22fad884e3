/**
 * One in-cluster data store for a single-node cluster (PostgreSQL or Redis): a one-replica
 * StatefulSet whose data lives on a PersistentVolumeClaim, a headless Service, and a NetworkPolicy
 * that admits exactly the services declaring the store as egress target.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  ExternalSecret,
  ExternalSecretSpecSecretStoreRefKind,
  ExternalSecretSpecTargetCreationPolicy,
  ExternalSecretSpecTargetDeletionPolicy,
} from '../../imports/external-secrets.io.ts';
import { InvalidPropsError } from '../invalid-props-error.ts';
import { RUN_AS_ID } from '../microservice/pod-spec.ts';

const NAMESPACE_LABEL = 'kubernetes.io/metadata.name';

/** A pod allowed to connect. */
export interface StoreClient {
  /** Service name (its pods' `app.kubernetes.io/name`). */
  readonly name: string;
  /** Its namespace. */
  readonly namespace: string;
}

/** Props of {@link InClusterStore}. */
export interface InClusterStoreProps {
  /** Store name: StatefulSet, Service and pod label `app.kubernetes.io/name`. */
  readonly name: string;
  /** Namespace of the store. */
  readonly namespace: string;
  /** Image with a pinned tag, from the registry the cluster's policies allow. */
  readonly image: string;
  /** TCP port it listens on. */
  readonly port: number;
  /** Arguments of the container. @default [] */
  readonly args?: readonly string[];
  /** Plain environment variables. @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /** Secret-backed environment variables: variable → key of the local store (`<secret>/<property>`). @default {} */
  readonly secretEnv?: Readonly<Record<string, { readonly key: string; readonly property: string }>>;
  /** ClusterSecretStore of {@link secretEnv}. Required when secretEnv is set. */
  readonly secretStore?: string;
  /** Where the data volume is mounted. */
  readonly dataPath: string;
  /** Further writable paths (the root filesystem is read-only). @default [] */
  readonly scratchPaths?: readonly string[];
  /** Volume size. */
  readonly storage: string;
  /** StorageClass of the claim (k3s: `local-path`). */
  readonly storageClassName: string;
  /** Readiness and liveness command. */
  readonly probe: readonly string[];
  /** Services allowed to connect. */
  readonly clients: readonly StoreClient[];
  /** Value of the pods' `fintrack.io/team` label (the policies require one). */
  readonly team: string;
}

/** StatefulSet, Service, NetworkPolicy (and ExternalSecret) of one store. */
export class InClusterStore extends Construct {
  /** The StatefulSet (construct id `Resource`). */
  public readonly statefulSet: k8s.KubeStatefulSet;

  public constructor(scope: Construct, id: string, props: InClusterStoreProps) {
    super(scope, id);
    const secretEnv = Object.entries(props.secretEnv ?? {});
    if (secretEnv.length > 0 && !props.secretStore)
      throw new InvalidPropsError('secretStore', `'secretStore' is required for the secret variables of ${props.name}`);
    const selector = { 'app.kubernetes.io/name': props.name };
    const labels = { ...selector, 'app.kubernetes.io/part-of': 'fintrack', 'fintrack.io/team': props.team };
    const metadata = { name: props.name, namespace: props.namespace, labels };
    const probe: k8s.Probe = { exec: { command: [...props.probe] }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 };
    const scratch = (props.scratchPaths ?? []).map((path, i) => ({ name: `scratch-${i}`, path }));

    new k8s.KubeService(this, 'Service', {
      metadata,
      // Headless: the StatefulSet's governing Service (apps/v1 StatefulSetSpec.serviceName).
      spec: { clusterIp: 'None', selector, ports: [{ name: 'tcp', port: props.port, targetPort: k8s.IntOrString.fromNumber(props.port) }] },
    });
    if (secretEnv.length > 0) {
      new ExternalSecret(this, 'Secrets', {
        metadata,
        spec: {
          refreshInterval: '1h',
          secretStoreRef: { kind: ExternalSecretSpecSecretStoreRefKind.CLUSTER_SECRET_STORE, name: props.secretStore as string },
          target: {
            name: props.name,
            creationPolicy: ExternalSecretSpecTargetCreationPolicy.OWNER,
            deletionPolicy: ExternalSecretSpecTargetDeletionPolicy.RETAIN,
          },
          data: secretEnv.map(([env, ref]) => ({ secretKey: env, remoteRef: { key: ref.key, property: ref.property } })),
        },
      });
    }
    this.statefulSet = new k8s.KubeStatefulSet(this, 'Resource', {
      metadata,
      spec: {
        serviceName: props.name,
        replicas: 1,
        selector: { matchLabels: selector },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            priorityClassName: 'business-critical',
            securityContext: {
              runAsNonRoot: true,
              runAsUser: RUN_AS_ID,
              runAsGroup: RUN_AS_ID,
              fsGroup: RUN_AS_ID,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            containers: [
              {
                name: props.name,
                image: props.image,
                imagePullPolicy: 'IfNotPresent',
                ...(props.args && props.args.length > 0 ? { args: [...props.args] } : {}),
                ports: [{ name: 'tcp', containerPort: props.port, protocol: 'TCP' }],
                env: [
                  ...Object.entries(props.env ?? {})
                    .map(([name, value]) => ({ name, value }))
                    .sort((a, b) => a.name.localeCompare(b.name)),
                  ...secretEnv.map(([name]) => ({ name, valueFrom: { secretKeyRef: { name: props.name, key: name, optional: false } } })),
                ],
                resources: {
                  requests: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('256Mi') },
                  limits: { cpu: k8s.Quantity.fromString('1'), memory: k8s.Quantity.fromString('512Mi') },
                },
                readinessProbe: probe,
                livenessProbe: { ...probe, initialDelaySeconds: 30 },
                securityContext: {
                  runAsNonRoot: true,
                  runAsUser: RUN_AS_ID,
                  runAsGroup: RUN_AS_ID,
                  privileged: false,
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ['ALL'] },
                  seccompProfile: { type: 'RuntimeDefault' },
                },
                volumeMounts: [{ name: 'data', mountPath: props.dataPath }, ...scratch.map((s) => ({ name: s.name, mountPath: s.path }))],
              },
            ],
            volumes: scratch.map((s) => ({ name: s.name, emptyDir: { sizeLimit: k8s.Quantity.fromString('64Mi') } })),
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: {
              storageClassName: props.storageClassName,
              accessModes: ['ReadWriteOnce'],
              resources: { requests: { storage: k8s.Quantity.fromString(props.storage) } },
            },
          },
        ],
      },
    });
    // Only the declared clients, only the store's port; the store itself calls nothing.
    new k8s.KubeNetworkPolicy(this, 'NetworkPolicy', {
      metadata,
      spec: {
        podSelector: { matchLabels: selector },
        policyTypes: ['Ingress', 'Egress'],
        ingress:
          props.clients.length === 0
            ? []
            : [
                {
                  from: props.clients.map((c) => ({
                    namespaceSelector: { matchLabels: { [NAMESPACE_LABEL]: c.namespace } },
                    podSelector: { matchLabels: { 'app.kubernetes.io/name': c.name } },
                  })),
                  ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(props.port) }],
                },
              ],
        egress: [],
      },
    });
  }
}
