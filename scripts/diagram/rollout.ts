/**
 * The app-of-apps of one environment as Argo CD will sync it, read from rendered objects only
 * (like verify, never the catalog): the root Application(s), the AppProjects and Applications in
 * the folder the root syncs, each Application's wave, project and source (a chart and version for
 * Helm add-ons, a dist/ folder otherwise).
 */
import type { DistObject } from '../diff/objects.ts';

/** One Application as the picture shows it. */
export interface RolloutApp {
  readonly name: string;
  readonly project: string;
  readonly wave: number;
  /** `chart <name> <version>` for a Helm add-on, `undefined` for a dist/ folder. */
  readonly chart?: { readonly name: string; readonly version: string };
  /** Repository path the Application syncs (`dist/prod/payments-service`), when it syncs a folder. */
  readonly path?: string;
}

/** One root Application and what it syncs. */
export interface Rollout {
  readonly env: string;
  readonly root: RolloutApp;
  /** AppProjects the root syncs, by name. */
  readonly projects: readonly { readonly name: string; readonly wave: number }[];
  /** Applications the root syncs, by name. */
  readonly apps: readonly RolloutApp[];
}

interface ApplicationBody {
  metadata?: { name?: string; annotations?: Record<string, string> };
  spec?: { project?: string; source?: { path?: string; chart?: string; targetRevision?: string } };
}

/**
 * The sync wave of an object. Mirrors argoproj/gitops-engine pkg/sync/syncwaves/waves.go `Wave`:
 * the `argocd.argoproj.io/sync-wave` annotation when it parses as an integer, otherwise the Helm
 * hook weight, which is 0 for anything that is not a Helm hook (Applications and AppProjects here).
 */
export function syncWave(body: unknown): number {
  const text = (body as ApplicationBody).metadata?.annotations?.['argocd.argoproj.io/sync-wave'];
  const wave = text === undefined ? Number.NaN : Number(text);
  return Number.isInteger(wave) && /^\s*[+-]?\d+\s*$/.test(text ?? '') ? wave : 0;
}

function toApp(o: DistObject): RolloutApp {
  const body = o.body as ApplicationBody;
  const source = body.spec?.source ?? {};
  return {
    name: o.name,
    project: body.spec?.project ?? 'default',
    wave: syncWave(body),
    ...(source.chart ? { chart: { name: source.chart, version: source.targetRevision ?? '' } } : {}),
    ...(source.path ? { path: source.path.replace(/\/+$/, '') } : {}),
  };
}

const byName = <T extends { name: string }>(a: T, b: T): number => a.name.localeCompare(b.name);

/**
 * Every root of `env` in `objects`: an Application whose source path is a folder of `env` that
 * holds Applications (`dist/prod/argocd`), with the Applications and AppProjects of that folder.
 * `dist` is the repository path of the rendered folder, as the Applications name it.
 */
export function rolloutsOf(objects: Iterable<DistObject>, env: string, dist = 'dist'): Rollout[] {
  const inEnv = [...objects].filter((o) => o.env === env);
  const folderOf = (o: DistObject): string => `${dist.replace(/\/+$/, '')}/${o.env}${o.app ? `/${o.app}` : ''}`;
  const applications = inEnv.filter((o) => o.kind === 'Application');
  const rollouts: Rollout[] = [];
  for (const rootObject of applications) {
    const root = toApp(rootObject);
    const children = applications.filter((o) => folderOf(o) === root.path);
    if (children.length === 0) continue;
    const projects = inEnv
      .filter((o) => o.kind === 'AppProject' && folderOf(o) === root.path)
      .map((o) => ({ name: o.name, wave: syncWave(o.body) }))
      .sort(byName);
    rollouts.push({ env, root, projects, apps: children.map(toApp).sort(byName) });
  }
  return rollouts.sort((a, b) => byName(a.root, b.root));
}
