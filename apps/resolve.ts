/**
 * Resolves a catalog service for one environment into {@link MicroserviceProps}: environment
 * defaults and the service's own per-environment overrides applied, peers and IP ranges looked up.
 */
import type { CidrEgress, MicroserviceProps, ServicePeer } from '../charts/microservice/props.ts';
import type { Catalog, CatalogEnvironment, CatalogService } from './catalog.ts';
import { TRACKED_TAGS, type EgressTarget, type Overridable, type ServiceDeclaration } from './schema/service.ts';
import type { CatalogIssue } from './issues.ts';
import { INTERNAL_CA_ISSUER } from '../charts/cluster/internal-ca.ts';

/** Private ranges and the instance metadata endpoint, never reachable through `internet-https`. */
const NON_INTERNET = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16'];

/** The namespace a service runs in: its team's. */
export function namespaceOf(service: Pick<ServiceDeclaration, 'team'>): string {
  return service.team;
}

/** The declared fields after environment defaults and the service's override for `env`. */
export function effectiveSettings(
  service: ServiceDeclaration,
  env: CatalogEnvironment,
): Required<Omit<Overridable, 'autoscaling'>> & { autoscaling: Overridable['autoscaling'] } {
  const layers: Overridable[] = [env.spec.defaults, service.environments[env.spec.name] ?? {}];
  let settings = {
    replicas: service.replicas,
    autoscaling: service.autoscaling as Overridable['autoscaling'],
    disruption: service.disruption,
    resources: service.resources,
    env: service.env,
  };
  for (const layer of layers) {
    settings = {
      replicas: layer.replicas ?? settings.replicas,
      autoscaling: layer.autoscaling ?? settings.autoscaling,
      disruption: layer.disruption ?? settings.disruption,
      resources: layer.resources ?? settings.resources,
      env: { ...settings.env, ...layer.env },
    };
  }
  return settings;
}

/** Where a named egress target is in an environment: CIDRs (minus excepts) and TCP ports. */
export function egressRule(target: EgressTarget, env: CatalogEnvironment): CidrEgress {
  const net = env.spec.network;
  switch (target) {
    case 'postgres':
      return { target, cidrs: net.dataSubnetCidrs, ports: [5432] };
    case 'redis':
      return { target, cidrs: net.dataSubnetCidrs, ports: [6379] };
    case 'aws-apis':
      // Interface VPC endpoints (STS, Secrets Manager, KMS, S3, ...) live inside the VPC.
      return { target, cidrs: [net.vpcCidr], ports: [443] };
    case 'internet-https':
      return { target, cidrs: ['0.0.0.0/0'], except: NON_INTERNET, ports: [443] };
  }
}

/** Resolves one service for one environment; returns issues instead of throwing. */
export function resolveService(
  catalog: Catalog,
  env: CatalogEnvironment,
  entry: CatalogService,
): { props?: MicroserviceProps; issues: CatalogIssue[] } {
  const svc = entry.spec;
  const settings = effectiveSettings(svc, env);
  const roleArn = env.names.serviceRoleArn(svc.name);
  const peer = (s: ServiceDeclaration): ServicePeer => ({
    name: s.name,
    namespace: namespaceOf(s),
    ...(s.port === undefined ? {} : { port: s.port }),
  });
  const byName = new Map(catalog.services.map((s) => [s.spec.name, s.spec]));
  const callers = svc.network.callers.map((c) => peer(byName.get(c) as ServiceDeclaration));
  const callees = catalog.services.filter((s) => s.spec.network.callers.includes(svc.name)).map((s) => peer(s.spec));
  const queue = settings.autoscaling ? settings.autoscaling.queue : undefined;
  // Derived like every conventional AWS name (apps/aws-names.ts): a new queue never waits for Terraform outputs.
  const queueName = queue ? env.names.queueName(queue.queue) : undefined;
  const autoscaling = settings.autoscaling
    ? {
        maxReplicas: settings.autoscaling.maxReplicas,
        cpuUtilization: settings.autoscaling.cpuUtilization,
        ...(queue && queueName
          ? {
              queue: {
                url: env.names.queueUrl(queueName),
                region: env.spec.region,
                messagesPerReplica: queue.messagesPerReplica,
              },
            }
          : {}),
      }
    : undefined;
  const props: MicroserviceProps = {
    name: svc.name,
    namespace: namespaceOf(svc),
    team: svc.team,
    environment: env.spec.name,
    workloadClass: svc.class,
    registry: env.spec.ecrRegistry,
    repository: svc.image.repository,
    initialTag: svc.image.initialTag,
    allowTags: TRACKED_TAGS[svc.image.track],
    ignoreTags: svc.image.ignoreTags,
    catalogFile: entry.file,
    ...(svc.port === undefined ? {} : { port: svc.port }),
    metricsPort: svc.metrics.port,
    metricsPath: svc.metrics.path,
    probes: svc.probes,
    replicas: settings.replicas,
    ...(autoscaling ? { autoscaling } : {}),
    disruption: settings.disruption,
    resources: settings.resources,
    ...(svc.gpus === undefined ? {} : { gpus: svc.gpus }),
    placement: svc.placement,
    zones: env.spec.zones,
    env: { AWS_REGION: env.spec.region, FINTRACK_ENVIRONMENT: env.spec.name, ...settings.env },
    secrets: svc.secrets.map((s) => ({ env: s.env, key: `${env.spec.secretsPrefix}/${s.key}`, property: s.property })),
    roleArn,
    callers,
    callees,
    ...(svc.network.public ? { publicIngressCidrs: [env.spec.network.vpcCidr] } : {}),
    cidrEgress: svc.network.egress.map((t) => egressRule(t, env)),
    priorityClassName: svc.priority === 'critical' ? 'business-critical' : 'business-standard',
    ...(svc.mtls ? { mtls: { issuer: INTERNAL_CA_ISSUER } } : {}),
  };
  return { props, issues: [] };
}
