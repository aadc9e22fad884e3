/**
 * An add-on installed from a Helm chart, as the Argo CD layer needs it.
 */
import type { SyncWave } from '../sync-waves.ts';

/** A Helm add-on resolved for one environment (values already filled from the environment). */
export interface HelmAddon {
  /** Add-on and Application name. */
  readonly name: string;
  /** Namespace the release is installed into. */
  readonly namespace: string;
  /** Helm repository URL. */
  readonly repoURL: string;
  /** Chart name in the repository. */
  readonly chart: string;
  /** Exact chart version. */
  readonly version: string;
  /** Sync wave of its Application. */
  readonly syncWave: SyncWave;
  /** Apply server-side (large CRDs). */
  readonly serverSideApply: boolean;
  /** Helm values. */
  readonly values: Readonly<Record<string, unknown>>;
}
