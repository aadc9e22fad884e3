/**
 * The cluster-config and observability app folders: field assertions per construct, the rules
 * that span apps (priority classes, node pool capacity), and the failing cases of each construct.
 */
import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { loadCatalog, type Catalog, type CatalogService } from '../../apps/catalog.ts';
import { poolDemand } from '../../apps/resolve-cluster.ts';
import { cpuCores, memoryBytes } from '../../apps/schema/quantity.ts';
import { renderCatalog } from '../../scripts/synth/render.ts';
import type { KubeObject } from '../../charts/rendered-app.ts';
import { KarpenterNodePool, type KarpenterNodePoolProps } from '../../charts/cluster/karpenter-node-pool.ts';
import { TeamNamespace, type TeamNamespaceProps } from '../../charts/cluster/team-namespace.ts';
import { schemaFindings } from '../support/schema.ts';
import { resolveEnvironment } from '../../apps/resolved-environment.ts';

const catalog = loadCatalog();
const rendered = renderCatalog(catalog);
const app = (env: string, name: string): readonly KubeObject[] =>
  rendered.apps.find((a) => a.env === env && a.name === name)?.objects ?? [];
const find = (objs: readonly KubeObject[], kind: string, name: string): any =>
  objs.find((o) => o.kind === kind && o.metadata.name === name);
/** What `terraform output` reports for prod's edge after apply (modules/edge). */
const EDGE_CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/1b2c3d4e-0000-4000-8000-00000000a001';
const EDGE_WAF = 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/fintrack-prod-edge/1b2c3d4e-1111-4000-8000-00000000a001';
/** prod's cluster-config with the edge outputs filled in. */
const edgeApp = (): readonly KubeObject[] =>
  renderCatalog({
    ...catalog,
    environments: catalog.environments.map((e) =>
      e.spec.name === 'prod' ? { ...e, terraform: { ...e.terraform, edgeCertificateArn: EDGE_CERT, edgeWafAclArn: EDGE_WAF } } : e,
    ),
  }).apps.find((a) => a.env === 'prod' && a.name === 'cluster-config')!.objects;
/** Every team of the catalog, read from it (never a hand-kept list). */
const TEAMS = [...new Set(catalog.services.map((s) => s.spec.team))].sort();

/** Two synthetic services of one team, so quota numbers do not depend on today's catalog. */
function quotaCatalog(): Catalog {
  const base = catalog.services[0]!;
  const svc = (name: string, maxReplicas: number): CatalogService => ({
    file: `apps/services/${name}.yaml`,
    spec: {
      ...base.spec,
      name,
      team: 'quota-team',
      image: { ...base.spec.image, repository: name },
      class: 'api',
      port: 8080,
      replicas: 2,
      autoscaling: { maxReplicas, cpuUtilization: 70 },
      disruption: { minAvailable: 1 },
      resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
      gpus: undefined,
      placement: 'on-demand',
      environments: {},
      network: { callers: [], public: false, egress: [] },
      aws: { rdsIamUser: null, s3: [], sqs: [], sns: [] },
      secrets: [],
    },
  });
  return { ...catalog, services: [svc('quota-a', 10), svc('quota-b', 20)] };
}

describe('cluster-config', () => {
  it.each(['dev', 'staging', 'prod'])('gives every team namespace Pod Security labels, a quota, limits and default-deny in %s', (env) => {
    // GIVEN the catalog WHEN %s is rendered
    const objs = app(env, 'cluster-config');
    // THEN each team has all four objects
    for (const team of TEAMS) {
      const ns = find(objs, 'Namespace', team);
      expect(ns.metadata.labels).toMatchObject({
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': 'v1.32',
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/warn': 'restricted',
      });
      expect(find(objs, 'ResourceQuota', 'team-quota') ?? null).not.toBeNull();
      expect(objs.filter((o) => o.kind === 'ResourceQuota' && o.metadata.namespace === team)).toHaveLength(1);
      expect(objs.filter((o) => o.kind === 'LimitRange' && o.metadata.namespace === team)).toHaveLength(1);
      const deny = objs.find((o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === team) as any;
      expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    }
  });

  it('sizes a team quota from its services at maximum scale plus surge and headroom', () => {
    // GIVEN two services of one team (max 10 and 20 replicas, requests 500m / limits 1 CPU / 1Gi)
    const objs = renderCatalog(quotaCatalog()).apps.find((a) => a.env === 'prod' && a.name === 'cluster-config')!.objects;
    const quota = objs.find((o) => o.kind === 'ResourceQuota' && o.metadata.namespace === 'quota-team') as any;
    // THEN limits.cpu = ceil((13 + 25) pods x 1 CPU x 1.2) = 46 and requests follow the same rule
    expect(quota.spec.hard).toMatchObject({ 'limits.cpu': '46', 'limits.memory': '46Gi', 'requests.cpu': '23', pods: 46 });
  });

  it('derives smaller quotas in dev, where services run one fixed replica', () => {
    // GIVEN the same two services WHEN dev is rendered (one replica each, no autoscaling)
    const objs = renderCatalog(quotaCatalog()).apps.find((a) => a.env === 'dev' && a.name === 'cluster-config')!.objects;
    const quota = objs.find((o) => o.kind === 'ResourceQuota' && o.metadata.namespace === 'quota-team') as any;
    // THEN ceil((1 + 1) pods x 2 services x 1 CPU x 1.2) = 5
    expect(quota.spec.hard['limits.cpu']).toBe('5');
  });

  it('renders the Secrets Manager store the services reference', () => {
    const store = find(app('prod', 'cluster-config'), 'ClusterSecretStore', 'aws-secrets-manager');
    expect(store.apiVersion).toBe('external-secrets.io/v1');
    expect(store.spec.provider.aws).toEqual({
      service: 'SecretsManager',
      region: 'us-east-1',
      auth: { jwt: { serviceAccountRef: { name: 'external-secrets', namespace: 'external-secrets' } } },
    });
    // Every ExternalSecret names its environment's store: Secrets Manager in the cloud, the local one on k3s.
    for (const env of catalog.environments) {
      const refs = rendered.apps
        .filter((a) => a.env === env.spec.name)
        .flatMap((a) => a.objects)
        .filter((o) => o.kind === 'ExternalSecret')
        .map((o: any) => o.spec.secretStoreRef.name);
      const store = env.platform.secretStore === 'kubernetes' ? 'local-secrets' : 'aws-secrets-manager';
      expect(new Set(refs), env.spec.name).toEqual(new Set([store]));
      expect(find(app(env.spec.name, 'cluster-config'), 'ClusterSecretStore', store), env.spec.name).toBeDefined();
    }
  });

  it('renders the local store on k3s: the kubernetes provider reading local-secrets as a read-only service account', () => {
    const local = catalog.environments.find((e) => e.platform.secretStore === 'kubernetes')!;
    const objs = app(local.spec.name, 'cluster-config');
    const store = find(objs, 'ClusterSecretStore', 'local-secrets');
    expect(store.spec.provider.kubernetes).toEqual({
      remoteNamespace: 'local-secrets',
      server: { caProvider: { type: 'ConfigMap', name: 'kube-root-ca.crt', key: 'ca.crt', namespace: 'local-secrets' } },
      auth: { serviceAccount: { name: 'secret-reader', namespace: 'local-secrets' } },
    });
    expect(find(objs, 'Role', 'secret-reader').rules).toEqual([
      { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] },
    ]);
    expect(find(objs, 'ClusterIssuer', 'letsencrypt-prod')).toBeUndefined();
    expect(find(objs, 'ConfigMap', 'fintrack-platform').data.platform).toBe('k3s');
  });

  it('renders the ACME issuer with Route53 DNS-01 for the environment domain', () => {
    const acme = find(app('dev', 'cluster-config'), 'ClusterIssuer', 'letsencrypt-prod');
    expect(acme.spec.acme.server).toBe('https://acme-v02.api.letsencrypt.org/directory');
    expect(acme.spec.acme.solvers).toEqual([{ selector: { dnsZones: ['dev.fintrack.io'] }, dns01: { route53: { region: 'us-east-1' } } }]);
  });

  it('chains the internal CA: self-signed root, CA certificate in cert-manager, CA issuer', () => {
    const objs = app('prod', 'cluster-config');
    expect(find(objs, 'ClusterIssuer', 'fintrack-selfsigned-root').spec).toEqual({ selfSigned: {} });
    const ca = find(objs, 'Certificate', 'fintrack-internal-ca');
    expect(ca.metadata.namespace).toBe('cert-manager');
    expect(ca.spec).toMatchObject({
      isCA: true,
      secretName: 'fintrack-internal-ca',
      issuerRef: { kind: 'ClusterIssuer', name: 'fintrack-selfsigned-root' },
    });
    expect(find(objs, 'ClusterIssuer', 'fintrack-internal-ca').spec).toEqual({ ca: { secretName: 'fintrack-internal-ca' } });
  });

  it('renders Karpenter pools and classes as the seed describes', () => {
    const objs = app('prod', 'cluster-config');
    const general = find(objs, 'NodePool', 'general');
    expect(general.spec.limits).toEqual({ cpu: '200', memory: '800Gi' });
    expect(general.spec.disruption).toMatchObject({ consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '60s' });
    expect(general.spec.template.spec.expireAfter).toBe('720h');
    expect(general.spec.template.spec.requirements[0]).toEqual({
      key: 'karpenter.sh/capacity-type',
      operator: 'In',
      values: ['spot', 'on-demand'],
    });
    expect(general.spec.template.spec.requirements[2].values).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    const gpu = find(objs, 'NodePool', 'gpu-spot');
    expect(gpu.spec.template.spec.taints).toEqual([{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }]);
    expect(gpu.spec.template.spec.requirements[0].values).toEqual(['spot']);
    expect(gpu.spec.template.spec.nodeClassRef).toEqual({ group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'gpu' });
    const nodeClass = find(objs, 'EC2NodeClass', 'default');
    expect(nodeClass.spec.role).toBe('fintrack-prod-karpenter-node');
    expect(nodeClass.spec.subnetSelectorTerms).toEqual([{ tags: { 'karpenter.sh/discovery': 'fintrack-prod' } }]);
    expect(nodeClass.spec.metadataOptions).toMatchObject({ httpTokens: 'required', httpPutResponseHopLimit: 1 });
    expect(nodeClass.spec.blockDeviceMappings[0].ebs).toMatchObject({ volumeType: 'gp3', encrypted: true });
  });

  it.each(['dev', 'staging', 'prod'])('gives every NodePool limits that fit its services at maximum scale in %s', (env) => {
    const demand = poolDemand(
      resolveEnvironment(
        catalog,
        catalog.environments.find((e) => e.spec.name === env)!,
      ),
    );
    for (const [pool, d] of Object.entries(demand)) {
      const np = find(app(env, 'cluster-config'), 'NodePool', pool);
      expect(cpuCores(np.spec.limits.cpu)).toBeGreaterThanOrEqual(d.cpu);
      expect(memoryBytes(np.spec.limits.memory)).toBeGreaterThanOrEqual(d.memory);
    }
  });

  it.each(['dev', 'staging', 'prod'])('defines every PriorityClass the service pods name in %s', (env) => {
    const defined = new Set(
      app(env, 'cluster-config')
        .filter((o) => o.kind === 'PriorityClass')
        .map((o) => o.metadata.name),
    );
    const used = rendered.apps
      .filter((a) => a.env === env)
      .flatMap((a) => a.objects)
      .filter((o) => o.kind === 'Deployment')
      .map((o: any) => o.spec.template.spec.priorityClassName);
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(defined).toContain(name);
  });

  it('renders no public ALB while Terraform has not reported its certificate and web ACL', () => {
    const env = catalog.environments.find((e) => e.spec.name === 'prod')!;
    const withOutputs = (certificateArn: string | null, wafAclArn: string | null) =>
      renderCatalog({
        ...catalog,
        environments: catalog.environments.map((e) =>
          e === env ? { ...e, terraform: { ...e.terraform, edgeCertificateArn: certificateArn, edgeWafAclArn: wafAclArn } } : e,
        ),
      }).apps.find((a) => a.env === 'prod' && a.name === 'cluster-config')!.objects;
    expect(withOutputs(null, null).filter((o) => o.kind === 'Ingress')).toEqual([]);
    expect(withOutputs(EDGE_CERT, null).filter((o) => o.kind === 'Ingress')).toEqual([]);
    expect(withOutputs(null, EDGE_WAF).filter((o) => o.kind === 'Ingress')).toEqual([]);
  });

  it('exposes the public API through an HTTPS-only, WAF-protected ALB once both are known', () => {
    const ingress = find(edgeApp(), 'Ingress', 'public-api');
    expect(ingress.metadata.namespace).toBe('edge');
    expect(ingress.spec.ingressClassName).toBe('alb');
    expect(ingress.spec.rules[0].host).toBe('api.fintrack.io');
    expect(ingress.spec.rules[0].http.paths[0].backend).toEqual({ service: { name: 'api-gateway', port: { number: 8080 } } });
    expect(ingress.metadata.annotations).toMatchObject({
      'alb.ingress.kubernetes.io/scheme': 'internet-facing',
      'alb.ingress.kubernetes.io/target-type': 'ip',
      'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS":443}]',
      'alb.ingress.kubernetes.io/ssl-redirect': '443',
      'alb.ingress.kubernetes.io/ssl-policy': 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      'alb.ingress.kubernetes.io/certificate-arn': EDGE_CERT,
      'alb.ingress.kubernetes.io/wafv2-acl-arn': EDGE_WAF,
    });
  });
});

describe('service mTLS', () => {
  it('renders a Certificate from the internal CA in the service namespace and mounts it', () => {
    // GIVEN reconciliation-service declares mtls: true
    const objs = app('prod', 'reconciliation-service');
    const cert = find(objs, 'Certificate', 'reconciliation-service');
    // THEN its certificate covers the in-cluster names for server and client auth
    expect(cert.metadata.namespace).toBe('reconciliation');
    expect(cert.spec).toMatchObject({
      secretName: 'reconciliation-service-tls',
      dnsNames: ['reconciliation-service.reconciliation.svc', 'reconciliation-service.reconciliation.svc.cluster.local'],
      duration: '720h',
      renewBefore: '240h',
      issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'fintrack-internal-ca' },
    });
    expect(cert.spec.usages).toEqual(expect.arrayContaining(['server auth', 'client auth']));
    // AND the pod mounts the secret read-only and names the files
    const pod = find(objs, 'Deployment', 'reconciliation-service').spec.template.spec;
    expect(pod.volumes).toContainEqual({ name: 'tls', secret: { secretName: 'reconciliation-service-tls', defaultMode: 0o440 } });
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'tls', mountPath: '/etc/fintrack/tls', readOnly: true });
    expect(pod.containers[0].env).toContainEqual({ name: 'TLS_CERT_FILE', value: '/etc/fintrack/tls/tls.crt' });
    expect(pod.priorityClassName).toBe('business-critical');
  });

  it('renders no Certificate for a service without mtls', () => {
    const objs = app('prod', 'transaction-worker');
    expect(objs.some((o) => o.kind === 'Certificate')).toBe(false);
    expect(find(objs, 'Deployment', 'transaction-worker').spec.template.spec.volumes).toHaveLength(1);
  });
});

describe('observability', () => {
  const objs = app('prod', 'observability');

  it('alerts on p99 latency above the service SLA and on error-budget burn', () => {
    const rules = find(objs, 'PrometheusRule', 'reconciliation-service-alerts').spec.groups[0].rules;
    expect(rules[0]).toMatchObject({ alert: 'LatencyP99AboveSLA', for: '5m', labels: { severity: 'critical' } });
    expect(rules[0].expr).toBe(
      'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="reconciliation-service", namespace="reconciliation"}[5m]))) > 2',
    );
    expect(rules.filter((r: any) => r.alert === 'ErrorBudgetBurn').map((r: any) => [r.labels.window, r.labels.severity])).toEqual([
      ['1h', 'critical'],
      ['6h', 'critical'],
      ['1d', 'warning'],
      ['3d', 'warning'],
    ]);
    expect(rules[1].expr).toContain('> 0.0144');
  });

  it('alerts on the backlog of the SQS queue a worker consumes, by its Terraform name', () => {
    const rules = find(objs, 'PrometheusRule', 'transaction-worker-alerts').spec.groups[0].rules;
    expect(rules).toEqual([
      expect.objectContaining({
        alert: 'QueueBacklog',
        expr: 'aws_sqs_approximate_number_of_messages_visible{queue_name="fintrack-prod-transactions-ingest"} > 10000',
        for: '10m',
      }),
    ]);
  });

  it('alerts on crash loops in every team namespace', () => {
    const rules = find(objs, 'PrometheusRule', 'fintrack-namespaces').spec.groups[0].rules;
    expect(rules.map((r: any) => r.labels.team)).toEqual(TEAMS);
  });

  it('routes critical to PagerDuty and #incidents, warning to #platform-alerts, info in business hours only', () => {
    const routing = find(objs, 'AlertmanagerConfig', 'fintrack-routing').spec;
    const routes = routing.route.routes.map((r: any) => [r.matchers[0].value, r.receiver, r.activeTimeIntervals ?? null]);
    expect(routes).toEqual([
      ['Watchdog|InfoInhibitor', 'null', null],
      ['critical', 'pagerduty', null],
      ['critical', 'slack-incidents', null],
      ['warning', 'slack-platform-alerts', null],
      ['info', 'slack-platform-alerts', ['business-hours']],
    ]);
    expect(routing.receivers.find((r: any) => r.name === 'slack-incidents').slackConfigs[0]).toMatchObject({
      channel: '#incidents',
      apiURL: { name: 'alertmanager-receivers', key: 'slack-incidents-webhook' },
    });
    const secret = find(objs, 'ExternalSecret', 'alertmanager-receivers');
    expect(secret.spec.data.map((d: any) => d.remoteRef)).toContainEqual({
      key: 'fintrack/prod/alertmanager',
      property: 'pagerduty-routing-key',
    });
  });

  it('does not page from dev', () => {
    const routing = find(app('dev', 'observability'), 'AlertmanagerConfig', 'fintrack-routing').spec;
    expect(routing.receivers.map((r: any) => r.name)).not.toContain('pagerduty');
  });

  it('ships a dashboard per alerted service and a platform overview, labelled for the Grafana sidecar', () => {
    const dashboards = objs.filter((o) => o.kind === 'ConfigMap');
    expect(dashboards.map((o) => o.metadata.name)).toContain('grafana-dashboard-platform-overview');
    const alerted = objs
      .filter((o) => o.kind === 'PrometheusRule' && o.metadata.name.endsWith('-alerts'))
      .map((o) => o.metadata.name.replace(/-alerts$/, ''));
    expect(alerted.length).toBeGreaterThan(0);
    for (const service of alerted) expect(dashboards.map((o) => o.metadata.name)).toContain(`grafana-dashboard-${service}`);
    for (const d of dashboards as any[]) {
      expect(d.metadata.labels).toEqual({ grafana_dashboard: '1' });
      const json = JSON.parse(Object.values(d.data)[0] as string);
      expect(json.panels.length).toBeGreaterThanOrEqual(4);
    }
  });
});

describe('construct rules', () => {
  const team: TeamNamespaceProps = {
    name: 'payments',
    environment: 'prod',
    quota: { requests: { cpu: '4', memory: '8Gi' }, limits: { cpu: '8', memory: '16Gi' }, pods: 10, gpus: 0 },
    limitRange: {
      max: { cpu: '1', memory: '1Gi' },
      defaultLimits: { cpu: '1', memory: '1Gi' },
      defaultRequests: { cpu: '250m', memory: '512Mi' },
    },
  };
  const pool: KarpenterNodePoolProps = {
    name: 'general',
    environment: 'dev',
    nodeClass: 'default',
    capacityTypes: ['spot'],
    instanceTypes: ['m6i.xlarge'],
    zones: ['us-east-1a'],
    limits: { cpu: '8', memory: '32Gi' },
    demand: { cpu: 10.5, memory: 8 * 2 ** 30 },
  };

  it('fails when a team namespace would lose its Pod Security labels', () => {
    // GIVEN labels that would weaken Pod Security
    const labels = { 'pod-security.kubernetes.io/enforce': 'privileged' };
    // WHEN the namespace is constructed THEN it refuses, naming the label, value, namespace and env
    expect(() => new TeamNamespace(Testing.chart(), 'Ns', { ...team, labels })).toThrow(
      `'labels' may not set "pod-security.kubernetes.io/enforce" (privileged) on namespace payments in prod: team namespaces enforce Pod Security "restricted"`,
    );
  });

  it('fails when a NodePool has no limits', () => {
    expect(() => new KarpenterNodePool(Testing.chart(), 'Pool', { ...pool, limits: undefined })).toThrow(
      "'limits' must set cpu and memory for NodePool general in dev: without them Karpenter launches nodes without bound",
    );
  });

  it('fails when NodePool limits do not cover its services at maximum scale', () => {
    expect(() => new KarpenterNodePool(Testing.chart(), 'Pool', pool)).toThrow(
      "'limits.cpu' (8) must be >= 10.5, the sum of maxReplicas × requests.cpu of its services, for NodePool general in dev",
    );
  });

  it('fails schema validation on a misspelt custom resource field', async () => {
    // GIVEN a NodePool with a typo the API server would silently prune
    const np: any = find(app('prod', 'cluster-config'), 'NodePool', 'general');
    const typo = { ...np, spec: { ...np.spec, limit: np.spec.limits } };
    // THEN the closed CRD schema reports it
    expect(await schemaFindings([np])).toEqual([]);
    expect(await schemaFindings([typo])).toEqual(['valid: /spec must NOT have additional properties (limit)']);
  });
});
