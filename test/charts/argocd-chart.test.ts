/**
 * The Argo CD layer as rendered in dist/: schemas, app-of-apps shape, project boundaries, and
 * Image Updater coverage. These read the committed output, so they judge what Argo CD will get.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing } from 'cdk8s';
import { Ajv } from 'ajv';
import { load } from 'js-yaml';
import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { AppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../apps/catalog.ts';
import { ArgoCdChart } from '../../charts/argocd-chart.ts';
import { loadDist } from '../../scripts/verify/load-dist.ts';

const ENVS = ['dev', 'staging', 'prod'];
// Read as verify reads it (kustomizations' resources, images applied).
const objects = loadDist('dist').objects.map((o) => ({ env: o.env, app: o.app, file: o.file, obj: o.object as any }));
type DistObject = (typeof objects)[number];
const catalog = loadCatalog();
const of = (env: string, kind: string): DistObject[] => objects.filter((o) => o.env === env && o.obj.kind === kind);
const wave = (o: DistObject): number => Number((o.obj.metadata.annotations as Record<string, string>)['argocd.argoproj.io/sync-wave']);

function globMatch(pattern: string, value: string): boolean {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  ).test(value);
}

describe.each(ENVS)('Argo CD layer in %s', (env) => {
  const apps = of(env, 'Application');
  const projects = new Map(of(env, 'AppProject').map((p) => [p.obj.metadata.name, p.obj]));
  const children = apps.filter((a) => a.app === 'argocd');

  it('has one root Application, applied by hand from bootstrap/, syncing argocd/', () => {
    const roots = apps.filter((a) => a.app === 'bootstrap');
    expect(roots.map((r) => r.obj.metadata.name)).toEqual(['root']);
    expect(roots[0]?.obj.spec.source.path).toBe(`dist/${env}/argocd`);
    expect(roots[0]?.obj.spec.project).toBe('bootstrap');
  });

  it('has one child Application per app folder, each automated with prune, self-heal, retry and the finalizer', () => {
    const folders = [...new Set(objects.filter((o) => o.env === env && !['argocd', 'bootstrap'].includes(o.app)).map((o) => o.app))];
    const distApps = children.filter((a) => a.obj.spec.source.path);
    expect(distApps.map((a) => a.obj.metadata.name).sort()).toEqual(folders.sort());
    for (const { obj } of children) {
      expect(obj.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
      expect(obj.spec.syncPolicy.retry.limit).toBeGreaterThan(0);
      expect(obj.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
      expect(Number.isInteger(Number((obj.metadata.annotations as Record<string, string>)['argocd.argoproj.io/sync-wave']))).toBe(true);
    }
  });

  it('has a child Application for every catalog service', () => {
    const names = children.map((a) => a.obj.metadata.name);
    for (const { spec } of catalog.services) expect(names).toContain(spec.name);
  });

  it('every Application and AppProject validates against its schema', () => {
    for (const a of apps) expect(() => new Application(a.obj as never).validate()).not.toThrow();
    for (const p of of(env, 'AppProject')) expect(() => new AppProject(p.obj as never).validate()).not.toThrow();
  });

  it('every ImageUpdater validates against the upstream CRD schema and covers every service image', () => {
    const crd = load(
      readFileSync(join(process.env.CRDS_DIR ?? '../shared/crds', 'argocd-image-updater.argoproj.io_imageupdaters.yaml'), 'utf8'),
    ) as any;
    const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(
      crd.spec.versions[0].schema.openAPIV3Schema,
    );
    const updaters = of(env, 'ImageUpdater');
    for (const u of updaters) expect(validate(u.obj), JSON.stringify(validate.errors)).toBe(true);
    const tracked = updaters.flatMap((u) => u.obj.spec.applicationRefs.flatMap((r: any) => r.images.map((i: any) => i.imageName)));
    const deployed = of(env, 'Deployment').map((d) => d.obj.spec.template.spec.containers[0].image.replace(/:[^:/]+$/, ''));
    expect(tracked.sort()).toEqual(deployed.sort());
    for (const u of updaters) expect(u.obj.spec.writeBackConfig.gitConfig.writeBackTarget).toBe('kustomization');
  });

  it('writes prod tag bumps as pull requests and commits elsewhere', () => {
    const pr = of(env, 'ImageUpdater').map((u) => 'pullRequest' in u.obj.spec.writeBackConfig.gitConfig);
    expect(new Set(pr)).toEqual(new Set([env === 'prod']));
  });

  it('keeps ImageUpdaters out of the root sync and writes back with GitHub App credentials, newTag only', () => {
    const updaters = of(env, 'ImageUpdater');
    expect(new Set(updaters.map((u) => u.app))).toEqual(new Set(['argocd-config']));
    const secrets = new Map(
      of(env, 'ExternalSecret')
        .filter((e) => e.app === 'argocd-config')
        .map((e) => [e.obj.spec.target.name, e.obj]),
    );
    for (const { obj } of updaters) {
      const method: string = obj.spec.writeBackConfig.method;
      const [, namespace, name] = /^git:secret:([^/]+)\/(.+)$/.exec(method) ?? [];
      expect(namespace, method).toBe(obj.metadata.namespace);
      expect(
        secrets
          .get(name)
          ?.spec.data.map((d: any) => d.secretKey)
          .sort(),
      ).toEqual(['githubAppID', 'githubAppInstallationID', 'githubAppPrivateKey']);
      // A kustomize name would make the setter write newName as well (two lines per bump).
      for (const ref of obj.spec.applicationRefs) for (const image of ref.images) expect(image.manifestTargets).toBeUndefined();
    }
    const repo = [...secrets.values()].find(
      (e) => e.spec.target.template?.metadata?.labels?.['argocd.argoproj.io/secret-type'] === 'repository',
    );
    expect(repo?.spec.target.template.data.url).toBe(apps.find((a) => a.obj.metadata.name === 'root')?.obj.spec.source.repoURL);
  });

  it('gives Image Updater an IRSA role and the ECR registry with an ext: token script', () => {
    const updater = children.find((a) => a.obj.metadata.name === 'argocd-image-updater')!.obj.spec.source.helm.valuesObject;
    const environment = catalog.environments.find((e) => e.spec.name === env)!;
    // The role Terraform creates for that service account (the contract the plan test holds Terraform to).
    const contract = JSON.parse(readFileSync(`terraform/environments/${env}/contract.json`, 'utf8'));
    const role = contract.roles.find((r: any) => r.serviceAccount === `argocd/${updater.serviceAccount.name}`);
    expect(updater.serviceAccount.annotations['eks.amazonaws.com/role-arn']).toBe(role.arn);
    expect(updater.config.registries).toEqual([
      expect.objectContaining({ prefix: environment.spec.ecrRegistry, credentials: 'ext:/scripts/ecr-login.sh' }),
    ]);
    expect(updater.authScripts.scripts['ecr-login.sh']).toContain(`aws ecr get-authorization-token --region ${environment.spec.region}`);
  });

  it('every Application path exists and holds a kustomization.yaml', () => {
    for (const { obj } of apps.filter((a) => a.obj.spec.source.path)) {
      expect(existsSync(join(obj.spec.source.path, 'kustomization.yaml')), obj.spec.source.path).toBe(true);
    }
  });

  it("every Application's destination and objects are allowed by its AppProject", () => {
    for (const { obj: app } of apps) {
      const project = projects.get(app.spec.project) as any;
      expect(project, `project ${app.spec.project}`).toBeDefined();
      const allowed = (ns: string): boolean =>
        project.spec.destinations.some((d: any) => d.server === app.spec.destination.server && globMatch(d.namespace, ns));
      expect(allowed(app.spec.destination.namespace), `${app.metadata.name} → ${app.spec.destination.namespace}`).toBe(true);
      const path: string | undefined = app.spec.source.path;
      if (!path) continue;
      for (const { obj } of objects.filter((o) => `dist/${o.env}/${o.app}` === path)) {
        const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
        if (obj.metadata.namespace) {
          expect(allowed(obj.metadata.namespace), `${obj.kind} ${obj.metadata.namespace}/${obj.metadata.name}`).toBe(true);
          const whitelist = project.spec.namespaceResourceWhitelist;
          if (whitelist)
            expect(
              whitelist.some((w: any) => w.group === group && w.kind === obj.kind),
              `${group}/${obj.kind} in ${project.metadata.name}`,
            ).toBe(true);
        } else {
          expect(
            project.spec.clusterResourceWhitelist.some((w: any) => w.group === group && w.kind === obj.kind),
            `cluster-scoped ${obj.kind} in ${project.metadata.name}`,
          ).toBe(true);
        }
      }
    }
  });

  it('no project allows a wildcard repository or destination, and none is "default"', () => {
    for (const p of projects.values()) {
      expect(p.metadata.name).not.toBe('default');
      expect(p.spec.sourceRepos).not.toContain('*');
      for (const d of p.spec.destinations) expect(d.namespace).not.toBe('*');
    }
    for (const { obj } of apps) expect(obj.spec.project).not.toBe('default');
  });

  it('no two Applications render the same object', () => {
    const seen = new Map<string, string>();
    for (const o of objects.filter((x) => x.env === env)) {
      const key = `${o.obj.apiVersion.split('/')[0]}/${o.obj.kind}/${o.obj.metadata.namespace ?? ''}/${o.obj.metadata.name}`;
      expect(seen.get(key), `${key} in ${o.app} and ${seen.get(key)}`).toBeUndefined();
      seen.set(key, o.app);
    }
  });

  it('syncs projects before the Applications that use them, and services last', () => {
    const projectWaves = of(env, 'AppProject')
      .filter((p) => p.app === 'argocd')
      .map(wave);
    const appWaves = children.map(wave);
    expect(Math.max(...projectWaves)).toBeLessThan(Math.min(...appWaves));
    // Services, and silo tenants' copies of them (project tenant-<name>).
    const isService = (a: (typeof children)[number]): boolean =>
      catalog.services.some((s) => s.spec.name === a.obj.metadata.name) || String(a.obj.spec.project).startsWith('tenant-');
    const serviceWaves = children.filter(isService).map(wave);
    const otherWaves = children.filter((a) => !isService(a)).map(wave);
    for (const w of otherWaves) expect(w).toBeLessThan(Math.min(...serviceWaves));
  });
});

describe('ArgoCdChart', () => {
  it('fails when an app has no Argo CD placement', () => {
    const app = Testing.app();
    expect(
      () =>
        new ArgoCdChart(app, {
          env: 'dev',
          gitops: { repoURL: 'https://example.com/r.git', targetRevision: 'main' },
          apps: [{ env: 'dev', name: 'orphan', objects: [], images: [] }],
          addons: [],
        }),
    ).toThrow("app 'orphan' in dev has no Argo CD placement");
  });

  it('creates the namespace of an add-on it owns with Pod Security labels, never kube-system', () => {
    const app = Testing.app();
    const chart = new ArgoCdChart(app, {
      env: 'dev',
      gitops: { repoURL: 'https://example.com/r.git', targetRevision: 'main' },
      apps: [],
      addons: [
        {
          name: 'fluent-bit',
          namespace: 'logging',
          repoURL: 'https://fluent.github.io/helm-charts',
          chart: 'fluent-bit',
          version: '0.47.10',
          syncWave: -2,
          serverSideApply: false,
          values: {},
        },
        {
          name: 'metrics-server',
          namespace: 'kube-system',
          repoURL: 'https://kubernetes-sigs.github.io/metrics-server/',
          chart: 'metrics-server',
          version: '3.12.2',
          syncWave: -3,
          serverSideApply: false,
          values: {},
        },
      ],
    });
    const apps = (Testing.synth(chart) as any[]).filter((o) => o.kind === 'Application');
    const fluent = apps.find((a) => a.metadata.name === 'fluent-bit');
    expect(fluent.spec.syncPolicy.syncOptions).toContain('CreateNamespace=true');
    expect(fluent.spec.syncPolicy.managedNamespaceMetadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
    expect(fluent.spec.source).toEqual({
      repoURL: 'https://fluent.github.io/helm-charts',
      chart: 'fluent-bit',
      targetRevision: '0.47.10',
      helm: { releaseName: 'fluent-bit', valuesObject: {} },
    });
    const metrics = apps.find((a) => a.metadata.name === 'metrics-server');
    expect(metrics.spec.syncPolicy.syncOptions).not.toContain('CreateNamespace=true');
  });
});
