/**
 * The flows' AWS side in the offline plans: every topic of contract.json exists, is encrypted and
 * publishable by exactly its publishers (topic policy and IAM agree), every catalog queue has its
 * dead-letter queue, and the IAM role policies let exactly the catalog's producers send to and
 * consumers receive from each queue. Names come from contract.json and catalog.json (what synth
 * derived from the flows), never from this file.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PlanJson } from './checks/index.ts';
import { policyDocuments, resources } from './checks/plan.ts';
import { describeTerraform, environments, offlinePlan, readContract } from './terraform.ts';

const TIMEOUT = 600_000;

interface CatalogJson {
  readonly services: readonly { name: string; aws: { sqs: { queue: string; access: string }[]; sns?: { topic: string }[] } }[];
}

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

/** Role name → the (action, resource) pairs its inline policies allow. */
function roleGrants(plan: PlanJson, env: string): Map<string, { actions: string[]; resources: string[] }[]> {
  const policies = resources(plan, 'aws_iam_role_policy');
  const docs = policyDocuments(plan).filter((d) => d.type === 'aws_iam_role_policy');
  const out = new Map<string, { actions: string[]; resources: string[] }[]>();
  for (const p of policies) {
    const role = roleOf(env, p);
    const statements = docs.find((d) => d.address === p.address)?.statements ?? [];
    const allows = statements.filter((s) => s.effect === 'Allow').map((s) => ({ actions: s.actions, resources: s.resources ?? [] }));
    out.set(role, [...(out.get(role) ?? []), ...allows]);
  }
  return out;
}

const allowedOn = (grants: Map<string, { actions: string[]; resources: string[] }[]>, action: string, resource: string): string[] =>
  [...grants.entries()]
    .filter(([, gs]) => gs.some((g) => g.actions.includes(action) && g.resources.includes(resource)))
    .map(([role]) => role)
    .sort();

describeTerraform('flows in the environment plans (offline)', () => {
  for (const env of environments) {
    it(`${env}: topics are created, encrypted and publishable by exactly their publishers`, async () => {
      const plan = (await offlinePlan(env)) as PlanJson;
      const contract = readContract(env) as ReturnType<typeof readContract> & {
        topics?: { name: string; arn: string; publishers: string[] }[];
      };
      const topics = resources(plan, 'aws_sns_topic');
      expect(topics.map((t) => String(t.values.name)).sort()).toEqual((contract.topics ?? []).map((t) => t.name).sort());
      const grants = roleGrants(plan, env);
      const policies = policyDocuments(plan).filter((d) => d.type === 'aws_sns_topic_policy');
      for (const t of contract.topics ?? []) {
        const planned = topics.find((x) => x.values.name === t.name)!;
        expect(planned.values.kms_master_key_id !== null || planned.unknown.kms_master_key_id === true, `${t.name} encrypted`).toBe(true);
        const roleName = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);
        expect(allowedOn(grants, 'sns:Publish', t.arn), `IAM publishers of ${t.name}`).toEqual(t.publishers.map(roleName).sort());
        const policy = policies.find((d) => d.address.endsWith(`[${JSON.stringify(planned.index)}]`) && d.address.includes(planned.moduleAddress));
        const only = policy?.statements.find((s) => s.effect === 'Deny' && s.conditions.some((c) => c.variable === 'aws:PrincipalArn'));
        expect(only?.conditions.find((c) => c.variable === 'aws:PrincipalArn')?.values.sort(), `topic policy of ${t.name}`).toEqual(
          [...t.publishers].sort(),
        );
      }
    }, TIMEOUT);

    it(`${env}: every catalog queue has its dead-letter queue, and only its producers send and its consumers receive`, async () => {
      const plan = (await offlinePlan(env)) as PlanJson;
      const contract = readContract(env);
      const catalog = JSON.parse(readFileSync(`terraform/environments/${env}/catalog.json`, 'utf8')) as CatalogJson;
      const queueNames = resources(plan, 'aws_sqs_queue').map((q) => String(q.values.name));
      const grants = roleGrants(plan, env);
      for (const q of contract.queues) {
        if (q.deadLetterQueue) expect(queueNames, `dead-letter queue of ${q.name}`).toContain(q.deadLetterQueue);
      }
      const arn = (name: string) => `arn:aws:sqs:${contract.region}:${contract.accountId}:${name}`;
      const role = (service: string) => `fintrack-${env}-${service}`;
      const queues = [...new Set(catalog.services.flatMap((s) => s.aws.sqs.map((x) => x.queue)))];
      expect(queues.length).toBeGreaterThan(0);
      for (const queue of queues) {
        const with_ = (access: string) =>
          catalog.services
            .filter((s) => s.aws.sqs.some((x) => x.queue === queue && x.access === access))
            .map((s) => role(s.name))
            .sort();
        const name = `fintrack-${env}-${queue}`;
        expect(allowedOn(grants, 'sqs:SendMessage', arn(name)), `senders of ${name}`).toEqual(with_('send'));
        expect(allowedOn(grants, 'sqs:ReceiveMessage', arn(name)), `receivers of ${name}`).toEqual(with_('consume'));
      }
    }, TIMEOUT);
  }
});

describe('publisher and queue-access analysis (no terraform needed)', () => {
  const topicArn = 'arn:aws:sns:us-east-1:123456789012:fintrack-prod-t';
  const policy = (index: string, actions: string[]) => ({
    address: `module.platform.module.workload_identity.aws_iam_role_policy.this[${JSON.stringify(index)}]`,
    module_address: 'module.platform.module.workload_identity',
    mode: 'managed' as const,
    type: 'aws_iam_role_policy',
    name: 'this',
    index,
    change: {
      actions: ['create'],
      after: { name: 'least-privilege', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: topicArn }] }) },
      after_unknown: { role: true },
    },
  });

  it('finds every role allowed to publish, so an extra grant fails the equality above', () => {
    // GIVEN the notify service's grant and a second, undeclared one (the broken fixture)
    const plan: PlanJson = { resource_changes: [policy('service/notifier', ['sns:Publish']), policy('service/intruder', ['sns:Publish', 'sqs:SendMessage'])] };
    // WHEN analysed THEN both roles are found: the test above would fail on the intruder
    expect(allowedOn(roleGrants(plan, 'prod'), 'sns:Publish', topicArn)).toEqual(['fintrack-prod-intruder', 'fintrack-prod-notifier']);
    // AND the corrected fixture has exactly the publisher
    expect(allowedOn(roleGrants({ resource_changes: [policy('service/notifier', ['sns:Publish'])] }, 'prod'), 'sns:Publish', topicArn)).toEqual([
      'fintrack-prod-notifier',
    ]);
  });
});
