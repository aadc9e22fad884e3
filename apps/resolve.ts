/**
 * Per-environment rules every resolved view shares: a service's namespace, its effective settings
 * (environment defaults, then the service's own override) and where an egress target is.
 */
import type { CidrEgress } from '../charts/microservice/props.ts';
import type { CatalogEnvironment } from './catalog.ts';
import type { EgressTarget, Overridable, ServiceDeclaration } from './schema/service.ts';

/** Private ranges and the instance metadata endpoint, never reachable through `internet-https`. */
const NON_INTERNET = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16'];

/** The namespace a service runs in: its team's. */
export function namespaceOf(service: Pick<ServiceDeclaration, 'team'>): string {
  return service.team;
}

/** A service's overridable fields as they apply in one environment. */
export type EffectiveSettings = Required<Omit<Overridable, 'autoscaling'>> & { autoscaling: Overridable['autoscaling'] };

/** The declared fields after environment defaults and the service's override for `env`. */
export function effectiveSettings(service: ServiceDeclaration, env: CatalogEnvironment): EffectiveSettings {
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
