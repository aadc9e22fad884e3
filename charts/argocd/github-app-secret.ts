/**
 * A Secret holding GitHub App credentials, kept in sync from AWS Secrets Manager by an
 * ExternalSecret. Argo CD (repository secrets) and Argo CD Image Updater (`git:secret:` write-back
 * credentials) both read the same three keys: `githubAppID`, `githubAppInstallationID`,
 * `githubAppPrivateKey` (argo-cd docs/operator-manual/declarative-setup.md "Repositories";
 * argocd-image-updater docs/basics/update-methods.md "Specifying Git credentials").
 */
import { Construct } from 'constructs';
import type { GITHUB_APP_SECRET_PROPERTIES } from '../../apps/platform-secrets.ts';
import {
  ExternalSecret,
  ExternalSecretSpecSecretStoreRefKind,
  ExternalSecretSpecTargetCreationPolicy,
  ExternalSecretSpecTargetDeletionPolicy,
  ExternalSecretSpecTargetTemplateEngineVersion,
  ExternalSecretSpecTargetTemplateMergePolicy,
} from '../../imports/external-secrets.io.ts';

/** The Secrets Manager JSON properties an operator stores, and the Secret keys they become. */
export const GITHUB_APP_PROPERTIES: readonly { property: (typeof GITHUB_APP_SECRET_PROPERTIES)[number]; secretKey: string }[] = [
  { property: 'appId', secretKey: 'githubAppID' },
  { property: 'installationId', secretKey: 'githubAppInstallationID' },
  { property: 'privateKey', secretKey: 'githubAppPrivateKey' },
];

/** Props of {@link GitHubAppSecret}. */
export interface GitHubAppSecretProps {
  /** Name of the ExternalSecret and of the Secret it writes. */
  readonly name: string;
  /** Namespace of both. */
  readonly namespace: string;
  /** Secrets Manager secret holding `appId`, `installationId` and `privateKey`. */
  readonly remoteKey: string;
  /** ClusterSecretStore reading Secrets Manager. */
  readonly secretStore: string;
  /** Labels of the written Secret (e.g. Argo CD's secret type). @default {} */
  readonly secretLabels?: Readonly<Record<string, string>>;
  /** Plain keys added next to the credentials (e.g. `type`, `url`). @default {} */
  readonly plainData?: Readonly<Record<string, string>>;
}

/** An ExternalSecret that writes a GitHub App credentials Secret. */
export class GitHubAppSecret extends Construct {
  public constructor(scope: Construct, id: string, props: GitHubAppSecretProps) {
    super(scope, id);
    const labels = props.secretLabels ?? {};
    const plain = props.plainData ?? {};
    const templated = Object.keys(labels).length > 0 || Object.keys(plain).length > 0;
    new ExternalSecret(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace },
      spec: {
        refreshInterval: '1h',
        secretStoreRef: { kind: ExternalSecretSpecSecretStoreRefKind.CLUSTER_SECRET_STORE, name: props.secretStore },
        target: {
          name: props.name,
          creationPolicy: ExternalSecretSpecTargetCreationPolicy.OWNER,
          deletionPolicy: ExternalSecretSpecTargetDeletionPolicy.RETAIN,
          ...(templated
            ? {
                template: {
                  engineVersion: ExternalSecretSpecTargetTemplateEngineVersion.V2,
                  // Merge: the template adds labels and plain keys; the fetched keys stay as they are.
                  mergePolicy: ExternalSecretSpecTargetTemplateMergePolicy.MERGE,
                  metadata: { labels: { ...labels } },
                  data: { ...plain },
                },
              }
            : {}),
        },
        data: GITHUB_APP_PROPERTIES.map((p) => ({ secretKey: p.secretKey, remoteRef: { key: props.remoteKey, property: p.property } })),
      },
    });
  }
}
