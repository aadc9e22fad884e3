/**
 * Rules of `apps/flows/*.yaml` that need the services: every role names a declared service fit for
 * it, and what the flow derives (queue, topic, queue autoscaling, secrets) is stated nowhere else.
 */
import type { CatalogIssue } from './issues.ts';
import type { FlowDeclaration } from './schema/flow.ts';
import type { ServiceDeclaration } from './schema/service.ts';
import { closest } from './service-rules.ts';
import { flowSecretEnvs } from './flow-derivation.ts';

/** A flow declaration with the file it came from. */
export interface CatalogFlow {
  /** Repo-relative path of the declaration. */
  readonly file: string;
  /** The validated declaration. */
  readonly spec: FlowDeclaration;
}

interface Entry {
  readonly file: string;
  readonly spec: ServiceDeclaration;
}

/** Every issue of the flows against the (not yet derived) services. */
export function flowIssues(flows: readonly CatalogFlow[], services: readonly Entry[], invalid: ReadonlySet<string>): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const byName = new Map(services.map((s) => [s.spec.name, s]));
  const names = [...new Set([...byName.keys(), ...invalid])];
  const owners = new Map<string, CatalogFlow>();
  for (const flow of flows) {
    const { file, spec } = flow;
    const issue = (path: string, message: string, related?: { file: string; path: string }): void =>
      void issues.push({ file, path, message, ...(related ? { related } : {}) });

    /** The service a role names; an unknown one is an issue (unless its own file is invalid). */
    const role = (path: string, name: string): Entry | undefined => {
      const entry = byName.get(name);
      if (!entry && !invalid.has(name)) {
        const near = closest(name, names, 3);
        issue(path, `unknown service "${name}": no such service in apps/services/${near ? ` (closest: "${near}")` : ''}`);
      }
      return entry;
    };
    const via = role('accept.via', spec.accept.via);
    const accept = role('accept.service', spec.accept.service);
    const worker = role('worker', spec.worker);
    const data = role('data', spec.data);
    const notify = role('notify.service', spec.notify.service);

    if (via && !via.spec.network.public)
      issue('accept.via', `"${via.spec.name}" is not public: the request enters through a service with network.public: true`, {
        file: via.file,
        path: 'network.public',
      });
    if (worker && worker.spec.class !== 'worker')
      issue('worker', `"${worker.spec.name}" is class "${worker.spec.class}": the flow's consumer must be class "worker"`, {
        file: worker.file,
        path: 'class',
      });
    if (worker && !worker.spec.autoscaling)
      issue('worker', `"${worker.spec.name}" declares no autoscaling: set autoscaling.maxReplicas, the flow adds the queue trigger`, {
        file: worker.file,
        path: 'replicas',
      });
    if (worker?.spec.autoscaling?.queue)
      issue(
        'worker',
        `"${worker.spec.name}" already scales on queue "${worker.spec.autoscaling.queue.queue}": the flow states the worker's queue`,
        {
          file: worker.file,
          path: 'autoscaling.queue',
        },
      );
    for (const [path, entry] of [
      ['worker', worker],
      ['data', data],
      ['notify.service', notify],
    ] as const) {
      // Calls between these services are mutually authenticated: each presents its certificate.
      if (entry && !entry.spec.mtls)
        issue(path, `"${entry.spec.name}" has mtls off: the flow's calls are mutual TLS, set mtls: true`, {
          file: entry.file,
          path: 'mtls',
        });
    }
    for (const [path, entry] of [
      ['data', data],
      ['notify.service', notify],
      ['accept.service', accept],
    ] as const) {
      if (entry && entry.spec.port === undefined)
        issue(path, `"${entry.spec.name}" has no port: the flow calls it`, { file: entry.file, path: 'port' });
    }
    const distinct = [spec.accept.service, spec.worker, spec.data, spec.notify.service];
    if (new Set(distinct).size !== distinct.length)
      issue('worker', `accept.service, worker, data and notify.service must be four different services (got ${distinct.join(', ')})`);
    if (notify && !notify.spec.secrets.some((s) => s.env === spec.notify.webhookSigningKeyEnv))
      issue(
        'notify.webhookSigningKeyEnv',
        `"${spec.notify.webhookSigningKeyEnv}" is not in ${notify.spec.name}'s secrets: webhooks are signed with a key from Secrets Manager`,
        { file: notify.file, path: 'secrets' },
      );

    // Stated once: the flow owns its queue and topic; services must not declare them again.
    for (const s of services) {
      s.spec.aws.sqs.forEach((q, i) => {
        if (q.queue === spec.queue.name)
          issues.push({
            file: s.file,
            path: `aws.sqs[${i}].queue`,
            message: `"${q.queue}" is the queue of flow ${spec.name}, which derives its producers and consumers: remove it here`,
            related: { file, path: 'queue.name' },
          });
      });
      s.spec.aws.sns.forEach((t, i) => {
        if (t.topic === spec.notify.topic)
          issues.push({
            file: s.file,
            path: `aws.sns[${i}].topic`,
            message: `"${t.topic}" is the topic of flow ${spec.name}, which derives its publisher: remove it here`,
            related: { file, path: 'notify.topic' },
          });
      });
    }
    for (const [path, name] of [
      ['queue.name', `queue:${spec.queue.name}`],
      ['notify.topic', `topic:${spec.notify.topic}`],
    ] as const) {
      const other = owners.get(name);
      if (other) issue(path, `"${name.split(':')[1]}" is already used by flow ${other.spec.name}`, { file: other.file, path });
      else owners.set(name, flow);
    }
    // The secrets the flow adds (queue URL, topic ARN) must not collide with declared variables.
    for (const [service, envs] of flowSecretEnvs(spec)) {
      const entry = byName.get(service);
      if (!entry) continue;
      for (const env of envs) {
        const at = entry.spec.secrets.findIndex((s) => s.env === env);
        if (at >= 0 || env in entry.spec.env)
          issues.push({
            file: entry.file,
            path: at >= 0 ? `secrets[${at}].env` : `env.${env}`,
            message: `"${env}" is set by flow ${spec.name}: remove it here`,
            related: { file, path: 'name' },
          });
      }
    }
  }
  return issues;
}
