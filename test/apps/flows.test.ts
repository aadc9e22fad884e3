/**
 * Asynchronous flows (apps/flows/*.yaml): each catalog rule fails on its fixture with the exact
 * message and passes on the corrected one; the derivation adds exactly the flow's calls, queues,
 * topic, KEDA trigger and secrets; and the committed catalog's flows are applied everywhere. The
 * fixtures are small in-memory services, so nothing here depends on today's catalog.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyFlows, queueUrlEnv, topicArnEnv } from '../../apps/flow-derivation.ts';
import { flowIssues, type CatalogFlow } from '../../apps/flow-rules.ts';
import { loadCatalog } from '../../apps/catalog.ts';
import { formatIssue, CatalogError, type CatalogIssue } from '../../apps/issues.ts';
import { flowSchema, type FlowDeclaration } from '../../apps/schema/flow.ts';
import { serviceSchema, type ServiceDeclaration } from '../../apps/schema/service.ts';
import { lineOfPath, withLines } from '../../apps/yaml-file.ts';
import { workspace } from '../support/fixture.ts';

const FLOW_FILE = 'apps/flows/f.yaml';

/** A valid service; `extra` overrides fields (`class: worker` drops the port). */
function service(name: string, extra: Record<string, unknown> = {}): { file: string; spec: ServiceDeclaration } {
  const worker = extra.class === 'worker';
  const spec = serviceSchema.parse({
    name,
    team: 'team-a',
    description: `fixture service ${name}`,
    class: 'api',
    image: { repository: name, initialTag: 'main-1' },
    ...(worker ? {} : { port: 8080 }),
    metrics: { port: 9090 },
    probes: { readiness: '/readyz', liveness: '/livez' },
    replicas: 2,
    disruption: { minAvailable: 1 },
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '1Gi' } },
    placement: 'on-demand',
    mtls: true,
    ...extra,
  });
  return { file: `apps/services/${name}.yaml`, spec };
}

const FLOW: FlowDeclaration = flowSchema.parse({
  name: 'f',
  description: 'a fixture flow for the rules',
  accept: { via: 'edge', service: 'front', route: 'POST /jobs' },
  queue: { name: 'jobs', messagesPerReplica: 3, maxAgeSeconds: 60 },
  worker: 'crunch',
  data: 'ledger',
  notify: { service: 'notifier', topic: 'job-done', webhookSigningKeyEnv: 'HOOK_KEY' },
  completion: { latencyP99Seconds: 120 },
});

/** The services FLOW needs, all fit for their role. */
function goodServices(): { file: string; spec: ServiceDeclaration }[] {
  return [
    service('edge', { network: { public: true, egress: ['aws-apis'] } }),
    service('front'),
    service('crunch', {
      class: 'worker',
      autoscaling: { maxReplicas: 5, cpuUtilization: 80 },
      environments: { prod: { autoscaling: { maxReplicas: 9, cpuUtilization: 70 } } },
    }),
    service('ledger'),
    service('notifier', { secrets: [{ env: 'HOOK_KEY', key: 'notifier/webhooks', property: 'signing-key' }] }),
  ];
}

const issuesOf = (flow: FlowDeclaration, services = goodServices()): string[] =>
  flowIssues([{ file: FLOW_FILE, spec: flow } satisfies CatalogFlow], services, new Set()).map(formatIssue);

/** `services` with `name` replaced by `service(name, extra)`. */
const replace = (name: string, extra: Record<string, unknown>) =>
  goodServices().map((s) => (s.spec.name === name ? service(name, extra) : s));

describe('flow rules', () => {
  it('passes a flow whose services fit their roles', () => {
    expect(issuesOf(FLOW)).toEqual([]);
  });

  const cases: { name: string; flow?: Partial<FlowDeclaration>; services?: ReturnType<typeof goodServices>; message: string }[] = [
    {
      name: 'an unknown service, naming the closest',
      flow: { worker: 'crunh' },
      message: `${FLOW_FILE}: worker: unknown service "crunh": no such service in apps/services/ (closest: "crunch")`,
    },
    {
      name: 'an entry point that is not public',
      flow: { accept: { ...FLOW.accept, via: 'ledger' } },
      message: `${FLOW_FILE}: accept.via: "ledger" is not public: the request enters through a service with network.public: true (see apps/services/ledger.yaml network.public)`,
    },
    {
      name: 'a worker that is not class worker',
      services: replace('crunch', { autoscaling: { maxReplicas: 5, cpuUtilization: 80 } }),
      message: `${FLOW_FILE}: worker: "crunch" is class "api": the flow's consumer must be class "worker" (see apps/services/crunch.yaml class)`,
    },
    {
      name: 'a worker that does not autoscale',
      services: replace('crunch', { class: 'worker' }),
      message: `${FLOW_FILE}: worker: "crunch" declares no autoscaling: set autoscaling.maxReplicas, the flow adds the queue trigger (see apps/services/crunch.yaml replicas)`,
    },
    {
      name: 'a data service without mTLS',
      services: replace('ledger', { mtls: false }),
      message: `${FLOW_FILE}: data: "ledger" has mtls off: the flow's calls are mutual TLS, set mtls: true (see apps/services/ledger.yaml mtls)`,
    },
    {
      name: 'a worker without mTLS (its client certificate)',
      services: goodServices().map((s) => (s.spec.name === 'crunch' ? { ...s, spec: { ...s.spec, mtls: false } } : s)),
      message: `${FLOW_FILE}: worker: "crunch" has mtls off: the flow's calls are mutual TLS, set mtls: true (see apps/services/crunch.yaml mtls)`,
    },
    {
      name: 'one service in two roles',
      flow: { notify: { ...FLOW.notify, service: 'ledger' } },
      message: `${FLOW_FILE}: worker: accept.service, worker, data and notify.service must be four different services (got front, crunch, ledger, ledger)`,
    },
    {
      name: 'an unsigned webhook (signing key not among the notify service secrets)',
      services: replace('notifier', {}),
      message: `${FLOW_FILE}: notify.webhookSigningKeyEnv: "HOOK_KEY" is not in notifier's secrets: webhooks are signed with a key from Secrets Manager (see apps/services/notifier.yaml secrets)`,
    },
    {
      name: "a service declaring the flow's queue again (stated once)",
      services: [...goodServices(), service('other', { aws: { sqs: [{ queue: 'jobs', access: 'send' }] } })],
      message: `apps/services/other.yaml: aws.sqs[0].queue: "jobs" is the queue of flow f, which derives its producers and consumers: remove it here (see ${FLOW_FILE} queue.name)`,
    },
    {
      name: "a service declaring the flow's topic again (stated once)",
      services: [...goodServices(), service('other', { aws: { sns: [{ topic: 'job-done', access: 'publish' }] } })],
      message: `apps/services/other.yaml: aws.sns[0].topic: "job-done" is the topic of flow f, which derives its publisher: remove it here (see ${FLOW_FILE} notify.topic)`,
    },
    {
      name: 'a worker already scaling on another queue',
      services: replace('crunch', {
        class: 'worker',
        autoscaling: { maxReplicas: 5, cpuUtilization: 80, queue: { queue: 'other', messagesPerReplica: 1 } },
        aws: { sqs: [{ queue: 'other', access: 'consume' }] },
      }),
      message: `${FLOW_FILE}: worker: "crunch" already scales on queue "other": the flow states the worker's queue (see apps/services/crunch.yaml autoscaling.queue)`,
    },
    {
      name: 'a declared variable the flow sets',
      services: replace('front', { env: { [queueUrlEnv('jobs')]: 'https://example.invalid' } }),
      message: `apps/services/front.yaml: env.JOBS_QUEUE_URL: "JOBS_QUEUE_URL" is set by flow f: remove it here (see ${FLOW_FILE} name)`,
    },
  ];
  it.each(cases)('fails on $name', ({ flow, services, message }) => {
    expect(issuesOf({ ...FLOW, ...flow }, services)).toContain(message);
  });

  it('fails two flows sharing a queue or a topic', () => {
    const issues = flowIssues(
      [
        { file: FLOW_FILE, spec: FLOW },
        { file: 'apps/flows/g.yaml', spec: { ...FLOW, name: 'g' } },
      ],
      goodServices(),
      new Set(),
    ).map(formatIssue);
    expect(issues).toContain(`apps/flows/g.yaml: queue.name: "jobs" is already used by flow f (see ${FLOW_FILE} queue.name)`);
    expect(issues).toContain(`apps/flows/g.yaml: notify.topic: "job-done" is already used by flow f (see ${FLOW_FILE} notify.topic)`);
  });
});

describe('flow schema', () => {
  const raw = { ...FLOW, queue: { ...FLOW.queue } };
  it('fails a queue age threshold at or above the completion objective', () => {
    const r = flowSchema.safeParse({ ...raw, queue: { ...raw.queue, maxAgeSeconds: 120 } });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      "queue.maxAgeSeconds: (120) must be < 'completion.latencyP99Seconds' (120): a request waiting that long has already missed the objective",
    ]);
  });
  it('fails an unknown field and a malformed route', () => {
    const r = flowSchema.safeParse({ ...raw, retries: 3, accept: { ...raw.accept, route: 'reports' } });
    expect(r.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['', 'accept.route']);
  });
});

describe('flow derivation', () => {
  const derived = new Map(applyFlows(goodServices(), [FLOW]).map((s) => [s.spec.name, s.spec]));
  const before = new Map(goodServices().map((s) => [s.spec.name, s.spec]));
  const get = (n: string): ServiceDeclaration => derived.get(n)!;

  it('adds exactly the calls of the flow: via → accept, worker → data, worker → notify', () => {
    for (const [name, spec] of derived) {
      const added = spec.network.callers.filter((c) => !before.get(name)!.network.callers.includes(c));
      const expected = { front: ['edge'], ledger: ['crunch'], notifier: ['crunch'] }[name] ?? [];
      expect(added, name).toEqual(expected);
    }
  });

  it('makes the accepting service the producer and the worker the consumer of the queue, with its URL from Terraform', () => {
    expect(get('front').aws.sqs).toEqual([{ queue: 'jobs', access: 'send' }]);
    expect(get('crunch').aws.sqs).toEqual([{ queue: 'jobs', access: 'consume' }]);
    for (const n of ['front', 'crunch']) {
      expect(get(n).secrets).toContainEqual({ env: 'JOBS_QUEUE_URL', key: 'sqs', property: 'jobs-queue-url' });
      expect(get(n).network.egress).toContain('aws-apis');
    }
    // Nobody else touches the queue.
    expect(
      [...derived.values()]
        .filter((s) => s.aws.sqs.length > 0)
        .map((s) => s.name)
        .sort(),
    ).toEqual(['crunch', 'front']);
  });

  it('scales the worker on the queue wherever it autoscales, per-environment overrides included', () => {
    const trigger = { queue: 'jobs', messagesPerReplica: 3 };
    expect(get('crunch').autoscaling?.queue).toEqual(trigger);
    const prod = get('crunch').environments.prod?.autoscaling;
    expect(prod && prod.queue).toEqual(trigger);
    // The derived declaration still satisfies the service schema (a queue trigger needs a consumed queue).
    expect(serviceSchema.safeParse(get('crunch')).success).toBe(true);
  });

  it('lets only the notify service publish to the topic, and opens its webhook egress', () => {
    expect(get('notifier').aws.sns).toEqual([{ topic: 'job-done', access: 'publish' }]);
    expect(get('notifier').secrets).toContainEqual({ env: topicArnEnv('job-done'), key: 'sns', property: 'job-done-topic-arn' });
    expect(get('notifier').network.egress).toEqual(expect.arrayContaining(['aws-apis', 'internet-https']));
    expect([...derived.values()].filter((s) => s.aws.sns.length > 0).map((s) => s.name)).toEqual(['notifier']);
  });

  it('leaves services outside the flow unchanged and is idempotent on callers and egress', () => {
    const outside = service('bystander');
    const [after] = applyFlows([outside], [FLOW]);
    expect(after!.spec).toEqual(outside.spec);
    const twice = new Map(applyFlows(applyFlows(goodServices(), [FLOW]), []).map((s) => [s.spec.name, s.spec]));
    expect(twice.get('ledger')!.network.callers).toEqual(get('ledger').network.callers);
  });
});

describe('the committed catalog', () => {
  const catalog = loadCatalog();
  const byName = new Map(catalog.services.map((s) => [s.spec.name, s.spec]));

  it('applies every flow: the services read by charts and Terraform carry its calls, queue and topic', () => {
    expect(catalog.flows.length).toBeGreaterThan(0);
    for (const { spec: f } of catalog.flows) {
      expect(byName.get(f.accept.service)!.network.callers).toContain(f.accept.via);
      expect(byName.get(f.data)!.network.callers).toContain(f.worker);
      expect(byName.get(f.notify.service)!.network.callers).toContain(f.worker);
      expect(byName.get(f.accept.service)!.aws.sqs).toContainEqual({ queue: f.queue.name, access: 'send' });
      expect(byName.get(f.worker)!.aws.sqs).toContainEqual({ queue: f.queue.name, access: 'consume' });
      expect(byName.get(f.worker)!.autoscaling?.queue).toEqual({ queue: f.queue.name, messagesPerReplica: f.queue.messagesPerReplica });
      expect(byName.get(f.notify.service)!.aws.sns).toContainEqual({ topic: f.notify.topic, access: 'publish' });
      // Only the flow's two roles use its queue, only its notify service its topic.
      const users = catalog.services.filter((s) => s.spec.aws.sqs.some((q) => q.queue === f.queue.name)).map((s) => s.spec.name);
      expect(users.sort()).toEqual([f.accept.service, f.worker].sort());
    }
  });

  it('reports a broken flow file with file:line: field', () => {
    // GIVEN a copy of the catalog whose first flow names a misspelt worker
    const ws = workspace();
    try {
      const { file, spec } = catalog.flows[0]!;
      ws.edit(file, `worker: ${spec.worker}`, `worker: ${spec.worker}x`);
      // WHEN the catalog loads
      let issues: readonly CatalogIssue[] = [];
      try {
        loadCatalog({ root: `${ws.root}/apps`, cwd: ws.root });
      } catch (e) {
        if (!(e instanceof CatalogError)) throw e;
        issues = withLines(e.issues, ws.root);
      }
      // THEN the flow's file, line and field are named, with the closest service
      const line = lineOfPath(readFileSync(file, 'utf8'), 'worker');
      expect(issues.map(formatIssue)).toContain(
        `${file}:${line}: worker: unknown service "${spec.worker}x": no such service in apps/services/ (closest: "${spec.worker}")`,
      );
    } finally {
      ws.dispose();
    }
  });
});
