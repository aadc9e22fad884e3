/**
 * The flows' AWS side in a plan, as lists of problems (empty = as derived): every topic of
 * contract.json exists, is encrypted and publishable by exactly its publishers (topic policy and IAM
 * agree); every catalog queue has its dead-letter queue, and the IAM role policies let exactly the
 * catalog's producers send to and consumers receive from each queue. Names come from contract.json
 * and catalog.json (what synth derived from apps/flows/*.yaml), never from the caller.
 */
import type { AwsContract } from '../../scripts/verify/aws-contract.ts';
import { policyDocuments, resources, type PlanJson } from './checks/plan.ts';

/** The parts of terraform/environments/<env>/catalog.json read here. */
export interface CatalogJson {
  readonly services: readonly { name: string; aws: { sqs: readonly { queue: string; access: string }[] } }[];
  /** Tenants (apps/tenant-terraform.ts): their roles send to `sendQueues` too (modules/tenant). */
  readonly tenants?: readonly { name: string; mode: string; workloads: readonly { service: string }[]; sendQueues: readonly string[] }[];
}

/** Roles of a tenant (modules/tenant): one per silo workload, or the pool tenant's access role. */
function tenantRoles(env: string, t: NonNullable<CatalogJson['tenants']>[number]): string[] {
  const stem = `fintrack-${env}-tenant-${t.name}`;
  return t.mode === 'silo' ? t.workloads.map((w) => `${stem}-${w.service}`) : [stem];
}

type Grants = Map<string, { actions: string[]; resources: string[] }[]>;

/**
 * The role an inline policy is attached to: its `role` when known at plan, else, for
 * modules/workload-identity (`role = aws_iam_role.this[each.key].id`), the role its for_each key
 * names (`service/<name>` → `fintrack-<env>-<name>`, `addon/<name>` → `fintrack-<env>-addon-<name>`).
 */
function roleOf(env: string, p: { address: string; index: string | number | undefined; values: Record<string, unknown> }): string {
  if (typeof p.values.role === 'string') return p.values.role;
  const [kind, name] = String(p.index ?? '').split('/');
  if (kind === 'service' && name) return `fintrack-${env}-${name}`;
  if (kind === 'addon' && name) return `fintrack-${env}-addon-${name}`;
  return p.address;
}

/** Role name → the (actions, resources) its inline policies allow. */
export function roleGrants(plan: PlanJson, env: string): Grants {
  const docs = policyDocuments(plan).filter((d) => d.type === 'aws_iam_role_policy');
  const out: Grants = new Map();
  for (const p of resources(plan, 'aws_iam_role_policy')) {
    const role = roleOf(env, p);
    const statements = docs.find((d) => d.address === p.address)?.statements ?? [];
    const allows = statements.filter((s) => s.effect === 'Allow').map((s) => ({ actions: s.actions, resources: s.resources ?? [] }));
    out.set(role, [...(out.get(role) ?? []), ...allows]);
  }
  return out;
}

/** Roles allowed `action` on exactly `resource`, sorted. */
export function allowedOn(grants: Grants, action: string, resource: string): string[] {
  return [...grants.entries()]
    .filter(([, gs]) => gs.some((g) => g.actions.includes(action) && g.resources.includes(resource)))
    .map(([role]) => role)
    .sort();
}

const same = (a: readonly string[], b: readonly string[]): boolean => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
const roleName = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

/** Topics: exactly the contract's, each CMK-encrypted, published to by exactly its publishers. */
export function topicProblems(plan: PlanJson, contract: AwsContract, env: string): string[] {
  const problems: string[] = [];
  // Platform topics (tagged fintrack.io/purpose, e.g. modules/alarms' topic) are no workload's: not in the contract.
  const topics = resources(plan, 'aws_sns_topic').filter((t) => !(t.values.tags as Record<string, string> | null)?.['fintrack.io/purpose']);
  const expected = (contract.topics ?? []).map((t) => t.name);
  const planned = topics.map((t) => String(t.values.name));
  if (!same(planned, expected)) problems.push(`topics: plan has [${planned.sort().join(', ')}], contract.json [${expected.sort().join(', ')}]`);
  const grants = roleGrants(plan, env);
  const policies = policyDocuments(plan).filter((d) => d.type === 'aws_sns_topic_policy');
  for (const t of contract.topics ?? []) {
    const topic = topics.find((x) => x.values.name === t.name);
    if (!topic) continue;
    if (typeof topic.values.kms_master_key_id !== 'string' && topic.unknown.kms_master_key_id !== true)
      problems.push(`${t.name}: not encrypted (kms_master_key_id unset)`);
    const iam = allowedOn(grants, 'sns:Publish', t.arn);
    const publishers = t.publishers.map(roleName).sort();
    if (!same(iam, publishers)) problems.push(`${t.name}: IAM lets [${iam.join(', ')}] publish, contract.json lists [${publishers.join(', ')}]`);
    const policy = policies.find((d) => d.address.startsWith(topic.moduleAddress) && d.address.endsWith(`[${JSON.stringify(topic.index)}]`));
    const only = policy?.statements.find((s) => s.effect === 'Deny' && s.conditions.some((c) => c.variable === 'aws:PrincipalArn'));
    const allowed = only?.conditions.find((c) => c.variable === 'aws:PrincipalArn')?.values ?? [];
    if (!same(allowed, t.publishers)) problems.push(`${t.name}: topic policy admits [${allowed.join(', ')}], contract.json lists [${t.publishers.join(', ')}]`);
  }
  return problems;
}

/** Queues: each catalog queue's dead-letter queue exists; exactly its producers send and its consumers receive. */
export function queueAccessProblems(plan: PlanJson, contract: AwsContract, catalog: CatalogJson, env: string): string[] {
  const problems: string[] = [];
  const names = resources(plan, 'aws_sqs_queue').map((q) => String(q.values.name));
  for (const q of contract.queues) if (q.deadLetterQueue && !names.includes(q.deadLetterQueue)) problems.push(`${q.name}: dead-letter queue ${q.deadLetterQueue} not planned`);
  const grants = roleGrants(plan, env);
  const queues = [...new Set(catalog.services.flatMap((s) => s.aws.sqs.map((x) => x.queue)))];
  for (const queue of queues) {
    const name = `fintrack-${env}-${queue}`;
    const arn = `arn:aws:sqs:${contract.region}:${contract.accountId}:${name}`;
    for (const [access, action] of [
      ['send', 'sqs:SendMessage'],
      ['consume', 'sqs:ReceiveMessage'],
    ] as const) {
      const declared = [
        ...catalog.services.filter((s) => s.aws.sqs.some((x) => x.queue === queue && x.access === access)).map((s) => `fintrack-${env}-${s.name}`),
        ...(access === 'send' ? (catalog.tenants ?? []).filter((t) => t.sendQueues.includes(queue)).flatMap((t) => tenantRoles(env, t)) : []),
      ];
      const iam = allowedOn(grants, action, arn);
      if (!same(iam, declared)) problems.push(`${name}: IAM allows ${action} to [${iam.join(', ')}], catalog.json (${access}) lists [${declared.sort().join(', ')}]`);
    }
  }
  return problems;
}
