/**
 * The Argo CD dry run against the layout `dist/<env>/argocd/` (AppProject, Applications) with
 * add-ons as Helm sources; fixtures only, until Applications are rendered into dist/.
 */
import { describe, expect, it } from 'vitest';
import { argocdCheck, crdVersions } from '../../scripts/verify/checks/argocd.ts';
import { loadDist } from '../../scripts/verify/load-dist.ts';
import type { DistObject, KubeObject } from '../../scripts/verify/model.ts';
import { clone, companions, CRDS_DIR, deployment, inApp, model } from './fixtures.ts';

const project = (spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AppProject',
  metadata: { name: 'platform', namespace: 'argocd' },
  spec: {
    destinations: [{ server: 'https://kubernetes.default.svc', namespace: '*' }],
    clusterResourceWhitelist: [
      { group: 'templates.gatekeeper.sh', kind: '*' },
      { group: 'constraints.gatekeeper.sh', kind: '*' },
      { group: 'expansion.gatekeeper.sh', kind: '*' },
    ],
    namespaceResourceBlacklist: [{ group: '', kind: 'ResourceQuota' }],
    ...spec,
  },
});
const application = (name: string, wave: number, source: Record<string, unknown>, namespace = 'team'): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name, namespace: 'argocd', annotations: { 'argocd.argoproj.io/sync-wave': String(wave) } },
  spec: { project: 'platform', source, destination: { server: 'https://kubernetes.default.svc', namespace } },
});
// Charts named in versions.json are pinned at that version (another one fails `chart-crd-version`).
const helm = (chart: string): Record<string, unknown> => ({
  repoURL: 'https://charts.example.com',
  chart,
  targetRevision: crdVersions(CRDS_DIR).find((v) => v.chart === chart)?.chartVersion ?? '1.0.0',
});
const sm: KubeObject = {
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'ServiceMonitor',
  metadata: { name: 'app', namespace: 'team' },
  spec: {},
};

function layout(apps: KubeObject[], svc: KubeObject[] = [deployment(), ...companions(), sm], proj = project()): DistObject[][] {
  return [inApp('argocd', [proj, ...apps]), inApp('svc', svc)];
}
const good = (): KubeObject[] => [
  application('kube-prometheus-stack', -3, helm('kube-prometheus-stack'), 'monitoring'),
  application('svc', 1, { repoURL: 'https://git', path: 'dist/prod/svc', targetRevision: 'main' }),
];

async function messages(lists: DistObject[][]): Promise<string[]> {
  return (await argocdCheck.run(model(...lists), { crdsDir: CRDS_DIR })).map((f) => `${f.kind} ${f.name}: ${f.message}`);
}

describe('argocd check', () => {
  it('has nothing to check without Applications', async () => {
    expect(await messages([inApp('svc', [deployment()])])).toEqual([]);
  });

  it('passes an add-on in an earlier wave and an allowed project', async () => {
    expect(await messages(layout(good()))).toEqual([]);
  });

  it('fails a path that is not an app folder', async () => {
    const apps = [...good(), application('ghost', 1, { repoURL: 'https://git', path: 'dist/prod/ghost', targetRevision: 'main' })];
    expect(await messages(layout(apps))).toEqual([
      'Application argocd/ghost: source path dist/prod/ghost is not an app folder dist/<env>/<app>/ with a kustomization.yaml',
    ]);
  });

  it('fails a CRD installed in the same or a later wave', async () => {
    const apps = good();
    apps[0]!.metadata.annotations!['argocd.argoproj.io/sync-wave'] = '1';
    expect(await messages(layout(apps))).toEqual([
      "ServiceMonitor team/app: monitoring.coreos.com/v1 ServiceMonitor in Application svc (wave 1): its CRD (group monitoring.coreos.com) comes from Application kube-prometheus-stack, which is not synced before svc's first dry run; on an empty cluster the sync fails",
    ]);
  });

  it('fails constraints without an earlier Gatekeeper', async () => {
    const constraint: KubeObject = {
      apiVersion: 'constraints.gatekeeper.sh/v1beta1',
      kind: 'FintrackProbes',
      metadata: { name: 'p', annotations: { 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' } },
      spec: {},
    };
    const apps = [
      ...good(),
      application('policies', 0, { repoURL: 'https://git', path: 'dist/prod/policies', targetRevision: 'main' }, ''),
    ];
    const lists = [...layout(apps), inApp('policies', [constraint])];
    expect(await messages(lists)).toEqual([
      'FintrackProbes p: constraint kind FintrackProbes needs Gatekeeper installed in an earlier wave than policies (wave 0) and SkipDryRunOnMissingResource=true (no earlier gatekeeper add-on)',
    ]);
    // GIVEN Gatekeeper in wave -3 THEN it passes
    expect(
      await messages([
        inApp('argocd', [project(), ...apps, application('gatekeeper', -3, helm('gatekeeper'), 'gatekeeper-system')]),
        inApp('svc', [deployment(), ...companions(), sm]),
        inApp('policies', [constraint]),
      ]),
    ).toEqual([]);
  });

  it('fails a destination the project does not allow', async () => {
    const proj = project({
      destinations: [
        { server: 'https://kubernetes.default.svc', namespace: 'pay*' },
        { server: 'https://kubernetes.default.svc', namespace: 'monitoring' },
      ],
    });
    expect(await messages(layout(good(), undefined, proj))).toEqual([
      'Application argocd/svc: AppProject platform does not allow destination https://kubernetes.default.svc namespace "team"',
    ]);
  });

  it('fails a cluster-scoped kind outside the whitelist and a blacklisted kind', async () => {
    const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } };
    const quota: KubeObject = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'team' }, spec: {} };
    expect(await messages(layout(good(), [deployment(), ...companions(), sm, ns, quota]))).toEqual([
      "Namespace team: cluster-scoped core/Namespace is not in AppProject platform's clusterResourceWhitelist",
      'ResourceQuota team/q: core/ResourceQuota is blacklisted by AppProject platform',
    ]);
  });

  it('fails an object rendered by two Applications', async () => {
    const apps = [...good(), application('svc-copy', 1, { repoURL: 'https://git', path: 'dist/prod/svc-copy', targetRevision: 'main' })];
    const lists = [...layout(apps), inApp('svc-copy', [clone(deployment())])];
    expect(await messages(lists)).toEqual([
      'Deployment team/app: also rendered by Application svc; Application svc-copy would fight over it',
    ]);
  });

  it('fails a missing AppProject', async () => {
    const apps = good();
    (apps[1]!.spec as any).project = 'nope';
    expect(await messages(layout(apps))).toEqual(['Application argocd/svc: AppProject nope is not rendered in prod']);
  });

  it('fails an add-on whose chart version is not the one the CRD schemas belong to', async () => {
    const apps = [
      ...good(),
      application('argocd-image-updater', -2, { ...helm('argocd-image-updater'), targetRevision: '1.1.0' }, 'argocd'),
    ];
    expect(await messages(layout(apps))).toEqual([
      'Application argocd/argocd-image-updater: installs chart argocd-image-updater 1.1.0, but the CRD schemas verify uses (argocd-image-updater.argoproj.io_imageupdaters.yaml) are those of argocd-image-updater 1.2.4 (versions.json)',
    ]);
  });

  describe('first sync from an empty cluster', () => {
    const imageUpdater: KubeObject = {
      apiVersion: 'argocd-image-updater.argoproj.io/v1alpha1',
      kind: 'ImageUpdater',
      metadata: { name: 'svc', namespace: 'argocd' },
      spec: {},
    };
    const bootstrapProject = project({ clusterResourceWhitelist: [] });
    (bootstrapProject.metadata as any).name = 'platform';
    const root = application('root', 0, { repoURL: 'https://git', path: 'dist/prod/argocd', targetRevision: 'main' }, 'argocd');
    const updaterAddon = application('argocd-image-updater', -2, helm('argocd-image-updater'), 'argocd');
    const config = (wave: number): KubeObject =>
      application('argocd-config', wave, { repoURL: 'https://git', path: 'dist/prod/argocd-config', targetRevision: 'main' }, 'argocd');

    it('fails a kind in the root sync whose CRD a child Application installs, naming both', async () => {
      const lists = [inApp('bootstrap', [root, bootstrapProject]), ...layout([...good(), updaterAddon, imageUpdater])];
      expect(await messages(lists)).toEqual([
        "ImageUpdater argocd/svc: argocd-image-updater.argoproj.io/v1alpha1 ImageUpdater in Application root (wave 0): its CRD (group argocd-image-updater.argoproj.io) comes from Application argocd-image-updater, which is not synced before root's first dry run; on an empty cluster the sync fails",
      ]);
    });

    it('passes the same object in a child Application of a later wave than the add-on', async () => {
      const lists = [
        inApp('bootstrap', [root, bootstrapProject]),
        ...layout([...good(), updaterAddon, config(-1)]),
        inApp('argocd-config', [imageUpdater]),
      ];
      expect(await messages(lists)).toEqual([]);
    });

    it('fails it in a child Application of the same wave as the add-on', async () => {
      const lists = [
        inApp('bootstrap', [root, bootstrapProject]),
        ...layout([...good(), updaterAddon, config(-2)]),
        inApp('argocd-config', [imageUpdater]),
      ];
      expect(await messages(lists)).toEqual([
        "ImageUpdater argocd/svc: argocd-image-updater.argoproj.io/v1alpha1 ImageUpdater in Application argocd-config (wave -2): its CRD (group argocd-image-updater.argoproj.io) comes from Application argocd-image-updater, which is not synced before argocd-config's first dry run; on an empty cluster the sync fails",
      ]);
    });
  });
});

describe('argocd check on the committed dist/', () => {
  const loaded = loadDist('dist');
  const envs = [...new Set(loaded.objects.map((o) => o.env))];

  it.each(envs)('%s: the first sync from an empty cluster dry-runs every Application without a missing kind', async (env) => {
    // GIVEN dist/<env>/ as Argo CD sees it: the root Application from bootstrap/, its children, their waves
    const objects = loaded.objects.filter((o) => o.env === env);
    // WHEN the root sync and every child sync are dry-run in wave order
    const findings = await argocdCheck.run({ objects, apps: loaded.apps.filter((a) => a.env === env) }, { crdsDir: CRDS_DIR });
    // THEN no Application meets a kind its cluster does not know yet
    expect(findings.filter((f) => f.severity === 'error').map((f) => `${f.kind} ${f.name}: ${f.message}`)).toEqual([]);
  });

  // Environments whose platform runs Image Updater (a k3s environment renders no ImageUpdaters).
  const updated = envs.filter((env) => loaded.objects.some((o) => o.env === env && o.object.kind === 'ImageUpdater'));
  it.each(updated)('%s: fails when an ImageUpdater moves back into the root app', async (env) => {
    // GIVEN one ImageUpdater rendered in dist/<env>/argocd/ (the root Application's folder)
    const objects = loaded.objects.filter((o) => o.env === env);
    const updater = objects.find((o) => o.object.kind === 'ImageUpdater');
    expect(updater).toBeDefined();
    const moved = objects.map((o) => (o === updater ? { ...o, app: 'argocd' } : o));
    // WHEN dry-run THEN the root sync fails on it, naming the object, the Application and the add-on
    const findings = await argocdCheck.run({ objects: moved, apps: loaded.apps.filter((a) => a.env === env) }, { crdsDir: CRDS_DIR });
    expect(findings.map((f) => `${f.app} ${f.kind} ${f.rule}: ${f.message}`)).toContain(
      `argocd ImageUpdater crd-installed: argocd-image-updater.argoproj.io/v1alpha1 ImageUpdater in Application root (wave 0): its CRD (group argocd-image-updater.argoproj.io) comes from Application argocd-image-updater, which is not synced before root's first dry run; on an empty cluster the sync fails`,
    );
  });

  const argoCd = (objects: DistObject[]): DistObject =>
    objects.find((o) => o.object.kind === 'Application' && o.object.metadata.name === 'argo-cd')!;

  it.each(envs)('%s: fails when argocd-cm loses the Application health check that waves rely on', async (env) => {
    const objects = loaded.objects.filter((o) => o.env === env);
    const app = argoCd(objects);
    const changed = structuredClone(app.object) as any;
    delete changed.spec.source.helm.valuesObject.configs.cm['resource.customizations.health.argoproj.io_Application'];
    const findings = await argocdCheck.run(
      { objects: objects.map((o) => (o === app ? { ...o, object: changed } : o)), apps: loaded.apps.filter((a) => a.env === env) },
      { crdsDir: CRDS_DIR },
    );
    expect(findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['wave-health', 'bootstrap-values']));
  });

  it.each(envs)('%s: fails when the bootstrap values differ from the self-managed argo-cd Application', async (env) => {
    const objects = loaded.objects.filter((o) => o.env === env);
    const app = argoCd(objects);
    const changed = structuredClone(app.object) as any;
    changed.spec.source.helm.valuesObject.server.replicas = 7;
    const findings = await argocdCheck.run(
      { objects: objects.map((o) => (o === app ? { ...o, object: changed } : o)), apps: loaded.apps.filter((a) => a.env === env) },
      { crdsDir: CRDS_DIR },
    );
    expect(findings.map((f) => `${f.rule}: ${f.message}`)).toEqual([
      `bootstrap-values: dist/${env}/bootstrap/argo-cd-values.yaml differs from this Application's helm.valuesObject: the bootstrap install would not be the release Argo CD adopts`,
    ]);
  });
});
