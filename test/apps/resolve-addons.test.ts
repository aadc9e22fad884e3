/**
 * The add-on catalog resolved per environment: chart coordinates, waves and the Helm values filled
 * from the environment and its Terraform outputs; pinned versions; missing values named precisely.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog, type Catalog, type CatalogEnvironment } from '../../apps/catalog.ts';
import { AddonContext, AddonValueError } from '../../apps/addon-context.ts';
import { resolveAddons, type ResolvedAddon } from '../../apps/resolve-addons.ts';
import { addonSchema, chartVersion } from '../../apps/schema/addon.ts';
import { ADDON_IDENTITIES } from '../../apps/schema/platform-identities.ts';
import { SYNC_WAVES } from '../../charts/sync-waves.ts';

const catalog = loadCatalog();
const envOf = (name: string): CatalogEnvironment => catalog.environments.find((e) => e.spec.name === name)!;
const addon = (env: string, name: string): ResolvedAddon => resolveAddons(catalog, envOf(env)).find((a) => a.name === name)!;
const values = (env: string, name: string): any => addon(env, name).values;
/** The catalog with one environment's Terraform outputs changed. */
const withTerraform = (env: string, change: (tf: any) => any): { catalog: Catalog; env: CatalogEnvironment } => {
  const e = envOf(env);
  const changed = { ...e, terraform: change(structuredClone(e.terraform)) };
  return { catalog: { ...catalog, environments: catalog.environments.map((x) => (x === e ? changed : x)) }, env: changed };
};

describe('resolveAddons', () => {
  it('resolves every add-on of prod, sorted, in the shape the Application renderer takes', () => {
    // GIVEN the repo's add-on catalog WHEN prod is resolved
    const addons = resolveAddons(catalog, envOf('prod'));
    // THEN all fifteen appear, sorted, with exact versions and numeric waves
    expect(addons.map((a) => a.name)).toEqual([
      'argo-cd',
      'argocd-image-updater',
      'aws-load-balancer-controller',
      'cert-manager',
      'external-dns',
      'external-secrets',
      'fluent-bit',
      'gatekeeper',
      'karpenter',
      'keda',
      'kube-prometheus-stack',
      'loki',
      'metrics-server',
      'nvidia-device-plugin',
      'trivy-operator',
    ]);
    expect(addon('prod', 'karpenter')).toMatchObject({
      namespace: 'karpenter',
      repoURL: 'public.ecr.aws/karpenter',
      chart: 'karpenter',
      version: '1.14.1',
      syncWave: SYNC_WAVES.crdAddons,
      serverSideApply: true,
    });
    expect(addon('prod', 'loki').syncWave).toBe(SYNC_WAVES.addons);
    for (const a of addons)
      expect(Object.keys(a).sort()).toEqual(['chart', 'name', 'namespace', 'repoURL', 'serverSideApply', 'syncWave', 'values', 'version']);
  });

  it('runs the documented minimal set in dev: no Loki, Fluent Bit or Trivy', () => {
    expect(resolveAddons(catalog, envOf('dev')).map((a) => a.name)).toEqual([
      'argo-cd',
      'argocd-image-updater',
      'aws-load-balancer-controller',
      'cert-manager',
      'external-dns',
      'external-secrets',
      'gatekeeper',
      'karpenter',
      'kube-prometheus-stack',
      'metrics-server',
      'nvidia-device-plugin',
    ]);
  });

  it('runs the NVIDIA device plugin only on the GPU pool, tolerating its taint', () => {
    // GIVEN ml-anomaly-detector requests nvidia.com/gpu on gpu-spot nodes WHEN prod is resolved
    const plugin = addon('prod', 'nvidia-device-plugin');
    // THEN the plugin lands exactly there, without the chart's Node Feature Discovery affinity
    expect(plugin.values).toMatchObject({
      affinity: null,
      nodeSelector: { 'karpenter.sh/nodepool': 'gpu-spot' },
      tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
    });
  });

  it('installs each IRSA add-on where Terraform trusts its service account', () => {
    // KEDA's chart annotates its operator account from podIdentity.aws.irsa instead (next test).
    for (const id of ADDON_IDENTITIES.filter((i) => i.name !== 'keda')) {
      const a = addon('prod', id.name);
      expect(a.namespace).toBe(id.namespace);
      expect(a.values.serviceAccount).toEqual({
        create: true,
        name: id.serviceAccount,
        annotations: { 'eks.amazonaws.com/role-arn': `arn:aws:iam::123456789012:role/fintrack-prod-addon-${id.name}` },
      });
    }
  });

  it("gives the KEDA operator the IRSA role Terraform trusts, through the chart's podIdentity.aws.irsa", () => {
    const id = ADDON_IDENTITIES.find((i) => i.name === 'keda');
    const keda = addon('prod', 'keda');
    expect(keda.namespace).toBe(id?.namespace);
    expect(keda.values).toMatchObject({
      crds: { install: true },
      serviceAccount: { operator: { create: true, name: id?.serviceAccount } },
      podIdentity: { aws: { irsa: { enabled: true, roleArn: 'arn:aws:iam::123456789012:role/fintrack-prod-addon-keda' } } },
    });
  });

  it('restores the Application health check in argocd-cm', () => {
    const lua = values('prod', 'argo-cd').configs.cm['resource.customizations.health.argoproj.io_Application'];
    expect(lua).toContain('hs.status = obj.status.health.status');
  });

  it('fills Karpenter settings from the Terraform outputs', () => {
    expect(values('staging', 'karpenter').settings).toEqual({
      clusterName: 'fintrack-staging',
      interruptionQueue: 'fintrack-staging-karpenter-interruption',
    });
  });

  it('keeps 15 days of metrics on a 50Gi gp3 volume in prod and selects rules and monitors cluster-wide', () => {
    const spec = values('prod', 'kube-prometheus-stack').prometheus.prometheusSpec;
    expect(spec).toMatchObject({
      retention: '15d',
      serviceMonitorSelectorNilUsesHelmValues: false,
      ruleSelectorNilUsesHelmValues: false,
      podMonitorSelectorNilUsesHelmValues: false,
    });
    expect(spec.storageSpec.volumeClaimTemplate.spec).toEqual({
      storageClassName: 'gp3',
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '50Gi' } },
    });
    expect(values('prod', 'kube-prometheus-stack').alertmanager.alertmanagerSpec.alertmanagerConfiguration).toEqual({
      name: 'fintrack-routing',
    });
  });

  it('stores Loki in the Terraform bucket with 90-day retention in prod', () => {
    const loki = values('prod', 'loki').loki;
    expect(loki.storage.bucketNames).toEqual({
      chunks: 'fintrack-prod-loki-123456789012',
      ruler: 'fintrack-prod-loki-123456789012',
      admin: 'fintrack-prod-loki-123456789012',
    });
    expect(loki.limits_config.retention_period).toBe('2160h');
    expect(loki.compactor.retention_enabled).toBe(true);
  });

  it('passes the ALB controller cluster and region, and the VPC id only once Terraform reported it', () => {
    expect(values('prod', 'aws-load-balancer-controller')).toMatchObject({ clusterName: 'fintrack-prod', region: 'us-east-1' });
    expect(values('prod', 'aws-load-balancer-controller')).not.toHaveProperty('vpcId');
    const { catalog: c, env } = withTerraform('prod', (tf) => ({ ...tf, vpcId: 'vpc-0abc12345678def01' }));
    expect(resolveAddons(c, env).find((a) => a.name === 'aws-load-balancer-controller')!.values.vpcId).toBe('vpc-0abc12345678def01');
  });

  it('limits ExternalDNS to the environment domain', () => {
    expect(values('dev', 'external-dns').domainFilters).toEqual(['dev.fintrack.io']);
    expect(values('dev', 'external-dns').txtOwnerId).toBe('fintrack-dev');
  });

  it('turns on CEL validation in Gatekeeper and installs cert-manager CRDs', () => {
    expect(values('prod', 'gatekeeper').enableK8sNativeValidation).toBe(true);
    expect(values('prod', 'cert-manager').crds).toEqual({ enabled: true, keep: true });
  });

  it('derives add-on role ARNs and the Loki bucket from the environment, with no Terraform outputs for them', () => {
    // GIVEN prod's outputs holding only what an apply tells (VPC id, …) WHEN resolved
    const e = envOf('prod');
    const loki = resolveAddons(catalog, e).find((a) => a.name === 'loki')!.values as any;
    // THEN the conventional names follow from account and environment
    expect(loki.serviceAccount.annotations['eks.amazonaws.com/role-arn']).toBe(
      `arn:aws:iam::${e.spec.accountId}:role/fintrack-prod-addon-loki`,
    );
    expect(loki.loki.storage.bucketNames.chunks).toBe(`fintrack-prod-loki-${e.spec.accountId}`);
  });

  it('fails naming the add-on when it asks for a role Terraform does not create', () => {
    // GIVEN an add-on without an ADDON_IDENTITIES entry WHEN its values ask for a role
    const base = catalog.addons.find((a) => a.spec.name === 'metrics-server')!;
    const ctx = new AddonContext(base, envOf('prod'), new Set([base.spec.name]));
    // THEN the error names its file and the list to extend
    expect(() => ctx.roleArn()).toThrow(AddonValueError);
    expect(() => ctx.roleArn()).toThrow(
      'add-on "metrics-server" needs an IAM role but has no entry in ADDON_IDENTITIES (apps/schema/platform-identities.ts)',
    );
    expect(() => ctx.bucket('ledger')).toThrow(
      'add-on "metrics-server" uses bucket "ledger", which is not in PLATFORM_BUCKETS (apps/schema/platform-identities.ts)',
    );
  });
});

describe('chart versions', () => {
  it.each(['1.14.1', 'v1.21.1', '87.15.1', '3.1.0-beta.12'])('accepts the exact version %s', (v) => {
    expect(chartVersion.safeParse(v).success).toBe(true);
  });

  it.each([
    ['^1.14.1', 'must be an exact chart version such as "1.14.1" (no ranges)'],
    ['~1.14', 'must be an exact chart version such as "1.14.1" (no ranges)'],
    ['>=3.18.0', 'must be an exact chart version such as "1.14.1" (no ranges)'],
    ['1.x', 'must be an exact chart version such as "1.14.1" (no ranges)'],
    ['*', 'must not be "latest" or "*": pin an exact chart version'],
    ['latest', 'must not be "latest" or "*": pin an exact chart version'],
  ])('fails on the unpinned version %s', (v, message) => {
    const result = chartVersion.safeParse(v);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message)).toEqual([message]);
  });

  it('fails when the version is missing', () => {
    const result = addonSchema.safeParse({
      name: 'loki',
      namespace: 'logging',
      description: 'Log store on S3.',
      chart: { repoURL: 'https://grafana.github.io/helm-charts', chart: 'loki' },
      syncWave: 'addons',
      environments: ['prod'],
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toEqual(['chart.version']);
  });

  it('pins every chart in the catalog', () => {
    for (const a of catalog.addons) expect(a.spec.chart.version).toMatch(/^v?\d+\.\d+\.\d+$/);
  });
});
