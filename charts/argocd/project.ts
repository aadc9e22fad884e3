/**
 * A least-privilege AppProject: only this repo (and named chart repositories), only the listed
 * namespaces of the in-cluster destination, only the listed kinds.
 */
import { ApiObject, type ApiObjectProps } from 'cdk8s';
import { Construct } from 'constructs';
// Types only: the model classes pull in their validators (~0.1 s of imports); tests validate.
import type { IAppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import { ARGOCD_NAMESPACE, IN_CLUSTER, SYNC_WAVE_ANNOTATION } from './argo-defaults.ts';

/** An API group and kind. */
export interface GroupKind {
  /** API group (`''` for the core group). */
  readonly group: string;
  /** Kind. */
  readonly kind: string;
}

/** Props of {@link Project}. */
export interface ProjectProps {
  /** Project name. */
  readonly name: string;
  /** What the project is for (its description). */
  readonly description: string;
  /** Repositories its Applications may use. */
  readonly sourceRepos: readonly string[];
  /** Namespaces its Applications may deploy to. */
  readonly namespaces: readonly string[];
  /** Cluster-scoped kinds it may manage (empty: none). */
  readonly clusterResources: readonly GroupKind[];
  /** Namespaced kinds it may manage. @default - every namespaced kind */
  readonly namespacedResources?: readonly GroupKind[];
  /** Sync wave within the app that creates it (before the Applications that use it). @default - none */
  readonly syncWave?: number;
}

const byGroupKind = (a: GroupKind, b: GroupKind): number => `${a.group}/${a.kind}`.localeCompare(`${b.group}/${b.kind}`);

/** An AppProject with every list sorted, so additions are one-line diffs. */
export class Project extends Construct {
  /** The typed AppProject (validated in tests). */
  public readonly model: IAppProject;

  public constructor(scope: Construct, id: string, props: ProjectProps) {
    super(scope, id);
    this.model = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: {
        name: props.name,
        namespace: ARGOCD_NAMESPACE,
        ...(props.syncWave === undefined ? {} : { annotations: { [SYNC_WAVE_ANNOTATION]: String(props.syncWave) } }),
      },
      spec: {
        description: props.description,
        sourceRepos: [...new Set(props.sourceRepos)].sort(),
        destinations: [...new Set(props.namespaces)].sort().map((namespace) => ({ server: IN_CLUSTER, namespace })),
        clusterResourceWhitelist: [...props.clusterResources].sort(byGroupKind).map((gk) => ({ ...gk })),
        ...(props.namespacedResources
          ? { namespaceResourceWhitelist: [...props.namespacedResources].sort(byGroupKind).map((gk) => ({ ...gk })) }
          : {}),
        orphanedResources: { warn: true },
      },
    };
    new ApiObject(this, 'Resource', this.model as unknown as ApiObjectProps);
  }
}
