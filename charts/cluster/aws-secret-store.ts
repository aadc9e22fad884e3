/**
 * The ClusterSecretStore every service's ExternalSecret names: AWS Secrets Manager in the
 * environment's region, authenticated as the external-secrets controller's IRSA service account.
 */
import { Construct } from 'constructs';
import { ClusterSecretStore, ClusterSecretStoreSpecProviderAwsService } from '../../imports/external-secrets.io.ts';

/** Name the service ExternalSecrets reference. */
export const SECRET_STORE_NAME = 'aws-secrets-manager';

/** Props of {@link AwsSecretStore}. */
export interface AwsSecretStoreProps {
  /** AWS region of Secrets Manager. */
  readonly region: string;
  /** Store name. @default 'aws-secrets-manager' */
  readonly name?: string;
  /** Service account whose IRSA role reads the secrets. @default { name: 'external-secrets', namespace: 'external-secrets' } */
  readonly serviceAccount?: { readonly name: string; readonly namespace: string };
}

/** ClusterSecretStore for AWS Secrets Manager. */
export class AwsSecretStore extends Construct {
  /** The store (construct id `Resource`). */
  public readonly store: ClusterSecretStore;

  public constructor(scope: Construct, id: string, props: AwsSecretStoreProps) {
    super(scope, id);
    const sa = props.serviceAccount ?? { name: 'external-secrets', namespace: 'external-secrets' };
    this.store = new ClusterSecretStore(this, 'Resource', {
      metadata: { name: props.name ?? SECRET_STORE_NAME },
      spec: {
        provider: {
          aws: {
            service: ClusterSecretStoreSpecProviderAwsService.SECRETS_MANAGER,
            region: props.region,
            auth: { jwt: { serviceAccountRef: { name: sa.name, namespace: sa.namespace } } },
          },
        },
      },
    });
  }
}
