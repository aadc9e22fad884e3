/**
 * A chart that is one Argo CD application folder, `dist/<env>/<appName>/`.
 */
import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { EnvironmentName } from '../apps/schema/common.ts';
import type { ImageRef } from './rendered-app.ts';
import type { SyncWave } from './sync-waves.ts';

/** Props of {@link AppChart}. */
export interface AppChartProps {
  /** Environment the folder belongs to. */
  readonly env: EnvironmentName;
  /** Folder name and Argo CD Application name (unique within the environment). */
  readonly appName: string;
  /** Namespace most objects live in; their files omit it from the name. @default - none (cluster-scoped or mixed) */
  readonly namespace?: string;
  /** When Argo CD syncs the app relative to the others. */
  readonly syncWave: SyncWave;
  /** Argo CD AppProject the app belongs to (e.g. `team-payments`, `platform`). */
  readonly project: string;
  /** Images whose tags live in the kustomization's `images:` block. @default [] */
  readonly images?: readonly ImageRef[];
}

/** Base of every chart rendered to its own app folder. */
export abstract class AppChart extends Chart {
  /** Environment the folder belongs to. */
  public readonly env: EnvironmentName;
  /** Folder and Application name. */
  public readonly appName: string;
  /** Namespace most objects live in. */
  public readonly homeNamespace: string | undefined;
  /** Sync wave of the app's Application. */
  public readonly syncWave: SyncWave;
  /** AppProject of the app's Application. */
  public readonly project: string;
  /** Images Image Updater may bump. */
  public readonly images: readonly ImageRef[];

  protected constructor(scope: Construct, props: AppChartProps) {
    super(scope, `${props.env}-${props.appName}`, {
      ...(props.namespace ? { namespace: props.namespace } : {}),
      disableResourceNameHashes: true,
    });
    this.env = props.env;
    this.appName = props.appName;
    this.homeNamespace = props.namespace;
    this.syncWave = props.syncWave;
    this.project = props.project;
    this.images = props.images ?? [];
  }
}
