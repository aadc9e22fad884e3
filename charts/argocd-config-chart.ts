/**
 * `dist/<env>/argocd-config/`: what Argo CD and Image Updater need once the add-ons run — the
 * repository read credentials, Image Updater's Git write credentials (both ExternalSecrets), and
 * one ImageUpdater per service. It syncs in the cluster-config wave, after the add-ons that
 * install the ExternalSecret and ImageUpdater CRDs, so no object here can fail Argo CD's dry run.
 */
import type { Construct } from 'constructs';
import { GITHUB_APP_SECRET_KEYS } from '../apps/platform-secrets.ts';
import type { EnvironmentName } from '../apps/schema/common.ts';
import { AppChart } from './app-chart.ts';
import { ARGOCD_NAMESPACE } from './argocd/argo-defaults.ts';
import { GitHubAppSecret } from './argocd/github-app-secret.ts';
import { ServiceImageUpdater } from './argocd/service-image-updater.ts';
import { SYNC_WAVES } from './sync-waves.ts';

/** The image of one service that Image Updater follows. */
export interface TrackedImage {
  /** Application (service) name. */
  readonly application: string;
  /** Image name without tag. */
  readonly imageName: string;
  /** Image Updater strategy. */
  readonly strategy: 'newest-build' | 'semver';
  /** Tags it may move to (regular expression). */
  readonly allowTags: string;
  /** Tags it must never move to. */
  readonly ignoreTags: readonly string[];
}

/** Secret names and Secrets Manager keys of the Git credentials (see README "Bootstrap a cluster"). */
export const GIT_CREDENTIALS = {
  /** Argo CD's read access to this repository (a `repository` secret). */
  repoRead: { secret: 'repo-fintrack-platform', remoteKey: (prefix: string) => `${prefix}/${GITHUB_APP_SECRET_KEYS.repoRead}` },
  /** Image Updater's write access (commits and pull requests). */
  imageWrite: { secret: 'argocd-image-updater-git', remoteKey: (prefix: string) => `${prefix}/${GITHUB_APP_SECRET_KEYS.imageWrite}` },
} as const;

/** Props of {@link ArgoCdConfigChart}. */
export interface ArgoCdConfigChartProps {
  /** Environment. */
  readonly env: EnvironmentName;
  /** This repository, the branch Argo CD tracks, and how Image Updater writes back. */
  readonly gitops: { readonly repoURL: string; readonly targetRevision: string; readonly imageWriteBack: 'commit' | 'pull-request' };
  /** Secrets Manager prefix of the environment (`fintrack/<env>`). */
  readonly secretsPrefix: string;
  /** ClusterSecretStore reading Secrets Manager. */
  readonly secretStore: string;
  /** Service images Image Updater follows. */
  readonly images: readonly TrackedImage[];
  /** Maps a Secrets Manager key to the store's key (a local store names Secrets without `/`). @default - unchanged */
  readonly remoteKeyName?: (key: string) => string;
}

/** The argocd-config app folder of one environment. */
export class ArgoCdConfigChart extends AppChart {
  public constructor(scope: Construct, props: ArgoCdConfigChartProps) {
    super(scope, {
      env: props.env,
      appName: 'argocd-config',
      namespace: ARGOCD_NAMESPACE,
      syncWave: SYNC_WAVES.clusterConfig,
      project: 'platform',
    });
    const { repoURL, targetRevision, imageWriteBack } = props.gitops;
    const remoteKey = props.remoteKeyName ?? ((key: string): string => key);
    new GitHubAppSecret(this, 'RepoRead', {
      name: GIT_CREDENTIALS.repoRead.secret,
      namespace: ARGOCD_NAMESPACE,
      remoteKey: remoteKey(GIT_CREDENTIALS.repoRead.remoteKey(props.secretsPrefix)),
      secretStore: props.secretStore,
      // Argo CD picks up repository secrets by this label (argo-cd util/db/repository_secrets.go).
      secretLabels: { 'argocd.argoproj.io/secret-type': 'repository' },
      plainData: { type: 'git', url: repoURL },
    });
    if (props.images.length > 0) {
      new GitHubAppSecret(this, 'ImageWrite', {
        name: GIT_CREDENTIALS.imageWrite.secret,
        namespace: ARGOCD_NAMESPACE,
        remoteKey: remoteKey(GIT_CREDENTIALS.imageWrite.remoteKey(props.secretsPrefix)),
        secretStore: props.secretStore,
      });
    }
    for (const image of props.images) {
      new ServiceImageUpdater(this, `image-updater-${image.application}`, {
        ...image,
        writeBack: {
          mode: imageWriteBack,
          repository: repoURL,
          branch: targetRevision,
          credentialsSecret: GIT_CREDENTIALS.imageWrite.secret,
        },
      });
    }
  }
}
