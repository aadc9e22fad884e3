/**
 * Resolves the cluster configuration of one environment from the catalog: team namespaces sized
 * from their services, Karpenter pools sized against what their services may request, the public
 * API's Ingress from the service marked public.
 */
import { publicApiHost } from './edge.ts';
import type { ClusterConfigChartProps } from '../charts/cluster-config-chart.ts';
import type { ObservabilityChartProps } from '../charts/observability-chart.ts';
import { ALERTMANAGER_CONFIG_NAME } from './addons/values/kube-prometheus-stack.ts';
import type { KarpenterNodePoolProps } from '../charts/cluster/karpenter-node-pool.ts';
import type { CpuMemory, TeamNamespaceProps } from '../charts/cluster/team-namespace.ts';
import type { Catalog, CatalogEnvironment, CatalogService } from './catalog.ts';
import type { CatalogIssue } from './issues.ts';
import { ALERTMANAGER_SECRET_KEY, pagesOnCall } from './platform-secrets.ts';
import { effectiveSettings, namespaceOf } from './resolve.ts';
import { cpuCores, memoryBytes } from './schema/quantity.ts';
import type { ServiceDeclaration } from './schema/service.ts';

/** Quota headroom over the services' maximum scale (rollouts, one-off jobs, debugging). */
export const QUOTA_HEADROOM = 1.2;

/** Instance families of each NodePool (seed 001) and their node classes. */
export const NODE_POOLS = {
  general: {
    nodeClass: 'default',
    capacityTypes: ['spot', 'on-demand'],
    instanceTypes: ['m6i.xlarge', 'm6i.2xlarge', 'm7i.xlarge', 'm7i.2xlarge', 'm6a.xlarge', 'm6a.2xlarge', 'c6i.xlarge', 'c6i.2xlarge'],
    weight: 50,
  },
  'gpu-spot': {
    nodeClass: 'gpu',
    capacityTypes: ['spot'],
    instanceTypes: ['g5.xlarge', 'g5.2xlarge', 'g4dn.xlarge'],
    taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }],
    weight: 10,
  },
} as const;

/** The NodePool a service's pods select (`karpenter.sh/nodepool`, see charts/microservice/pod-spec.ts). */
export function nodePoolOf(service: Pick<ServiceDeclaration, 'placement'>): keyof typeof NODE_POOLS {
  return service.placement === 'gpu-spot' ? 'gpu-spot' : 'general';
}

/** Most pods of a service at once: its maximum scale plus the rolling update's 25 % surge. */
function peakPods(max: number): number {
  return max + Math.ceil(max * 0.25);
}

function maxReplicasOf(service: ServiceDeclaration, env: CatalogEnvironment): number {
  const s = effectiveSettings(service, env);
  return s.autoscaling ? s.autoscaling.maxReplicas : s.replicas;
}

const cores = (c: number): string => (Number.isInteger(c) ? String(c) : `${Math.ceil(c * 1000)}m`);

/** Namespace props of one team, sized from its services in `env`. */
export function teamNamespace(team: string, services: readonly CatalogService[], env: CatalogEnvironment): TeamNamespaceProps {
  let reqCpu = 0,
    reqMem = 0,
    limCpu = 0,
    limMem = 0,
    pods = 0,
    gpus = 0;
  const perPod = services.map(({ spec }) => effectiveSettings(spec, env).resources);
  for (const { spec } of services) {
    const r = effectiveSettings(spec, env).resources;
    const n = peakPods(maxReplicasOf(spec, env));
    reqCpu += n * cpuCores(r.requests.cpu);
    reqMem += n * memoryBytes(r.requests.memory);
    limCpu += n * cpuCores(r.limits.cpu);
    limMem += n * memoryBytes(r.limits.memory);
    gpus += n * (spec.gpus ?? 0);
    pods += n;
  }
  const h = QUOTA_HEADROOM;
  const bySize = (pick: (r: (typeof perPod)[number]) => number): (typeof perPod)[number] =>
    perPod.reduce((a, b) => (pick(b) > pick(a) ? b : a));
  const largest = {
    cpu: bySize((r) => cpuCores(r.limits.cpu)).limits.cpu,
    memory: bySize((r) => memoryBytes(r.limits.memory)).limits.memory,
  };
  const smallest = perPod.reduce((a, b) => (cpuCores(b.requests.cpu) < cpuCores(a.requests.cpu) ? b : a));
  const q = (cpu: number, mem: number): CpuMemory => ({ cpu: cores(Math.ceil(cpu * h)), memory: `${Math.ceil((mem * h) / 2 ** 30)}Gi` });
  return {
    name: team,
    environment: env.spec.name,
    quota: { requests: q(reqCpu, reqMem), limits: q(limCpu, limMem), pods: Math.ceil(pods * h), gpus },
    limitRange: {
      max: { cpu: largest.cpu, memory: largest.memory },
      defaultLimits: { cpu: smallest.limits.cpu, memory: smallest.limits.memory },
      defaultRequests: { cpu: smallest.requests.cpu, memory: smallest.requests.memory },
    },
  };
}

/** What the services on each pool request at maximum scale (cores, bytes). */
export function poolDemand(catalog: Catalog, env: CatalogEnvironment): Record<keyof typeof NODE_POOLS, { cpu: number; memory: number }> {
  const demand = { general: { cpu: 0, memory: 0 }, 'gpu-spot': { cpu: 0, memory: 0 } };
  for (const { spec } of catalog.services) {
    const r = effectiveSettings(spec, env).resources;
    const n = maxReplicasOf(spec, env);
    const d = demand[nodePoolOf(spec)];
    d.cpu += n * cpuCores(r.requests.cpu);
    d.memory += n * memoryBytes(r.requests.memory);
  }
  return demand;
}

/** The service asking the most of `resource` on `pool` at maximum scale (the largest contributor to its demand). */
export function largestOnPool(
  catalog: Catalog,
  env: CatalogEnvironment,
  pool: keyof typeof NODE_POOLS,
  resource: 'cpu' | 'memory',
): CatalogService | undefined {
  const demand = ({ spec }: CatalogService): number => {
    const r = effectiveSettings(spec, env).resources.requests;
    return maxReplicasOf(spec, env) * (resource === 'cpu' ? cpuCores(r.cpu) : memoryBytes(r.memory));
  };
  return catalog.services
    .filter(({ spec }) => nodePoolOf(spec) === pool)
    .reduce<CatalogService | undefined>((a, b) => (a === undefined || demand(b) > demand(a) ? b : a), undefined);
}

/** Props of the cluster-config chart of `env`, or the issues that prevent it. */
export function resolveClusterConfig(
  catalog: Catalog,
  env: CatalogEnvironment,
): { props?: ClusterConfigChartProps; issues: CatalogIssue[] } {
  const issues: CatalogIssue[] = [];
  const teams = [...new Set(catalog.services.map(({ spec }) => namespaceOf(spec)))].sort();
  const demand = poolDemand(catalog, env);
  const nodePools: KarpenterNodePoolProps[] = (Object.keys(NODE_POOLS) as (keyof typeof NODE_POOLS)[]).map((name) => {
    const pool = NODE_POOLS[name];
    return {
      name,
      environment: env.spec.name,
      nodeClass: pool.nodeClass,
      capacityTypes: pool.capacityTypes,
      instanceTypes: pool.instanceTypes,
      zones: env.spec.zones,
      limits: env.spec.nodePools[name].limits,
      demand: demand[name],
      weight: pool.weight,
      ...('taints' in pool ? { taints: pool.taints } : {}),
    };
  });
  const nodeClasses = [
    { name: 'default', clusterName: env.spec.clusterName, role: env.names.karpenterNodeRoleName, environment: env.spec.name },
    {
      name: 'gpu',
      clusterName: env.spec.clusterName,
      role: env.names.karpenterNodeRoleName,
      environment: env.spec.name,
      rootVolumeSize: '100Gi',
    },
  ];
  const publicServices = catalog.services.filter(({ spec }) => spec.network.public);
  for (const extra of publicServices.slice(1)) {
    issues.push({
      file: extra.file,
      path: 'network.public',
      message: `only one service may be public (api.${env.spec.domain}); ${publicServices[0]!.spec.name} already is`,
    });
  }
  const pub = publicServices[0]?.spec;
  // The ALB exists only with TLS and WAF: its certificate and web ACL ids are known after
  // `terraform apply` (modules/edge) and arrive through the outputs file; until both are there the
  // public Ingress is not rendered (an internet-facing ALB without them would be created as is).
  const { edgeCertificateArn: certificateArn, edgeWafAclArn: wafAclArn } = env.terraform;
  const webAcl = wafAclArn?.split('/')[2];
  if (wafAclArn && webAcl !== env.names.edgeWebAclName) {
    issues.push({
      file: env.terraformFile,
      path: 'edgeWafAclArn',
      message: `names web ACL "${webAcl}", not this environment's ${env.names.edgeWebAclName} (modules/edge)`,
    });
  }
  const props: ClusterConfigChartProps = {
    env: env.spec.name,
    region: env.spec.region,
    domain: env.spec.domain,
    acmeEmail: env.spec.edge.acmeEmail,
    teams: teams.map((team) =>
      teamNamespace(
        team,
        catalog.services.filter(({ spec }) => namespaceOf(spec) === team),
        env,
      ),
    ),
    nodeClasses,
    nodePools,
    ...(pub && pub.port !== undefined && certificateArn && wafAclArn
      ? {
          publicApi: {
            service: { name: pub.name, namespace: namespaceOf(pub), port: pub.port, healthPath: pub.probes.readiness },
            host: publicApiHost(env.spec),
            certificateArn,
            wafAclArn,
          },
        }
      : {}),
  };
  return issues.length > 0 ? { issues } : { props, issues };
}

/** Props of the observability chart of `env`, or the issues that prevent it. */
export function resolveObservability(
  catalog: Catalog,
  env: CatalogEnvironment,
): { props?: ObservabilityChartProps; issues: CatalogIssue[] } {
  const issues: CatalogIssue[] = [];
  const services = catalog.services.map(({ spec }) => {
    const queues = spec.aws.sqs
      .filter((q) => q.access === 'consume')
      .map((q) => ({ name: env.names.queueName(q.queue), backlog: spec.sla.queueBacklog }));
    return {
      service: spec.name,
      namespace: namespaceOf(spec),
      ...(spec.class === 'api' ? { latencyP99Seconds: spec.sla.latencyP99Seconds } : {}),
      queues,
    };
  });
  if (issues.length > 0) return { issues };
  return {
    props: {
      env: env.spec.name,
      // Services with nothing to alert on (no HTTP API, no queue) get only namespace-wide rules.
      services: services.filter((s) => s.latencyP99Seconds !== undefined || s.queues.length > 0),
      teamNamespaces: [...new Set(catalog.services.map(({ spec }) => namespaceOf(spec)))].sort(),
      alertmanagerConfigName: ALERTMANAGER_CONFIG_NAME,
      receiverSecretKey: env.names.secretName(ALERTMANAGER_SECRET_KEY),
      paging: pagesOnCall(env.spec.name),
    },
    issues,
  };
}
