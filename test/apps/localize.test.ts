/**
 * The k3s environment: the same catalog rendered for one node without AWS. Assertions hold for
 * every service the catalog has, so adding one changes nothing here.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog, type Catalog, type CatalogEnvironment } from '../../apps/catalog.ts';
import { localNetworkContract, localSecretKey, platformCatalog, runsOn } from '../../apps/localize.ts';
import { resolveEnvironment } from '../../apps/resolved-environment.ts';
import { networkContractSchema } from '../../scripts/verify/network-contract.ts';
import { environmentSchema } from '../../apps/schema/environment.ts';
import { renderCatalog } from '../../scripts/synth/render.ts';
import type { KubeObject } from '../../charts/rendered-app.ts';

const catalog = loadCatalog();
const local = catalog.environments.find((e) => e.platform.platform === 'k3s') as CatalogEnvironment;
const rendered = renderCatalog(catalog);
const appsOf = (env: string) => rendered.apps.filter((a) => a.env === env);
const objectsOf = (env: string): KubeObject[] => appsOf(env).flatMap((a) => a.objects);
const kinds = (env: string): Set<string> => new Set(objectsOf(env).map((o) => o.kind));
const localServices = catalog.services.filter(({ spec }) => runsOn(spec, local));

describe('environment schema', () => {
  it('reads a file without platform as eks, and a k3s file without any AWS field', () => {
    // GIVEN the minimal k3s file WHEN parsed THEN it is k3s with defaults
    const k3s = environmentSchema.parse({
      name: 'local',
      platform: 'k3s',
      domain: 'fintrack.localhost',
      registry: 'registry.localhost:5000',
      gitops: { repoURL: 'https://github.com/fintrack/platform.git', targetRevision: 'main' },
    });
    expect(k3s).toMatchObject({ platform: 'k3s', defaults: {} });
    const eks = environmentSchema.safeParse({ name: 'dev' });
    expect(eks.success).toBe(false);
    expect(eks.error?.issues.some((i) => i.path[0] === 'accountId')).toBe(true);
  });

  it('fails on an AWS field in a k3s file', () => {
    const r = environmentSchema.safeParse({
      name: 'local',
      platform: 'k3s',
      domain: 'fintrack.localhost',
      registry: 'registry.localhost:5000',
      gitops: { repoURL: 'https://github.com/fintrack/platform.git', targetRevision: 'main' },
      accountId: '111122223333',
    });
    expect(r.success).toBe(false);
  });
});

describe('local (k3s) rendering', () => {
  it('renders the cloud app folders except storage, plus data, and no Terraform environment', () => {
    const names = appsOf('local').map((a) => a.name);
    expect(names).toEqual(
      expect.arrayContaining(['argocd', 'argocd-config', 'bootstrap', 'cluster-config', 'data', 'observability', 'policies']),
    );
    expect(names).not.toContain('storage');
    for (const { spec } of localServices) expect(names).toContain(spec.name);
  });

  it('renders nothing of Karpenter, IRSA, KEDA, HPAs or Image Updater', () => {
    for (const kind of ['NodePool', 'EC2NodeClass', 'ScaledObject', 'HorizontalPodAutoscaler', 'ImageUpdater', 'StorageClass'])
      expect(kinds('local').has(kind), kind).toBe(false);
    const text = JSON.stringify(objectsOf('local'));
    expect(text).not.toMatch(/eks\.amazonaws\.com|arn:aws|karpenter\.sh\//);
  });

  it('runs every service with one replica, a draining PDB, no pool selector and its secrets from the local store', () => {
    for (const { spec } of localServices) {
      const objs = appsOf('local').find((a) => a.name === spec.name)!.objects;
      const deployment = objs.find((o) => o.kind === 'Deployment') as any;
      expect(deployment.spec.replicas).toBe(1);
      expect(deployment.spec.template.spec.nodeSelector).toBeUndefined();
      expect(deployment.spec.template.spec.topologySpreadConstraints).toBeUndefined();
      expect((objs.find((o) => o.kind === 'PodDisruptionBudget') as any).spec.maxUnavailable).toBe(1);
      expect((objs.find((o) => o.kind === 'ServiceAccount') as any).metadata.annotations).toBeUndefined();
      const es = objs.find((o) => o.kind === 'ExternalSecret') as any;
      if (spec.secrets.length === 0) continue;
      expect(es.spec.secretStoreRef.name).toBe('local-secrets');
      for (const d of es.spec.data) expect(d.remoteRef.key).toMatch(/^[a-z0-9][a-z0-9.-]*$/);
    }
  });

  it('sends postgres and redis egress to the in-cluster stores, which admit exactly those services', () => {
    const data = appsOf('local').find((a) => a.name === 'data')!.objects;
    for (const store of ['postgres', 'redis'] as const) {
      const policy = data.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === store) as any;
      const admitted = (policy.spec.ingress[0]?.from ?? []).map((p: any) => p.podSelector.matchLabels['app.kubernetes.io/name']).sort();
      const declared = localServices
        .filter(({ spec }) => spec.network.egress.includes(store))
        .map(({ spec }) => spec.name)
        .sort();
      expect(admitted).toEqual(declared);
      expect(policy.spec.egress).toEqual([]);
      const sts = data.find((o) => o.kind === 'StatefulSet' && o.metadata.name === store) as any;
      expect(sts.spec.volumeClaimTemplates[0].spec.storageClassName).toBe('local-path');
      for (const name of declared) {
        const np = appsOf('local')
          .find((a) => a.name === name)!
          .objects.find((o) => o.kind === 'NetworkPolicy') as any;
        const toStore = np.spec.egress.filter((r: any) =>
          r.to.some((p: any) => p.podSelector?.matchLabels?.['app.kubernetes.io/name'] === store),
        );
        expect(toStore, `${name} → ${store}`).toHaveLength(1);
        expect(JSON.stringify(np.spec.egress)).not.toContain('ipBlock":{"cidr":"10.');
      }
    }
  });

  it('serves the public API through Traefik, admitted from Traefik pods only', () => {
    const pub = localServices.find(({ spec }) => spec.network.public)?.spec;
    if (!pub) return;
    const ingress = appsOf('local')
      .find((a) => a.name === 'cluster-config')!
      .objects.find((o) => o.kind === 'Ingress') as any;
    expect(ingress.spec.ingressClassName).toBe('traefik');
    expect(ingress.spec.rules[0].host).toBe(`api.${local.spec.domain}`);
    const np = appsOf('local')
      .find((a) => a.name === pub.name)!
      .objects.find((o) => o.kind === 'NetworkPolicy') as any;
    expect(JSON.stringify(np.spec.ingress)).toContain('"app.kubernetes.io/name":"traefik"');
    expect(JSON.stringify(np.spec.ingress)).not.toContain('ipBlock');
  });

  it('leaves the cloud environments unchanged by the platform (IRSA annotations, Karpenter pools)', () => {
    for (const env of catalog.environments.filter((e) => e.platform.platform === 'eks')) {
      expect(kinds(env.spec.name).has('NodePool')).toBe(true);
      expect(JSON.stringify(objectsOf(env.spec.name))).toContain('eks.amazonaws.com/role-arn');
    }
  });
});

describe('GPU services on k3s', () => {
  it('skips a GPU service and drops it from the callers of others', () => {
    // GIVEN a catalog where the first service needs a GPU and calls another
    const [first, ...rest] = catalog.services;
    const callee = rest.find((s) => s.spec.port !== undefined)!;
    const gpuCatalog: Catalog = {
      ...catalog,
      services: catalog.services.map((s) =>
        s === first
          ? { ...s, spec: { ...s.spec, gpus: 1 } }
          : s === callee
            ? { ...s, spec: { ...s.spec, network: { ...s.spec.network, callers: [...s.spec.network.callers, first!.spec.name] } } }
            : s,
      ),
    };
    // WHEN scoped to the local platform THEN it is gone, from the services and from every callers list
    const scoped = platformCatalog(gpuCatalog, local);
    expect(scoped.services.map((s) => s.spec.name)).not.toContain(first!.spec.name);
    for (const s of scoped.services) expect(s.spec.network.callers).not.toContain(first!.spec.name);
    // and the cloud keeps it
    const eks = catalog.environments.find((e) => e.platform.gpus)!;
    expect(platformCatalog(gpuCatalog, eks).services).toHaveLength(gpuCatalog.services.length);
  });
});

describe('localNetworkContract', () => {
  it('is a network contract verify accepts: stores as pod targets, Traefik as the public side, no AWS egress', () => {
    const written = localNetworkContract(resolveEnvironment(platformCatalog(catalog, local), local)) as any;
    expect(networkContractSchema.safeParse(written).success).toBe(true);
    expect(Object.keys(written.network.podTargets).sort()).toEqual(['postgres', 'redis']);
    expect(written.network.targets['aws-apis']).toBeUndefined();
    expect(written.network.publicFrom).toMatchObject({ namespace: 'kube-system', labels: { 'app.kubernetes.io/name': 'traefik' } });
    for (const s of written.services) expect(s.network.egress).not.toContain('aws-apis');
    expect(written.services.map((s: any) => s.name)).toEqual(localServices.map(({ spec }) => spec.name));
  });
});

describe('localSecretKey', () => {
  it('drops the environment prefix and every character a Secret name cannot hold', () => {
    expect(localSecretKey(local, `${local.spec.secretsPrefix}/payments/db`)).toBe('payments-db');
    expect(localSecretKey(local, 'argocd/github-app-read')).toBe('argocd-github-app-read');
  });
});
