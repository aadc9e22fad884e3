/**
 * The Argo CD dry run against the layout `dist/<env>/argocd/` (AppProject, Applications) with
 * add-ons as Helm sources; fixtures only, until Applications are rendered into dist/.
 */
import { describe, expect, it } from 'vitest';
import { argocdCheck } from '../../scripts/verify/checks/argocd.ts';
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
const helm = (chart: string): Record<string, unknown> => ({ repoURL: 'https://charts.example.com', chart, targetRevision: '1.0.0' });
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
      'ServiceMonitor team/app: monitoring.coreos.com/v1 ServiceMonitor is not built in and no add-on in a wave before 1 (Application svc) installs its CRD',
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
});
