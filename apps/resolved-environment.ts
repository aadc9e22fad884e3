/**
 * The catalog resolved once per environment: every service with its effective settings (environment
 * defaults and its own override applied), node pool, image name, identity and queue; the teams with
 * their services; the add-ons running there. Charts, quotas, node-pool demand, Gatekeeper exemptions,
 * the Terraform catalog and the AWS contract all read this model instead of recomputing it.
 */
import type { Catalog, CatalogEnvironment, CatalogService } from './catalog.ts';
import type { CatalogIssue } from './issues.ts';
import type { ServiceDeclaration } from './schema/service.ts';
import { resolveAddonsWithIssues, type ResolvedAddon } from './resolve-addons.ts';
import { effectiveSettings, namespaceOf, type EffectiveSettings } from './resolve.ts';
import { schedulingOf, type Scheduling } from './node-pools.ts';

/** One service in one environment, resolved. */
export interface ResolvedService {
  /** The catalog entry (file and declaration). */
  readonly entry: CatalogService;
  /** The declaration, as `entry.spec`. */
  readonly spec: ServiceDeclaration;
  /** Namespace (its team's). */
  readonly namespace: string;
  /** Replicas, autoscaling, disruption, resources and env after defaults and overrides. */
  readonly settings: EffectiveSettings;
  /** Most replicas at once: the autoscaler's maximum, or the fixed replica count. */
  readonly maxReplicas: number;
  /** The NodePool, capacity type and taints its pods select and tolerate. */
  readonly scheduling: Scheduling;
  /** Image name without tag: `<ecrRegistry>/<repository>`. */
  readonly imageName: string;
  /** Its IRSA role. */
  readonly role: { readonly name: string; readonly arn: string };
  /** The queue KEDA scales it on, when it has one. */
  readonly scalingQueue?: { readonly name: string; readonly url: string; readonly messagesPerReplica: number };
}

/** A team and its services in one environment. */
export interface ResolvedTeam {
  /** Team name, also its namespace. */
  readonly name: string;
  /** Its services, in catalog order. */
  readonly services: readonly ResolvedService[];
}

/** The catalog resolved for one environment. */
export interface ResolvedEnvironment {
  /** The whole catalog (for what is not per environment: add-on declarations, teams file). */
  readonly catalog: Catalog;
  /** The environment. */
  readonly env: CatalogEnvironment;
  /** Every service, in catalog order. */
  readonly services: readonly ResolvedService[];
  /** Services by name. */
  readonly byName: ReadonlyMap<string, ResolvedService>;
  /** The services each service calls (those listing it in `network.callers`), by callee name. */
  readonly callees: ReadonlyMap<string, readonly ResolvedService[]>;
  /** Teams that run at least one service, sorted by name. */
  readonly teams: readonly ResolvedTeam[];
  /** Add-ons running in this environment, sorted by name. */
  readonly addons: readonly ResolvedAddon[];
  /** Problems found while resolving add-on values. */
  readonly issues: readonly CatalogIssue[];
}

function resolveOne(entry: CatalogService, env: CatalogEnvironment): ResolvedService {
  const spec = entry.spec;
  const settings = effectiveSettings(spec, env);
  const scheduling = schedulingOf(spec);
  const queue = settings.autoscaling ? settings.autoscaling.queue : undefined;
  // Derived like every conventional AWS name (apps/aws-names.ts): a new queue never waits for Terraform outputs.
  const queueName = queue ? env.names.queueName(queue.queue) : undefined;
  return {
    entry,
    spec,
    namespace: namespaceOf(spec),
    settings,
    maxReplicas: settings.autoscaling ? settings.autoscaling.maxReplicas : settings.replicas,
    scheduling,
    imageName: env.names.ecrRepositoryUri(spec.image.repository),
    role: { name: env.names.serviceRoleName(spec.name), arn: env.names.serviceRoleArn(spec.name) },
    ...(queue && queueName
      ? { scalingQueue: { name: queueName, url: env.names.queueUrl(queueName), messagesPerReplica: queue.messagesPerReplica } }
      : {}),
  };
}

/** Resolves the catalog for one environment, each service exactly once. */
export function resolveEnvironment(catalog: Catalog, env: CatalogEnvironment): ResolvedEnvironment {
  const services = catalog.services.map((entry) => resolveOne(entry, env));
  const byName = new Map(services.map((s) => [s.spec.name, s]));
  const callees = new Map<string, ResolvedService[]>(services.map((s) => [s.spec.name, []]));
  for (const callee of services) for (const caller of callee.spec.network.callers) callees.get(caller)?.push(callee);
  const teamMap = new Map<string, ResolvedService[]>();
  for (const s of services) {
    const members = teamMap.get(s.namespace);
    if (members) members.push(s);
    else teamMap.set(s.namespace, [s]);
  }
  const teams = [...teamMap.keys()].sort().map((name) => ({ name, services: teamMap.get(name) ?? [] }));
  const { addons, issues } = resolveAddonsWithIssues(catalog, env);
  return { catalog, env, services, byName, callees, teams, addons, issues };
}
