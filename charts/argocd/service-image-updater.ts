/**
 * The ImageUpdater (Argo CD Image Updater v1.2) of one service: which tags it follows and how the
 * new tag is written back (the `images:` block of the service's dist/ kustomization).
 */
import { Construct } from 'constructs';
import { ImageUpdater } from '../../imports/argocd-image-updater.argoproj.io.ts';
import { ARGOCD_NAMESPACE } from './argo-defaults.ts';

/** How a service's new tags reach Git. */
export interface ImageWriteBack {
  /** Commit to `branch`, or open a GitHub pull request against it. */
  readonly mode: 'commit' | 'pull-request';
  /** Git repository written to (this repository). */
  readonly repository: string;
  /** Branch Argo CD tracks: the commit lands there, or the pull request targets it. */
  readonly branch: string;
  /** Secret (in the Image Updater's namespace) with the GitHub App write credentials. */
  readonly credentialsSecret: string;
}

/** Props of {@link ServiceImageUpdater}. */
export interface ServiceImageUpdaterProps {
  /** Application (and service) name. */
  readonly application: string;
  /** ImageUpdater name (unique in the environment). @default - the application name */
  readonly updaterName?: string;
  /** Image name without tag, exactly as in the Deployment and the kustomization `images[].name`. */
  readonly imageName: string;
  /** Image Updater strategy. */
  readonly strategy: 'newest-build' | 'semver';
  /** Regular expression of tags it may move to. */
  readonly allowTags: string;
  /** Tags it must never move to (e.g. a build that was rolled back). @default [] */
  readonly ignoreTags?: readonly string[];
  /** Where and how the new tag is written. */
  readonly writeBack: ImageWriteBack;
}

/** One ImageUpdater per service: a narrow blast radius and a readable diff. */
export class ServiceImageUpdater extends Construct {
  public constructor(scope: Construct, id: string, props: ServiceImageUpdaterProps) {
    super(scope, id);
    const wb = props.writeBack;
    new ImageUpdater(this, 'Resource', {
      metadata: { name: props.updaterName ?? props.application, namespace: ARGOCD_NAMESPACE },
      spec: {
        writeBackConfig: {
          // git:secret:<ns>/<name>: write with these credentials instead of Argo CD's read-only ones
          // (argocd-image-updater pkg/argocd/gitcreds.go; PR mode needs a token: PAT or GitHub App).
          method: `git:secret:${ARGOCD_NAMESPACE}/${wb.credentialsSecret}`,
          gitConfig: {
            repository: wb.repository,
            // PR mode takes the base branch only; "base:target" is refused there (docs/basics/update-methods.md).
            branch: wb.branch,
            // Bare "kustomization": the kustomization.yaml in the Application's source path.
            writeBackTarget: 'kustomization',
            ...(wb.mode === 'pull-request' ? { pullRequest: { github: {} } } : {}),
          },
        },
        applicationRefs: [
          {
            namePattern: props.application,
            images: [
              {
                alias: props.application,
                imageName: props.imageName,
                commonUpdateSettings: {
                  updateStrategy: props.strategy,
                  allowTags: `regexp:${props.allowTags}`,
                  ...(props.ignoreTags && props.ignoreTags.length > 0 ? { ignoreTags: [...props.ignoreTags] } : {}),
                },
                // No manifestTargets.kustomize.name: with it, the override becomes "name=image:tag" and the
                // kustomize setter writes `newName` next to `newTag` (pkg/argocd/argocd.go SetKustomizeImage,
                // pkg/argocd/git.go parseImageOverride). Without it only `newTag` changes: one line.
              },
            ],
          },
        ],
      },
    });
  }
}
