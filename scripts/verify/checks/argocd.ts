/**
 * Argo CD dry run: what a sync of every Application in `dist/<env>/argocd/` and
 * `dist/<env>/bootstrap/` would hit before any object reaches the cluster: missing paths, kinds
 * whose CRD is not installed by an earlier wave, AppProject restrictions, and objects owned twice.
 */
import { appIndex, appKey } from '../app-index.ts';
import { BOOTSTRAP_CRD_GROUPS, CHART_CRD_GROUPS, CLUSTER_SCOPED_BUILTINS, isBuiltin } from '../builtin-kinds.ts';
import { existsSync, readFileSync } from 'node:fs';
import { load as loadYaml } from 'js-yaml';
import { join } from 'node:path';
import { arr, finding, groupOf, rec, type Check, type DistModel, type DistObject, type Finding, type VerifyOptions } from '../model.ts';
import { argoGlob } from '../argo-glob.ts';

const CHECK = 'argocd';
/** App folders holding Argo CD's own objects. */
const ARGO_FOLDERS = new Set(['argocd', 'bootstrap']);

const glob = argoGlob;

function wave(o: DistObject): number {
  const w = Number(o.object.metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? 0);
  return Number.isFinite(w) ? w : 0;
}

function sourcesOf(app: DistObject): Record<string, unknown>[] {
  const spec = rec(app.object.spec);
  return spec.source !== undefined ? [rec(spec.source)] : arr(spec.sources).map(rec);
}

function isClusterScoped(o: DistObject): boolean {
  return o.object.metadata.namespace === undefined;
}

/** One entry of `<crdsDir>/versions.json`: the chart version whose CRDs the files are. */
interface CrdVersion {
  readonly chart: string;
  readonly chartVersion: string;
  readonly files: readonly string[];
}

/** The chart versions the CRD schemas belong to (none when the folder has no versions.json). */
export function crdVersions(crdsDir: string): readonly CrdVersion[] {
  const path = join(crdsDir, 'versions.json');
  if (!existsSync(path)) return [];
  return (JSON.parse(readFileSync(path, 'utf8')) as CrdVersion[]).filter(
    (v) => typeof v.chart === 'string' && typeof v.chartVersion === 'string',
  );
}

/**
 * verify validates custom resources against the CRD files of exactly one chart version; an
 * Application installing another version would be judged against schemas it does not serve.
 */
function chartVersionFindings(applications: readonly DistObject[], versions: readonly CrdVersion[]): Finding[] {
  const out: Finding[] = [];
  for (const a of applications) {
    for (const s of sourcesOf(a)) {
      const pinned = versions.find((v) => v.chart === s.chart);
      if (typeof s.chart !== 'string' || !pinned || s.targetRevision === pinned.chartVersion) continue;
      out.push(
        finding(
          CHECK,
          a,
          'chart-crd-version',
          'error',
          `installs chart ${s.chart} ${String(s.targetRevision)}, but the CRD schemas verify uses (${pinned.files.join(', ')}) are those of ${s.chart} ${pinned.chartVersion} (versions.json)`,
        ),
      );
    }
  }
  return out;
}

/** The argocd-cm key that restores the Application health check (argo-cd docs/operator-manual/health.md). */
const APPLICATION_HEALTH = 'resource.customizations.health.argoproj.io_Application';
/** Values file of the bootstrap's Helm install (scripts/bootstrap-cluster.sh). */
const BOOTSTRAP_VALUES = 'argo-cd-values.yaml';

/**
 * The Argo CD that syncs the waves: without the Application health check, Argo CD treats a child
 * Application as healthy as soon as it exists (health checks for argoproj.io/Application were
 * removed in 1.8), so a later wave would start before an earlier one installed its CRDs. The
 * bootstrap's Helm install must use the same values, or the first sync runs without it.
 */
function selfManagedFindings(env: string, applications: readonly DistObject[], model: DistModel): Finding[] {
  const argo = applications.find((a) => sourcesOf(a).some((s) => s.chart === 'argo-cd'));
  if (!argo) return [];
  const values = rec(rec(sourcesOf(argo).find((s) => s.chart === 'argo-cd')?.helm).valuesObject);
  const out: Finding[] = [];
  const waves = new Set(applications.filter((a) => a.app !== 'bootstrap').map(wave));
  if (waves.size > 1 && typeof rec(rec(values.configs).cm)[APPLICATION_HEALTH] !== 'string')
    out.push(
      finding(
        CHECK,
        argo,
        'wave-health',
        'error',
        `configs.cm lacks ${APPLICATION_HEALTH}: sync waves would not wait for child Applications to be healthy`,
      ),
    );
  const bootstrap = model.apps.find((x) => x.env === env && x.app === 'bootstrap');
  const file = bootstrap ? join(bootstrap.dir, BOOTSTRAP_VALUES) : undefined;
  if (file && existsSync(file)) {
    let installed: unknown;
    try {
      installed = loadYaml(readFileSync(file, 'utf8'));
    } catch (e) {
      installed = `unreadable: ${(e as Error).message.split('\n')[0] ?? ''}`;
    }
    if (JSON.stringify(sortKeys(installed)) !== JSON.stringify(sortKeys(values)))
      out.push(
        finding(
          CHECK,
          argo,
          'bootstrap-values',
          'error',
          `dist/${env}/bootstrap/${BOOTSTRAP_VALUES} differs from this Application's helm.valuesObject: the bootstrap install would not be the release Argo CD adopts`,
        ),
      );
  }
  return out;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, sortKeys(v)]),
  );
}

function checkEnv(env: string, objects: readonly DistObject[], model: DistModel, versions: readonly CrdVersion[]): Finding[] {
  const out: Finding[] = [];
  const argo = objects.filter((o) => ARGO_FOLDERS.has(o.app) && groupOf(o.object.apiVersion) === 'argoproj.io');
  const applications = argo.filter((o) => o.object.kind === 'Application');
  const projects = argo.filter((o) => o.object.kind === 'AppProject');
  if (applications.length === 0) return out;
  out.push(...chartVersionFindings(applications, versions));
  out.push(...selfManagedFindings(env, applications, model));

  // CRDs rendered into an app folder are installed by that app's Application.
  const appOfPath = new Map<string, DistObject>();
  for (const a of applications) {
    for (const s of sourcesOf(a)) if (typeof s.path === 'string') appOfPath.set(s.path.replace(/\/+$/, ''), a);
  }
  // The Application whose sync creates `a` (none for what a person applies from bootstrap/).
  const parentOf = (a: DistObject): DistObject | undefined => (a.app === 'bootstrap' ? undefined : appOfPath.get(`dist/${env}/${a.app}`));

  // Add-ons (Helm sources) and app folders with CRDs, the groups they install, their wave and parent.
  const providers: { groups: readonly string[]; wave: number; name: string; parent: DistObject | undefined }[] = [];
  for (const a of applications) {
    for (const s of sourcesOf(a)) {
      const groups = typeof s.chart === 'string' ? CHART_CRD_GROUPS[s.chart] : undefined;
      if (groups) providers.push({ groups, wave: wave(a), name: a.object.metadata.name, parent: parentOf(a) });
    }
  }
  for (const crd of objects.filter((o) => o.object.kind === 'CustomResourceDefinition')) {
    const owner = appOfPath.get(`dist/${env}/${crd.app}`);
    if (owner)
      providers.push({
        groups: [String(rec(crd.object.spec).group)],
        wave: wave(owner),
        name: owner.object.metadata.name,
        parent: parentOf(owner),
      });
  }

  // API groups whose CRDs exist when `a` first syncs on an empty cluster. Argo CD syncs a parent's
  // Applications wave by wave and (with the Application health check) waits for each wave to be
  // healthy, so a child sees what its parent saw plus what earlier-wave siblings installed. Objects
  // of the parent's own sync are dry-run before any child exists (gitops-engine
  // pkg/sync/sync_context.go, Sync: a kind the API server does not know fails the dry run unless
  // SkipDryRunOnMissingResource=true).
  const availableCache = new Map<DistObject, { groups: Set<string>; via: Map<string, string> }>();
  const available = (a: DistObject, seen: ReadonlySet<DistObject> = new Set()): { groups: Set<string>; via: Map<string, string> } => {
    const cached = availableCache.get(a);
    if (cached) return cached;
    const parent = parentOf(a);
    const base =
      parent === undefined || seen.has(parent)
        ? { groups: new Set(BOOTSTRAP_CRD_GROUPS), via: new Map<string, string>() }
        : available(parent, new Set([...seen, a]));
    const result = { groups: new Set(base.groups), via: new Map(base.via) };
    for (const p of providers) {
      if (p.parent !== parent || p.wave >= wave(a) || p.name === a.object.metadata.name) continue;
      for (const g of p.groups) {
        result.groups.add(g);
        if (!result.via.has(g)) result.via.set(g, p.name);
      }
    }
    availableCache.set(a, result);
    return result;
  };
  const providerOf = (group: string): string | undefined => providers.find((p) => p.groups.includes(group))?.name;

  const owners = new Map<string, string>();
  const covered = new Set<string>();
  for (const a of applications) {
    const spec = rec(a.object.spec);
    const name = a.object.metadata.name;
    const paths = sourcesOf(a).filter((s) => typeof s.path === 'string');
    for (const s of sourcesOf(a)) {
      if (
        typeof s.path !== 'string' &&
        (typeof s.chart !== 'string' || typeof s.repoURL !== 'string' || typeof s.targetRevision !== 'string')
      ) {
        out.push(finding(CHECK, a, 'source', 'error', 'a source needs either path, or chart with repoURL and targetRevision'));
      }
    }
    const rendered: DistObject[] = [];
    for (const s of paths) {
      const path = String(s.path).replace(/\/+$/, '');
      const m = /^dist\/([^/]+)\/([^/]+)$/.exec(path);
      const folder = m ? appIndex(model).apps.get(appKey(m[1]!, m[2]!)) : undefined;
      if (!m || !folder) {
        out.push(
          finding(CHECK, a, 'path-exists', 'error', `source path ${path} is not an app folder dist/<env>/<app>/ with a kustomization.yaml`),
        );
        continue;
      }
      if (m[1] !== env) out.push(finding(CHECK, a, 'path-env', 'error', `source path ${path} belongs to environment ${m[1]}, not ${env}`));
      covered.add(`${m[1]}/${m[2]}`);
      rendered.push(...(appIndex(model).objects.get(appKey(m[1]!, m[2]!)) ?? []));
    }

    // Kinds: built-in, installed before this Application's first sync, or tolerated by
    // SkipDryRunOnMissingResource (Application sync option or object annotation).
    const myWave = wave(a);
    const known = available(a).groups;
    const skipApp = arr(rec(spec.syncPolicy).syncOptions).includes('SkipDryRunOnMissingResource=true');
    const reported = new Set<string>();
    for (const o of rendered) {
      const group = groupOf(o.object.apiVersion);
      const key = `${group}/${o.object.kind}`;
      if (isBuiltin(group, o.object.kind) || reported.has(key)) continue;
      const skip =
        skipApp || (o.object.metadata.annotations?.['argocd.argoproj.io/sync-options'] ?? '').includes('SkipDryRunOnMissingResource=true');
      if (group === 'constraints.gatekeeper.sh') {
        const gatekeeper = known.has('templates.gatekeeper.sh');
        if (!gatekeeper || !skip) {
          reported.add(key);
          out.push(
            finding(
              CHECK,
              o,
              'crd-installed',
              'error',
              `constraint kind ${o.object.kind} needs Gatekeeper installed in an earlier wave than ${name} (wave ${myWave}) and SkipDryRunOnMissingResource=true${gatekeeper ? '' : ' (no earlier gatekeeper add-on)'}${skip ? '' : ' (annotation missing)'}`,
            ),
          );
        }
        continue;
      }
      if (!known.has(group) && !skip) {
        reported.add(key);
        const provider = providerOf(group);
        out.push(
          finding(
            CHECK,
            o,
            'crd-installed',
            'error',
            provider === undefined
              ? `${o.object.apiVersion} ${o.object.kind} is not built in and no add-on installs its CRD before Application ${name} (wave ${myWave}) syncs`
              : `${o.object.apiVersion} ${o.object.kind} in Application ${name} (wave ${myWave}): its CRD (group ${group}) comes from Application ${provider}, which is not synced before ${name}'s first dry run; on an empty cluster the sync fails`,
          ),
        );
      }
    }

    // AppProject restrictions.
    const projectName = String(spec.project ?? 'default');
    const project = projects.find((p) => p.object.metadata.name === projectName);
    if (!project) {
      out.push(finding(CHECK, a, 'project-exists', 'error', `AppProject ${projectName} is not rendered in ${env}`));
    } else {
      const ps = rec(project.object.spec);
      const dest = rec(spec.destination);
      const server = String(dest.server ?? '');
      const destName = String(dest.name ?? '');
      const ns = String(dest.namespace ?? '');
      const allowed = arr(ps.destinations)
        .map(rec)
        .some((d) => {
          const serverOk =
            d.server !== undefined ? glob(String(d.server), server) : d.name !== undefined ? glob(String(d.name), destName) : false;
          return serverOk && glob(String(d.namespace ?? '*'), ns);
        });
      if (!allowed)
        out.push(
          finding(
            CHECK,
            a,
            'project-destination',
            'error',
            `AppProject ${projectName} does not allow destination ${server || destName} namespace "${ns}"`,
          ),
        );
      const matches = (list: unknown, o: DistObject): boolean =>
        arr(list)
          .map(rec)
          .some((e) => glob(String(e.group ?? ''), groupOf(o.object.apiVersion)) && glob(String(e.kind ?? ''), o.object.kind));
      for (const o of rendered) {
        const group = groupOf(o.object.apiVersion);
        const clusterScoped = isClusterScoped(o) || CLUSTER_SCOPED_BUILTINS.has(`${group}/${o.object.kind}`);
        if (clusterScoped && !matches(ps.clusterResourceWhitelist, o)) {
          out.push(
            finding(
              CHECK,
              o,
              'project-cluster-whitelist',
              'error',
              `cluster-scoped ${group || 'core'}/${o.object.kind} is not in AppProject ${projectName}'s clusterResourceWhitelist`,
            ),
          );
        }
        if (!clusterScoped && matches(ps.namespaceResourceBlacklist, o)) {
          out.push(
            finding(
              CHECK,
              o,
              'project-namespace-blacklist',
              'error',
              `${group || 'core'}/${o.object.kind} is blacklisted by AppProject ${projectName}`,
            ),
          );
        }
        if (!clusterScoped && ps.namespaceResourceWhitelist !== undefined && !matches(ps.namespaceResourceWhitelist, o)) {
          out.push(
            finding(
              CHECK,
              o,
              'project-namespace-blacklist',
              'error',
              `${group || 'core'}/${o.object.kind} is not in AppProject ${projectName}'s namespaceResourceWhitelist`,
            ),
          );
        }
      }
    }

    // One owner per object: Argo CD would flap between two Applications.
    for (const o of rendered) {
      const key = `${groupOf(o.object.apiVersion)}/${o.object.kind}/${o.object.metadata.namespace ?? ''}/${o.object.metadata.name}`;
      const other = owners.get(key);
      if (other !== undefined && other !== name)
        out.push(
          finding(CHECK, o, 'single-owner', 'error', `also rendered by Application ${other}; Application ${name} would fight over it`),
        );
      else owners.set(key, name);
    }
  }
  for (const app of model.apps.filter((x) => x.env === env && !ARGO_FOLDERS.has(x.app) && !covered.has(`${x.env}/${x.app}`))) {
    out.push({
      check: CHECK,
      env,
      app: app.app,
      kind: 'Kustomization',
      name: app.app,
      rule: 'app-has-application',
      severity: 'warning',
      message: `dist/${env}/${app.app}/ is not the path of any Application: Argo CD never syncs it`,
    });
  }
  return out;
}

/** The Argo CD dry-run check. */
export const argocdCheck: Check = {
  name: CHECK,
  rules: [
    'source',
    'path-exists',
    'path-env',
    'crd-installed',
    'project-exists',
    'project-destination',
    'project-cluster-whitelist',
    'project-namespace-blacklist',
    'single-owner',
    'app-has-application',
    'chart-crd-version',
    'wave-health',
    'bootstrap-values',
  ],
  run(model: DistModel, options: VerifyOptions): Finding[] {
    const versions = crdVersions(options.crdsDir);
    const envs = [...new Set(model.objects.map((o) => o.env))];
    return envs.flatMap((env) =>
      checkEnv(
        env,
        model.objects.filter((o) => o.env === env),
        model,
        versions,
      ),
    );
  },
};
