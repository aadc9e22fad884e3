/**
 * Applies an environment's platform profile (apps/platform.ts) to what the shared resolvers
 * produce. On EKS every function returns its input; on k3s it takes out what a single node without
 * AWS cannot have (IRSA, Karpenter placement, zone spread, autoscaling, the ALB, Secrets Manager,
 * RDS and ElastiCache addresses) and puts in the local equivalents. The one place that branches on
 * the platform for services, cluster configuration, observability and the in-cluster data stores.
 */
import type { MicroserviceProps, PodPeer } from '../charts/microservice/props.ts';
import type { ClusterConfigChartProps } from '../charts/cluster-config-chart.ts';
import type { ObservabilityChartProps } from '../charts/observability-chart.ts';
import type { DataChartProps } from '../charts/data-chart.ts';
import { LOCAL_SECRET_STORE_NAME, localSecretName } from '../charts/cluster/local-secret-store.ts';
import { TRAEFIK_PODS } from '../charts/cluster/traefik-ingress.ts';
import type { Catalog, CatalogEnvironment } from './catalog.ts';
import { LOCAL_DATA_NAMESPACE, LOCAL_SECRETS_NAMESPACE } from './platform.ts';
import type { ServiceDeclaration } from './schema/service.ts';
import { egressRule, namespaceOf } from './resolve.ts';
import type { ResolvedEnvironment } from './resolved-environment.ts';
import { EGRESS_TARGETS } from './schema/service.ts';
import { publicApiHost } from './edge.ts';

/** The in-cluster stores that stand in for RDS and ElastiCache, by egress target. */
export const LOCAL_STORES = {
  postgres: {
    port: 5432,
    // Official image, mirrored into the local registry (README "Local cluster (k3s)").
    repository: 'library/postgres',
    tag: '17.2-alpine',
    dataPath: '/var/lib/postgresql/data',
    // The entrypoint and server write the socket and lock files here; the root filesystem stays read-only.
    scratchPaths: ['/var/run/postgresql', '/tmp'],
    env: { PGDATA: '/var/lib/postgresql/data/pgdata', POSTGRES_USER: 'fintrack', POSTGRES_DB: 'fintrack' },
    secretEnv: { POSTGRES_PASSWORD: { key: 'postgres', property: 'password' } },
    probe: ['pg_isready', '-U', 'fintrack', '-d', 'fintrack', '-h', '127.0.0.1'],
    storage: '5Gi',
    args: [] as string[],
  },
  redis: {
    port: 6379,
    repository: 'library/redis',
    tag: '7.4.1-alpine',
    dataPath: '/data',
    scratchPaths: [] as string[],
    env: {},
    secretEnv: {},
    probe: ['redis-cli', 'ping'],
    storage: '1Gi',
    args: ['--appendonly', 'yes', '--protected-mode', 'no'],
  },
} as const;

/** Egress targets that only exist in AWS (interface endpoints): no counterpart on a local cluster. */
const CLOUD_ONLY_EGRESS = new Set(['aws-apis']);

/** Whether a service can run on the environment's platform (GPU services need GPU nodes). */
export function runsOn(service: Pick<ServiceDeclaration, 'gpus' | 'class'>, env: CatalogEnvironment): boolean {
  return env.platform.gpus || ((service.gpus ?? 0) === 0 && service.class !== 'ml-gpu');
}

/**
 * The catalog as the environment's platform can run it: GPU services are skipped where there are
 * no GPUs (and dropped from the callers of others), so a laptop renders everything else.
 */
export function platformCatalog(catalog: Catalog, env: CatalogEnvironment): Catalog {
  const skipped = new Set(catalog.services.filter(({ spec }) => !runsOn(spec, env)).map(({ spec }) => spec.name));
  if (skipped.size === 0) return catalog;
  return {
    ...catalog,
    services: catalog.services
      .filter(({ spec }) => !skipped.has(spec.name))
      .map((entry) => ({
        ...entry,
        spec: { ...entry.spec, network: { ...entry.spec.network, callers: entry.spec.network.callers.filter((c) => !skipped.has(c)) } },
      })),
  };
}

/** The local store's key of a Secrets Manager key of this environment (`fintrack/local/payments/db` → `payments-db`). */
export function localSecretKey(env: CatalogEnvironment, key: string): string {
  const prefix = `${env.spec.secretsPrefix}/`;
  return localSecretName(key.startsWith(prefix) ? key.slice(prefix.length) : key);
}

/** Data store pods a service reaches for an egress target. */
function storePeer(target: keyof typeof LOCAL_STORES): PodPeer {
  return { target, namespace: LOCAL_DATA_NAMESPACE, podLabels: { 'app.kubernetes.io/name': target }, ports: [LOCAL_STORES[target].port] };
}

/** A resolved service as the platform runs it. */
export function localizeService(props: MicroserviceProps, env: CatalogEnvironment): MicroserviceProps {
  const p = env.platform;
  if (!p.singleNode && p.cloudIam && p.secretStore === 'aws-secrets-manager' && !p.inClusterData) return props;
  const { roleArn, autoscaling, publicIngressCidrs, ...rest } = props;
  const podEgress = p.inClusterData
    ? props.cidrEgress.filter((r) => r.target in LOCAL_STORES).map((r) => storePeer(r.target as keyof typeof LOCAL_STORES))
    : [];
  const cidrEgress = props.cidrEgress.filter(
    (r) => !(p.inClusterData && r.target in LOCAL_STORES) && !(!p.cloudIam && CLOUD_ONLY_EGRESS.has(r.target)),
  );
  const plainEnv = { ...props.env };
  if (!p.cloudIam) delete plainEnv.AWS_REGION;
  return {
    ...rest,
    ...(p.cloudIam ? { roleArn } : {}),
    // One node: one replica, nothing scales, and a budget that always lets the node drain.
    ...(p.singleNode
      ? { replicas: 1, disruption: { maxUnavailable: 1 }, singleNode: true }
      : { ...(autoscaling ? { autoscaling } : {}), replicas: props.replicas }),
    env: plainEnv,
    ...(p.secretStore === 'kubernetes'
      ? { secretStore: LOCAL_SECRET_STORE_NAME, secrets: props.secrets.map((s) => ({ ...s, key: localSecretKey(env, s.key) })) }
      : {}),
    ...(publicIngressCidrs && p.ingressClass === 'traefik'
      ? { publicIngressPods: { target: 'traefik', ...TRAEFIK_PODS, ports: props.port === undefined ? [] : [props.port] } }
      : publicIngressCidrs
        ? { publicIngressCidrs }
        : {}),
    cidrEgress,
    ...(podEgress.length > 0 ? { podEgress } : {}),
  };
}

/** Cluster configuration as the platform runs it: no Karpenter, the local secret store, Traefik. */
export function localizeClusterConfig(props: ClusterConfigChartProps, catalog: Catalog, env: CatalogEnvironment): ClusterConfigChartProps {
  const p = env.platform;
  if (p.karpenter && p.secretStore === 'aws-secrets-manager' && p.ingressClass === 'alb') return props;
  const { publicApi, ...rest } = props;
  const pub = catalog.services.find(({ spec }) => spec.network.public)?.spec;
  return {
    ...rest,
    ...(p.karpenter ? {} : { nodePools: [], nodeClasses: [] }),
    ...(p.secretStore === 'kubernetes' ? { localSecrets: { namespace: LOCAL_SECRETS_NAMESPACE } } : {}),
    // What k3s creates itself, so verify (reading dist/ only) knows it exists.
    platformMarker: {
      platform: p.platform,
      storageClasses: p.storageClass === 'gp3' ? [] : [p.storageClass],
      ingressClasses: p.ingressClass === 'alb' ? [] : [p.ingressClass],
      systemPeers: p.ingressClass === 'traefik' ? [TRAEFIK_PODS] : [],
    },
    ...(p.ingressClass === 'alb' && publicApi ? { publicApi } : {}),
    ...(p.ingressClass === 'traefik' && pub && pub.port !== undefined
      ? { traefikPublicApi: { service: { name: pub.name, namespace: namespaceOf(pub), port: pub.port }, host: publicApiHost(env.spec) } }
      : {}),
  };
}

/** Observability as the platform runs it: no paging and no SQS backlog alerts locally. */
export function localizeObservability(props: ObservabilityChartProps, env: CatalogEnvironment): ObservabilityChartProps {
  const p = env.platform;
  if (p.cloudIam) return props;
  return {
    ...props,
    paging: false,
    receiverSecretKey: localSecretKey(env, props.receiverSecretKey),
    secretStore: LOCAL_SECRET_STORE_NAME,
    services: props.services.map((s) => ({ ...s, queues: [] })).filter((s) => s.latencyP99Seconds !== undefined),
  };
}

/**
 * The network contract of an environment Terraform does not provision (`dist/<env>/network.json`,
 * read by verify's network check like `terraform/environments/<env>/catalog.json` elsewhere): each
 * service's declared callers, public exposure and the egress the platform has (no `aws-apis`
 * without AWS), the in-cluster stores as pod targets and Traefik's pods as the public side.
 */
export function localNetworkContract(model: ResolvedEnvironment): Record<string, unknown> {
  const { env } = model;
  const has = (t: string): boolean => !(!env.platform.cloudIam && CLOUD_ONLY_EGRESS.has(t));
  const stores = env.platform.inClusterData ? (Object.keys(LOCAL_STORES) as (keyof typeof LOCAL_STORES)[]) : [];
  return {
    environment: env.spec.name,
    network: {
      vpcCidr: env.spec.network.vpcCidr,
      targets: Object.fromEntries(
        EGRESS_TARGETS.filter((t) => has(t) && !(stores as string[]).includes(t)).map((t) => {
          const { cidrs, except, ports } = egressRule(t, env);
          return [t, { cidrs: [...cidrs], except: [...(except ?? [])], ports: [...ports] }];
        }),
      ),
      podTargets: Object.fromEntries(
        stores.map((t) => {
          const peer = storePeer(t);
          return [t, { namespace: peer.namespace, labels: { ...peer.podLabels }, ports: [...peer.ports] }];
        }),
      ),
      ...(env.platform.ingressClass === 'traefik'
        ? { publicFrom: { namespace: TRAEFIK_PODS.namespace, labels: { ...TRAEFIK_PODS.podLabels }, ports: [] } }
        : {}),
    },
    services: model.services.map(({ spec, namespace }) => ({
      name: spec.name,
      namespace,
      network: { callers: [...spec.network.callers], public: spec.network.public, egress: spec.network.egress.filter(has) },
    })),
  };
}

/** The in-cluster PostgreSQL and Redis of a platform that has them, with their clients; undefined otherwise. */
export function resolveDataStores(catalog: Catalog, env: CatalogEnvironment): DataChartProps | undefined {
  if (!env.platform.inClusterData) return undefined;
  const stores = (Object.keys(LOCAL_STORES) as (keyof typeof LOCAL_STORES)[]).map((name) => {
    const s = LOCAL_STORES[name];
    const clients = catalog.services
      .filter(({ spec }) => spec.network.egress.includes(name))
      .map(({ spec }) => ({ name: spec.name, namespace: namespaceOf(spec) }));
    return {
      name,
      image: `${env.spec.ecrRegistry}/${s.repository}:${s.tag}`,
      port: s.port,
      args: [...s.args],
      env: { ...s.env },
      secretEnv: s.secretEnv,
      secretStore: LOCAL_SECRET_STORE_NAME,
      dataPath: s.dataPath,
      scratchPaths: [...s.scratchPaths],
      storage: s.storage,
      storageClassName: env.platform.storageClass,
      probe: [...s.probe],
      clients,
      team: 'platform',
    };
  });
  return { env: env.spec.name, namespace: LOCAL_DATA_NAMESPACE, stores };
}
