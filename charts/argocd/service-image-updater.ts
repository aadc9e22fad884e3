/**
 * The ImageUpdater (Argo CD Image Updater v1) of one service: which tags it follows and how the
 * new tag is written back (the kustomization `images:` block of the service's dist/ folder).
 */
import { Construct } from 'constructs';
import { ImageUpdater } from '../../imports/argocd-image-updater.argoproj.io.ts';
import { ARGOCD_NAMESPACE } from './argo-defaults.ts';

/** Props of {@link ServiceImageUpdater}. */
export interface ServiceImageUpdaterProps {
  /** Application (and service) name. */
  readonly application: string;
  /** Image name without tag, exactly as in the Deployment and the kustomization. */
  readonly imageName: string;
  /** Image Updater strategy. */
  readonly strategy: 'newest-build' | 'semver';
  /** Regular expression of tags it may move to. */
  readonly allowTags: string;
  /** Git repository written to. */
  readonly repository: string;
  /** Branch Argo CD tracks (and the write-back or its pull request targets). */
  readonly branch: string;
  /** Commit directly, or open a GitHub pull request. */
  readonly writeBack: 'commit' | 'pull-request';
}

/** One ImageUpdater per service: a narrow blast radius and a readable diff. */
export class ServiceImageUpdater extends Construct {
  public constructor(scope: Construct, id: string, props: ServiceImageUpdaterProps) {
    super(scope, id);
    new ImageUpdater(this, 'Resource', {
      metadata: { name: props.application, namespace: ARGOCD_NAMESPACE },
      spec: {
        writeBackConfig: {
          method: 'git',
          gitConfig: {
            repository: props.repository,
            branch: props.branch,
            // Bare "kustomization": the kustomization.yaml in the Application's source path.
            writeBackTarget: 'kustomization',
            ...(props.writeBack === 'pull-request' ? { pullRequest: { github: {} } } : {}),
          },
        },
        applicationRefs: [
          {
            namePattern: props.application,
            images: [
              {
                alias: props.application,
                imageName: props.imageName,
                commonUpdateSettings: { updateStrategy: props.strategy, allowTags: `regexp:${props.allowTags}` },
                manifestTargets: { kustomize: { name: props.imageName } },
              },
            ],
          },
        ],
      },
    });
  }
}
