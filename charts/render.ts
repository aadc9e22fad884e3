/**
 * Renders the whole catalog, every environment, into memory. Nothing is written here; every
 * construct error is mapped back to the catalog file that caused it.
 */
import { App, type Chart } from 'cdk8s';
import type { Catalog, CatalogEnvironment } from '../apps/catalog.ts';
import type { CatalogIssue } from '../apps/issues.ts';
import { resolveService } from '../apps/resolve.ts';
import { InvalidPropsError } from './invalid-props-error.ts';
import type { ImageRef } from './kustomization.ts';
import type { KubeObject, RenderedApp } from './rendered-app.ts';
import { ServiceChart } from './service-chart.ts';

/** The result of rendering: apps when there are no issues. */
export interface RenderResult {
  /** The cdk8s app holding every chart (for `cdk8s synth`). */
  readonly app: App;
  /** Every app folder, sorted by environment then name. */
  readonly apps: readonly RenderedApp[];
  /** Every problem found; when non-empty, nothing may be written. */
  readonly issues: readonly CatalogIssue[];
}

function toApp(env: CatalogEnvironment, name: string, chart: Chart, images: readonly ImageRef[], namespace?: string): RenderedApp {
  return { env: env.spec.name, name, ...(namespace ? { namespace } : {}), objects: chart.toJson() as KubeObject[], images };
}

/** Options of {@link renderCatalog}. */
export interface RenderOptions {
  /**
   * Output folder used only when the cdk8s app itself is synthesized (`cdk8s synth`).
   * @default 'build/cdk8s.out'
   */
  readonly outdir?: string;
}

/** Renders every service of the catalog in every environment. */
export function renderCatalog(catalog: Catalog, options: RenderOptions = {}): RenderResult {
  const app = new App({ outdir: options.outdir ?? 'build/cdk8s.out' });
  const apps: RenderedApp[] = [];
  const issues: CatalogIssue[] = [];
  for (const env of catalog.environments) {
    for (const entry of catalog.services) {
      const resolved = resolveService(catalog, env, entry);
      issues.push(...resolved.issues);
      if (!resolved.props) continue;
      try {
        const chart = new ServiceChart(app, `${env.spec.name}-${entry.spec.name}`, { service: resolved.props });
        apps.push(toApp(env, entry.spec.name, chart, chart.images, resolved.props.namespace));
      } catch (e) {
        if (!(e instanceof InvalidPropsError)) throw e;
        issues.push({ file: entry.file, path: e.field, message: e.message });
      }
    }
  }
  return { app, apps, issues };
}
