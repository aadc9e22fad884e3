/**
 * Renders the whole catalog, every environment, into memory. Nothing is written here; every
 * construct error is mapped back to the catalog file that caused it.
 */
import { App } from 'cdk8s';
import type { Catalog } from '../../apps/catalog.ts';
import type { CatalogIssue } from '../../apps/issues.ts';
import { resolveEnvironment, type ResolvedEnvironment } from '../../apps/resolved-environment.ts';
import { TRACKED_TAGS } from '../../apps/schema/service.ts';
import type { AppChart } from '../../charts/app-chart.ts';
import { ArgoCdChart } from '../../charts/argocd-chart.ts';
import { ArgoCdConfigChart, type TrackedImage } from '../../charts/argocd-config-chart.ts';
import { BootstrapChart } from '../../charts/bootstrap-chart.ts';
import { secretStoreName } from '../../apps/platform.ts';
import { localSecretKey, platformCatalog } from '../../apps/localize.ts';
import { chartsToJson } from './chart-objects.ts';
import { APP_BUILDERS } from './environment-apps.ts';
import type { KubeObject, RenderedApp } from '../../charts/rendered-app.ts';

/** The result of rendering: apps when there are no issues. */
export interface RenderResult {
  /** The cdk8s apps, one per environment, holding every chart (for `cdk8s synth`). */
  readonly cdkApps: readonly App[];
  /** Every app folder, sorted by environment then name. */
  readonly apps: readonly RenderedApp[];
  /** Every problem found; when non-empty, nothing may be written. */
  readonly issues: readonly CatalogIssue[];
  /** The catalog resolved per environment (what the Terraform catalog and contract are written from). */
  readonly models: readonly ResolvedEnvironment[];
}

/** Options of {@link renderCatalog}. */
export interface RenderOptions {
  /**
   * Output folder used only when the cdk8s app itself is synthesized (`cdk8s synth`).
   * @default 'build/cdk8s.out'
   */
  readonly outdir?: string;
}

function toApp(chart: AppChart, objects: unknown[], child: boolean): RenderedApp {
  return {
    env: chart.env,
    name: chart.appName,
    ...(chart.homeNamespace ? { namespace: chart.homeNamespace } : {}),
    objects: objects as KubeObject[],
    images: chart.images,
    ...(child ? { argo: { project: chart.project, syncWave: chart.syncWave } } : {}),
  };
}

function trackedImages(model: ResolvedEnvironment): TrackedImage[] {
  return model.services.map(({ spec, imageName }) => ({
    application: spec.name,
    imageName,
    strategy: spec.image.track === 'semver' ? 'semver' : 'newest-build',
    allowTags: TRACKED_TAGS[spec.image.track],
    ignoreTags: spec.image.ignoreTags,
  }));
}

/** Renders every app folder of every environment. */
export function renderCatalog(catalog: Catalog, options: RenderOptions = {}): RenderResult {
  const cdkApps: App[] = [];
  const apps: RenderedApp[] = [];
  const issues: CatalogIssue[] = [];
  const models: ResolvedEnvironment[] = [];
  for (const env of catalog.environments) {
    // The services the platform can run (k3s: no GPU services), resolved once.
    const model = resolveEnvironment(platformCatalog(catalog, env), env);
    models.push(model);
    // One cdk8s App per environment, synthesized with chartsToJson: cdk8s resolves and validates
    // the whole App for every chart.toJson(), which is quadratic in the charts of one App.
    const app = new App({ outdir: options.outdir ?? 'build/cdk8s.out' });
    cdkApps.push(app);
    const children: AppChart[] = [];
    for (const build of APP_BUILDERS) {
      const built = build(app, model);
      children.push(...built.charts);
      issues.push(...built.issues);
    }
    const { addons } = model;
    issues.push(...model.issues);
    if (issues.length > 0) continue;
    children.push(
      new ArgoCdConfigChart(app, {
        env: env.spec.name,
        gitops: env.spec.gitops,
        secretsPrefix: env.spec.secretsPrefix,
        secretStore: secretStoreName(env.platform),
        images: env.platform.imageUpdater ? trackedImages(model) : [],
        ...(env.platform.secretStore === 'kubernetes' ? { remoteKeyName: (key: string) => localSecretKey(env, key) } : {}),
      }),
    );
    // Two resolve-and-validate passes per App (see chart-objects.ts): the children, then the two
    // charts that list them.
    const rendered = chartsToJson(children).map((objects, i) => toApp(children[i] as AppChart, objects, true));
    const argocd = new ArgoCdChart(app, { env: env.spec.name, gitops: env.spec.gitops, apps: rendered, addons });
    const bootstrap = new BootstrapChart(app, { env: env.spec.name, gitops: env.spec.gitops });
    const [argocdObjects = [], bootstrapObjects = []] = chartsToJson([argocd, bootstrap]);
    apps.push(...rendered, toApp(argocd, argocdObjects, false), toApp(bootstrap, bootstrapObjects, false));
  }
  return { cdkApps, apps: issues.length > 0 ? [] : apps, issues, models };
}
