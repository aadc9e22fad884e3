/**
 * The shape of the synth pipeline's app builders: each renders some app folders of one environment
 * from its resolved catalog (environment-apps.ts, tenant-apps.ts).
 */
import type { Construct } from 'constructs';
import type { CatalogIssue } from '../../apps/issues.ts';
import type { ResolvedEnvironment } from '../../apps/resolved-environment.ts';
import type { AppChart } from '../../charts/app-chart.ts';

/** What a builder produced for one environment. */
export interface BuiltApps {
  /** Charts, one per app folder. */
  readonly charts: readonly AppChart[];
  /** Problems, each naming a catalog file. */
  readonly issues: readonly CatalogIssue[];
}

/** Renders some app folders of one environment from its resolved catalog. */
export type AppBuilder = (scope: Construct, model: ResolvedEnvironment) => BuiltApps;
