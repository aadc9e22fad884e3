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
import type { CatalogIssue } from './issues.ts';
import { ALERTMANAGER_SECRET_KEY, pagesOnCall } from './platform-secrets.ts';
import { NODE_POOLS, type NodePoolName } from './node-pools.ts';
import type { ResolvedEnvironment, ResolvedService, ResolvedTeam } from './resolved-environment.ts';
import { cpuCores, memoryBytes } from './schema/quantity.ts';

/** Quota headroom over the services' maximum scale (rollouts, one-off jobs, debugging). */
export const QUOTA_HEADROOM = 1.2;

/** Most pods of a service at once: its maximum scale plus the rolling update's 25 % surge. */
function peakPods(max: number): number {
  return max + Math.ceil(max * 0.25);
}

const cores = (c: number): string => (Number.isInteger(c) ? String(c) : `${Math.ceil(c * 1000)}m`);

/** Namespace props of one team, sized from its services in `env`. */
export function teamNamespace(team: ResolvedTeam, environment: string): TeamNamespaceProps {
  let reqCpu = 0,
    reqMem = 0,
    limCpu = 0,
    limMem = 0,
    pods = 0,
    gpus = 0;
  const perPod = team.services.map((s) => s.settings.resources);
  for (const s of team.services) {
    const r = s.settings.resources;
    const n = peakPods(s.maxReplicas);
    reqCpu += n * cpuCores(r.requests.cpu);
    reqMem += n * memoryBytes(r.requests.memory);
    limCpu += n * cpuCores(r.limits.cpu);
    limMem += n * memoryBytes(r.limits.memory);
    gpus += n * (s.spec.gpus ?? 0);
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
    name: team.name,
    environment,
    quota: { requests: q(reqCpu, reqMem), limits: q(limCpu, limMem), pods: Math.ceil(pods * h), gpus },
    limitRange: {
      max: { cpu: largest.cpu, memory: largest.memory },
      defaultLimits: { cpu: smallest.limits.cpu, memory: smallest.limits.memory },
      defaultRequests: { cpu: smallest.requests.cpu, memory: smallest.requests.memory },
    },
  };
}

/** What the services on each pool request at maximum scale (cores, bytes). */
export function poolDemand(model: ResolvedEnvironment): Record<NodePoolName, { cpu: number; memory: number }> {
  const demand = { general: { cpu: 0, memory: 0 }, 'gpu-spot': { cpu: 0, memory: 0 } };
  for (const s of model.services) {
    const r = s.settings.resources.requests;
    const d = demand[s.scheduling.nodePool];
    d.cpu += s.maxReplicas * cpuCores(r.cpu);
    d.memory += s.maxReplicas * memoryBytes(r.memory);
  }
  return demand;
}

/** The service asking the most of `resource` on `pool` at maximum scale (the largest contributor to its demand). */
export function largestOnPool(model: ResolvedEnvironment, pool: NodePoolName, resource: 'cpu' | 'memory'): ResolvedService | undefined {
  const demand = (s: ResolvedService): number => {
    const r = s.settings.resources.requests;
    return s.maxReplicas * (resource === 'cpu' ? cpuCores(r.cpu) : memoryBytes(r.memory));
  };
  return model.services
    .filter((s) => s.scheduling.nodePool === pool)
    .reduce<ResolvedService | undefined>((a, b) => (a === undefined || demand(b) > demand(a) ? b : a), undefined);
}

/** Props of the cluster-config chart of `env`, or the issues that prevent it. */
export function resolveClusterConfig(model: ResolvedEnvironment): { props?: ClusterConfigChartProps; issues: CatalogIssue[] } {
  const { env } = model;
  const issues: CatalogIssue[] = [];
  const demand = poolDemand(model);
  const nodePools: KarpenterNodePoolProps[] = (Object.keys(NODE_POOLS) as NodePoolName[]).map((name) => {
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
  const publicServices = model.services.filter(({ spec }) => spec.network.public);
  for (const extra of publicServices.slice(1)) {
    issues.push({
      file: extra.entry.file,
      path: 'network.public',
      message: `only one service may be public (api.${env.spec.domain}); ${publicServices[0]!.spec.name} already is`,
    });
  }
  const pub = publicServices[0];
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
    teams: model.teams.map((team) => teamNamespace(team, env.spec.name)),
    nodeClasses,
    nodePools,
    ...(pub && pub.spec.port !== undefined && certificateArn && wafAclArn
      ? {
          publicApi: {
            service: { name: pub.spec.name, namespace: pub.namespace, port: pub.spec.port, healthPath: pub.spec.probes.readiness },
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
export function resolveObservability(model: ResolvedEnvironment): { props?: ObservabilityChartProps; issues: CatalogIssue[] } {
  const { env } = model;
  const issues: CatalogIssue[] = [];
  const services = model.services.map(({ spec, namespace }) => {
    const queues = spec.aws.sqs
      .filter((q) => q.access === 'consume')
      .map((q) => ({ name: env.names.queueName(q.queue), backlog: spec.sla.queueBacklog }));
    return {
      service: spec.name,
      namespace,
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
      teamNamespaces: model.teams.map((t) => t.name),
      alertmanagerConfigName: ALERTMANAGER_CONFIG_NAME,
      receiverSecretKey: env.names.secretName(ALERTMANAGER_SECRET_KEY),
      paging: pagesOnCall(env.spec.name),
    },
    issues,
  };
}
