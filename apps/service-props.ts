/**
 * The chart props of one service in one environment ({@link MicroserviceProps}), read from the
 * resolved model: effective settings, image name, role, queue, scheduling, peers and IP ranges.
 */
import type { MicroserviceProps, ServicePeer } from '../charts/microservice/props.ts';
import { INTERNAL_CA_ISSUER } from '../charts/cluster/internal-ca.ts';
import type { CatalogIssue } from './issues.ts';
import { egressRule } from './resolve.ts';
import type { ResolvedEnvironment, ResolvedService } from './resolved-environment.ts';
import { TRACKED_TAGS } from './schema/service.ts';

/** The chart props of one resolved service; returns issues instead of throwing. */
export function resolveService(
  model: ResolvedEnvironment,
  service: ResolvedService,
): { props?: MicroserviceProps; issues: CatalogIssue[] } {
  const { env } = model;
  const svc = service.spec;
  const settings = service.settings;
  const peer = (s: ResolvedService): ServicePeer => ({
    name: s.spec.name,
    namespace: s.namespace,
    ...(s.spec.port === undefined ? {} : { port: s.spec.port }),
  });
  const callers = svc.network.callers.map((c) => peer(model.byName.get(c) as ResolvedService));
  const callees = (model.callees.get(svc.name) ?? []).map(peer);
  const queue = service.scalingQueue;
  const autoscaling = settings.autoscaling
    ? {
        maxReplicas: settings.autoscaling.maxReplicas,
        cpuUtilization: settings.autoscaling.cpuUtilization,
        ...(queue ? { queue: { url: queue.url, region: env.spec.region, messagesPerReplica: queue.messagesPerReplica } } : {}),
      }
    : undefined;
  const props: MicroserviceProps = {
    name: svc.name,
    namespace: service.namespace,
    team: svc.team,
    environment: env.spec.name,
    workloadClass: svc.class,
    registry: env.spec.ecrRegistry,
    imageName: service.imageName,
    initialTag: svc.image.initialTag,
    allowTags: TRACKED_TAGS[svc.image.track],
    ignoreTags: svc.image.ignoreTags,
    catalogFile: service.entry.file,
    ...(svc.port === undefined ? {} : { port: svc.port }),
    metricsPort: svc.metrics.port,
    metricsPath: svc.metrics.path,
    probes: svc.probes,
    replicas: settings.replicas,
    ...(autoscaling ? { autoscaling } : {}),
    disruption: settings.disruption,
    resources: settings.resources,
    ...(svc.gpus === undefined ? {} : { gpus: svc.gpus }),
    scheduling: service.scheduling,
    zones: env.spec.zones,
    env: { AWS_REGION: env.spec.region, FINTRACK_ENVIRONMENT: env.spec.name, ...settings.env },
    secrets: svc.secrets.map((s) => ({ env: s.env, key: `${env.spec.secretsPrefix}/${s.key}`, property: s.property })),
    roleArn: service.role.arn,
    callers,
    callees,
    ...(svc.network.public ? { publicIngressCidrs: [env.spec.network.vpcCidr] } : {}),
    cidrEgress: svc.network.egress.map((t) => egressRule(t, env)),
    priorityClassName: svc.priority === 'critical' ? 'business-critical' : 'business-standard',
    ...(svc.mtls ? { mtls: { issuer: INTERNAL_CA_ISSUER } } : {}),
  };
  return { props, issues: [] };
}
