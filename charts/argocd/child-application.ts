/**
 * One child Application of the app-of-apps: either a dist/ folder (Kustomize) or a Helm chart.
 */
import { ApiObject, type ApiObjectProps } from 'cdk8s';
import { Construct } from 'constructs';
// Types only: the model classes pull in their validators (~0.1 s of imports); tests validate.
import type { IApplication } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { ARGOCD_NAMESPACE, IN_CLUSTER, RESOURCES_FINALIZER, RETRY, SYNC_WAVE_ANNOTATION } from './argo-defaults.ts';

/** Where the Application's manifests come from. */
export type ApplicationSource =
  | { readonly kind: 'dist'; readonly repoURL: string; readonly targetRevision: string; readonly path: string }
  | {
      readonly kind: 'helm';
      readonly repoURL: string;
      readonly chart: string;
      readonly version: string;
      readonly values: Readonly<Record<string, unknown>>;
    };

/** Props of {@link ChildApplication}. */
export interface ChildApplicationProps {
  /** Application name. */
  readonly name: string;
  /** AppProject it belongs to. */
  readonly project: string;
  /** Sync wave. */
  readonly syncWave: number;
  /** Namespace objects without one land in. */
  readonly namespace: string;
  /** Manifest source. */
  readonly source: ApplicationSource;
  /** Labels of the Application (used by Image Updater and dashboards). @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** Create the destination namespace with these labels. @default - the namespace must exist */
  readonly managedNamespaceLabels?: Readonly<Record<string, string>>;
  /** Apply server-side. @default false */
  readonly serverSideApply?: boolean;
  /** Skip dry-run for kinds whose CRD the same sync creates (Gatekeeper constraints). @default false */
  readonly skipDryRunOnMissingResource?: boolean;
}

/** An automated, self-healing, pruning child Application with cascading delete. */
export class ChildApplication extends Construct {
  /** The typed Application (validated in tests). */
  public readonly model: IApplication;

  public constructor(scope: Construct, id: string, props: ChildApplicationProps) {
    super(scope, id);
    const src = props.source;
    const syncOptions = [
      ...(props.managedNamespaceLabels ? ['CreateNamespace=true'] : []),
      ...(props.serverSideApply ? ['ServerSideApply=true'] : []),
      ...(props.skipDryRunOnMissingResource ? ['SkipDryRunOnMissingResource=true'] : []),
      'PruneLast=true',
    ];
    this.model = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: props.name,
        namespace: ARGOCD_NAMESPACE,
        labels: { ...props.labels },
        annotations: { [SYNC_WAVE_ANNOTATION]: String(props.syncWave) },
        finalizers: [RESOURCES_FINALIZER],
      },
      spec: {
        project: props.project,
        source:
          src.kind === 'dist'
            ? { repoURL: src.repoURL, targetRevision: src.targetRevision, path: src.path }
            : {
                repoURL: src.repoURL,
                chart: src.chart,
                targetRevision: src.version,
                helm: { releaseName: props.name, valuesObject: { ...src.values } },
              },
        destination: { server: IN_CLUSTER, namespace: props.namespace },
        revisionHistoryLimit: 5,
        syncPolicy: {
          automated: { prune: true, selfHeal: true },
          retry: { limit: RETRY.limit, backoff: { ...RETRY.backoff } },
          syncOptions,
          ...(props.managedNamespaceLabels ? { managedNamespaceMetadata: { labels: { ...props.managedNamespaceLabels } } } : {}),
        },
      },
    };
    new ApiObject(this, 'Resource', this.model as unknown as ApiObjectProps);
  }
}
