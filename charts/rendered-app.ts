/**
 * What synth produces per Argo CD application folder, before anything is written.
 */
import type { EnvironmentName } from '../apps/schema/common.ts';
import type { SyncWave } from './sync-waves.ts';

/** A Kubernetes object as rendered (plain JSON). */
export type KubeObject = {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
};

/** An image of an app: the name kustomize matches (`registry/repository`) and its tag policy. */
export interface ImageRef {
  /** Image name without tag, as written in the Deployment. */
  readonly name: string;
  /** Registry host the image must stay in (`newName` may not leave it). */
  readonly registry: string;
  /** The tag a service starts from when its kustomization has no entry yet. */
  readonly initialTag: string;
  /** Regular expression (RE2-compatible) of the tags the service may run. */
  readonly allowTags: string;
  /** Tags the service must not run (rolled-back builds). */
  readonly ignoreTags: readonly string[];
  /** Catalog file that declares the policy (named in errors). */
  readonly declaredIn: string;
}

/** One app folder `dist/<env>/<name>/`. */
export interface RenderedApp {
  /** Environment the folder belongs to. */
  readonly env: EnvironmentName;
  /** Folder name (also the Argo CD Application name within the environment). */
  readonly name: string;
  /** Namespace most objects live in; their files omit it from the name. @default - none */
  readonly namespace?: string;
  /** Objects of the app. */
  readonly objects: readonly KubeObject[];
  /** Images whose tags live in the kustomization's `images:` block. */
  readonly images: readonly ImageRef[];
  /** Argo CD placement; absent for folders no child Application syncs (argocd/, bootstrap/). */
  readonly argo?: {
    /** AppProject of the app's Application. */
    readonly project: string;
    /** Sync wave of the app's Application. */
    readonly syncWave: SyncWave;
  };
}
