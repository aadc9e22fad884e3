/**
 * What a flow (`apps/flows/*.yaml`) adds to the services it names, so that every later step —
 * NetworkPolicies, KEDA, ExternalSecrets, alerts, the Terraform catalog and contract — reads one
 * model and nothing repeats the flow:
 *
 * | role | gains |
 * |---|---|
 * | `accept.service` | caller `accept.via`; sends to the queue; its URL as `<QUEUE>_QUEUE_URL`; egress `aws-apis` |
 * | `worker` | consumes the queue; KEDA trigger on it; its URL; egress `aws-apis` |
 * | `data` | caller `worker` (mTLS) |
 * | `notify.service` | caller `worker` (mTLS); publishes to the topic, its ARN as `<TOPIC>_TOPIC_ARN`; egress `aws-apis`, `internet-https` (webhooks) |
 *
 * Queue URLs and topic ARNs come from Terraform-written secrets (`sqs`, `sns`), never from the
 * catalog, so a copy of the flow for another tenant derives its own names.
 */
import type { FlowDeclaration } from './schema/flow.ts';
import type { EgressTarget, ServiceDeclaration } from './schema/service.ts';

/** The environment variable carrying a queue's URL (`reports` → `REPORTS_QUEUE_URL`). */
export function queueUrlEnv(queue: string): string {
  return `${queue.toUpperCase().replaceAll('-', '_')}_QUEUE_URL`;
}

/** The environment variable carrying a topic's ARN (`report-ready` → `REPORT_READY_TOPIC_ARN`). */
export function topicArnEnv(topic: string): string {
  return `${topic.toUpperCase().replaceAll('-', '_')}_TOPIC_ARN`;
}

/** The secret variables a flow adds, per service. */
export function flowSecretEnvs(flow: FlowDeclaration): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (service: string, env: string): void => void out.set(service, [...(out.get(service) ?? []), env]);
  add(flow.accept.service, queueUrlEnv(flow.queue.name));
  add(flow.worker, queueUrlEnv(flow.queue.name));
  add(flow.notify.service, topicArnEnv(flow.notify.topic));
  return out;
}

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

function withCallers(s: ServiceDeclaration, callers: readonly string[]): ServiceDeclaration {
  return { ...s, network: { ...s.network, callers: unique([...s.network.callers, ...callers]) } };
}

function withEgress(s: ServiceDeclaration, egress: readonly EgressTarget[]): ServiceDeclaration {
  return { ...s, network: { ...s.network, egress: unique([...s.network.egress, ...egress]) } };
}

function withQueue(s: ServiceDeclaration, queue: string, access: 'send' | 'consume'): ServiceDeclaration {
  const secret = { env: queueUrlEnv(queue), key: 'sqs', property: `${queue}-queue-url` };
  return { ...s, aws: { ...s.aws, sqs: [...s.aws.sqs, { queue, access }] }, secrets: [...s.secrets, secret] };
}

/** The worker scales on the queue wherever it autoscales: its own setting and per-environment overrides. */
function withQueueScaling(s: ServiceDeclaration, queue: string, messagesPerReplica: number): ServiceDeclaration {
  const trigger = { queue, messagesPerReplica };
  const environments = Object.fromEntries(
    Object.entries(s.environments).map(([env, o]) => [
      env,
      o.autoscaling ? { ...o, autoscaling: { ...o.autoscaling, queue: trigger } } : o,
    ]),
  );
  return { ...s, ...(s.autoscaling ? { autoscaling: { ...s.autoscaling, queue: trigger } } : {}), environments };
}

/** The services with every flow's derived callers, queues, topics, secrets and egress applied. */
export function applyFlows<T extends { readonly spec: ServiceDeclaration }>(
  services: readonly T[],
  flows: readonly FlowDeclaration[],
): T[] {
  const specs = new Map(services.map((s) => [s.spec.name, s.spec]));
  const update = (name: string, f: (s: ServiceDeclaration) => ServiceDeclaration): void => {
    const s = specs.get(name);
    if (s) specs.set(name, f(s));
  };
  for (const flow of flows) {
    const q = flow.queue.name;
    update(flow.accept.service, (s) => withEgress(withQueue(withCallers(s, [flow.accept.via]), q, 'send'), ['aws-apis']));
    update(flow.worker, (s) => withEgress(withQueueScaling(withQueue(s, q, 'consume'), q, flow.queue.messagesPerReplica), ['aws-apis']));
    update(flow.data, (s) => withCallers(s, [flow.worker]));
    update(flow.notify.service, (s) => {
      const secret = { env: topicArnEnv(flow.notify.topic), key: 'sns', property: `${flow.notify.topic}-topic-arn` };
      const published = { ...s, aws: { ...s.aws, sns: [...s.aws.sns, { topic: flow.notify.topic, access: 'publish' as const }] } };
      return withEgress(withCallers({ ...published, secrets: [...s.secrets, secret] }, [flow.worker]), ['aws-apis', 'internet-https']);
    });
  }
  return services.map((s) => ({ ...s, spec: specs.get(s.spec.name) ?? s.spec }));
}
