/**
 * What synth produces per Argo CD application folder, before anything is written.
 */
import type { EnvironmentName } from '../apps/schema/common.ts';
import type { ImageRef } from './kustomization.ts';
import type { SyncWave } from './sync-waves.ts';

/** A Kubernetes object as rendered (plain JSON). */
export type KubeObject = {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
};

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
