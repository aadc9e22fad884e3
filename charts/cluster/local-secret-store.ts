/**
 * The ClusterSecretStore of a cluster without a cloud secret manager: External Secrets' `kubernetes`
 * provider reading Secrets an operator puts into one namespace by hand. ExternalSecrets stay the
 * same objects as in the cloud; only the store they name differs.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ClusterSecretStore, ClusterSecretStoreSpecProviderKubernetesServerCaProviderType } from '../../imports/external-secrets.io.ts';
import { podSecurityLabels } from './team-namespace.ts';

/** Name of the store every ExternalSecret names on a local cluster. */
export const LOCAL_SECRET_STORE_NAME = 'local-secrets';
/** Service account whose token the store authenticates with. */
export const LOCAL_SECRET_READER = 'secret-reader';

/** Props of {@link LocalSecretStore}. */
export interface LocalSecretStoreProps {
  /** Namespace holding the seeded Secrets (created here). */
  readonly namespace: string;
  /** Store name. @default 'local-secrets' */
  readonly name?: string;
}

/** Namespace, read-only service account and ClusterSecretStore of the local secrets. */
export class LocalSecretStore extends Construct {
  /** The store (construct id `Resource`). */
  public readonly store: ClusterSecretStore;

  public constructor(scope: Construct, id: string, props: LocalSecretStoreProps) {
    super(scope, id);
    const { namespace } = props;
    new k8s.KubeNamespace(this, 'Namespace', {
      metadata: { name: namespace, labels: { ...podSecurityLabels(), 'app.kubernetes.io/part-of': 'fintrack' } },
    });
    new k8s.KubeServiceAccount(this, 'Reader', { metadata: { name: LOCAL_SECRET_READER, namespace }, automountServiceAccountToken: false });
    // The provider reads the remote namespace's Secrets and checks it may (SelfSubjectRulesReview,
    // which every authenticated user may create): external-secrets docs, provider/kubernetes.md.
    new k8s.KubeRole(this, 'ReadSecrets', {
      metadata: { name: LOCAL_SECRET_READER, namespace },
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] }],
    });
    new k8s.KubeRoleBinding(this, 'ReadSecretsBinding', {
      metadata: { name: LOCAL_SECRET_READER, namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: LOCAL_SECRET_READER },
      subjects: [{ kind: 'ServiceAccount', name: LOCAL_SECRET_READER, namespace }],
    });
    this.store = new ClusterSecretStore(this, 'Resource', {
      metadata: { name: props.name ?? LOCAL_SECRET_STORE_NAME },
      spec: {
        provider: {
          kubernetes: {
            remoteNamespace: namespace,
            // A ClusterSecretStore's caProvider must name its namespace (external-secrets
            // runtime/esutils FetchCACertFromSource: "missing namespace on caProvider secret").
            server: {
              caProvider: {
                type: ClusterSecretStoreSpecProviderKubernetesServerCaProviderType.CONFIG_MAP,
                name: 'kube-root-ca.crt',
                key: 'ca.crt',
                namespace,
              },
            },
            auth: { serviceAccount: { name: LOCAL_SECRET_READER, namespace } },
          },
        },
      },
    });
  }
}

/**
 * The Secret name and key of a Secrets Manager key and property in the local store: Secret names are
 * DNS subdomains (no `/`), so `payments/db` + `password` becomes Secret `payments-db`, key `password`.
 */
export function localSecretName(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
}
