/**
 * Argo CD dry run: what a sync of every Application in `dist/<env>/argocd/` and
 * `dist/<env>/bootstrap/` would hit before any object reaches the cluster: missing paths, kinds
 * whose CRD is not installed by an earlier wave, AppProject restrictions, and objects owned twice.
 */
import { CHART_CRD_GROUPS, CLUSTER_SCOPED_BUILTINS, isBuiltin } from '../builtin-kinds.ts';
import { arr, finding, groupOf, rec, type Check, type DistModel, type DistObject, type Finding } from '../model.ts';

const CHECK = 'argocd';
/** App folders holding Argo CD's own objects. */
const ARGO_FOLDERS = new Set(['argocd', 'bootstrap']);

/** Argo CD's glob: `*` matches any run of characters. */
function glob(pattern: string, value: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(value);
}

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

function checkEnv(env: string, objects: readonly DistObject[], model: DistModel): Finding[] {
  const out: Finding[] = [];
  const argo = objects.filter((o) => ARGO_FOLDERS.has(o.app) && groupOf(o.object.apiVersion) === 'argoproj.io');
  const applications = argo.filter((o) => o.object.kind === 'Application');
  const projects = argo.filter((o) => o.object.kind === 'AppProject');
  if (applications.length === 0) return out;

  // Add-ons (Helm sources) and the CRD groups they install, with their waves.
  const providers: { groups: readonly string[]; wave: number; name: string }[] = [];
  for (const a of applications) {
    for (const s of sourcesOf(a)) {
      const groups = typeof s.chart === 'string' ? CHART_CRD_GROUPS[s.chart] : undefined;
      if (groups) providers.push({ groups, wave: wave(a), name: a.object.metadata.name });
    }
  }
  // CRDs rendered into an app folder are installed by that app's Application.
  const appOfPath = new Map<string, DistObject>();
  for (const a of applications) {
    for (const s of sourcesOf(a)) if (typeof s.path === 'string') appOfPath.set(s.path.replace(/\/+$/, ''), a);
  }
  for (const crd of objects.filter((o) => o.object.kind === 'CustomResourceDefinition')) {
    const owner = appOfPath.get(`dist/${env}/${crd.app}`);
    if (owner) providers.push({ groups: [String(rec(crd.object.spec).group)], wave: wave(owner), name: owner.object.metadata.name });
  }

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
      const folder = m ? model.apps.find((x) => x.env === m[1] && x.app === m[2]) : undefined;
      if (!m || !folder) {
        out.push(
          finding(CHECK, a, 'path-exists', 'error', `source path ${path} is not an app folder dist/<env>/<app>/ with a kustomization.yaml`),
        );
        continue;
      }
      if (m[1] !== env) out.push(finding(CHECK, a, 'path-env', 'error', `source path ${path} belongs to environment ${m[1]}, not ${env}`));
      covered.add(`${m[1]}/${m[2]}`);
      rendered.push(...model.objects.filter((o) => o.env === m[1] && o.app === m[2]));
    }

    // Kinds: built-in, or a CRD group installed by an add-on in an earlier wave.
    const myWave = wave(a);
    const reported = new Set<string>();
    for (const o of rendered) {
      const group = groupOf(o.object.apiVersion);
      const key = `${group}/${o.object.kind}`;
      if (isBuiltin(group, o.object.kind) || reported.has(key)) continue;
      if (group === 'constraints.gatekeeper.sh') {
        const gatekeeper = providers.some((p) => p.groups.includes('templates.gatekeeper.sh') && p.wave < myWave);
        const skip = (o.object.metadata.annotations?.['argocd.argoproj.io/sync-options'] ?? '').includes(
          'SkipDryRunOnMissingResource=true',
        );
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
      if (!providers.some((p) => p.groups.includes(group) && p.wave < myWave)) {
        reported.add(key);
        out.push(
          finding(
            CHECK,
            o,
            'crd-installed',
            'error',
            `${o.object.apiVersion} ${o.object.kind} is not built in and no add-on in a wave before ${myWave} (Application ${name}) installs its CRD`,
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
  ],
  run(model: DistModel): Finding[] {
    const envs = [...new Set(model.objects.map((o) => o.env))];
    return envs.flatMap((env) =>
      checkEnv(
        env,
        model.objects.filter((o) => o.env === env),
        model,
      ),
    );
  },
};
