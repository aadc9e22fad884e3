/**
 * Renders the whole catalog, every environment, into memory. Nothing is written here; every
 * construct error is mapped back to the catalog file that caused it.
 */
import { App } from 'cdk8s';
import type { Catalog } from '../apps/catalog.ts';
import type { CatalogIssue } from '../apps/issues.ts';
import type { AppChart } from './app-chart.ts';
import { APP_BUILDERS } from './environment-apps.ts';
import type { KubeObject, RenderedApp } from './rendered-app.ts';

/** The result of rendering: apps when there are no issues. */
export interface RenderResult {
  /** The cdk8s app holding every chart (for `cdk8s synth`). */
  readonly app: App;
  /** Every app folder, sorted by environment then name. */
  readonly apps: readonly RenderedApp[];
  /** Every problem found; when non-empty, nothing may be written. */
  readonly issues: readonly CatalogIssue[];
}

/** Options of {@link renderCatalog}. */
export interface RenderOptions {
  /**
   * Output folder used only when the cdk8s app itself is synthesized (`cdk8s synth`).
   * @default 'build/cdk8s.out'
   */
  readonly outdir?: string;
}

function toApp(chart: AppChart): RenderedApp {
  return {
    env: chart.env,
    name: chart.appName,
    ...(chart.homeNamespace ? { namespace: chart.homeNamespace } : {}),
    objects: chart.toJson() as KubeObject[],
    images: chart.images,
  };
}

/** Renders every app folder of every environment. */
export function renderCatalog(catalog: Catalog, options: RenderOptions = {}): RenderResult {
  const app = new App({ outdir: options.outdir ?? 'build/cdk8s.out' });
  const charts: AppChart[] = [];
  const issues: CatalogIssue[] = [];
  for (const env of catalog.environments) {
    for (const build of APP_BUILDERS) {
      const built = build(app, catalog, env);
      charts.push(...built.charts);
      issues.push(...built.issues);
    }
  }
  return { app, apps: issues.length > 0 ? [] : charts.map(toApp), issues };
}
