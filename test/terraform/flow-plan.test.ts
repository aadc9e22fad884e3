/**
 * The flow plan assertions (flow-plan.ts) on hand-written plan fragments, no terraform needed: an
 * extra publisher, a missing dead-letter queue or an undeclared sender is reported; the corrected
 * fragment passes. test/terraform/plan.test.ts runs the same assertions on the real offline plans.
 */
import { describe, expect, it } from 'vitest';
import type { PlanJson, ResourceChange } from './checks/plan.ts';
import type { AwsContract } from '../../scripts/verify/aws-contract.ts';
import { queueAccessProblems, topicProblems, type CatalogJson } from './flow-plan.ts';

const ACCOUNT = '123456789012';
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:fintrack-prod-t`;
const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:fintrack-prod-q`;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/k`;
const role = (n: string) => `arn:aws:iam::${ACCOUNT}:role/fintrack-prod-${n}`;
const WI = 'module.workload_identity';
const TOPICS = 'module.topics';

const change = (module: string, type: string, index: string, after: Record<string, unknown>, unknown: Record<string, unknown> = {}): ResourceChange => ({
  address: `${module}.${type}.this[${JSON.stringify(index)}]`,
  module_address: module,
  mode: 'managed',
  type,
  name: 'this',
  index,
  change: { actions: ['create'], after, after_unknown: unknown },
});
const grant = (service: string, ...statements: { Action: string[]; Resource: string }[]) =>
  change(WI, 'aws_iam_role_policy', `service/${service}`, {
    name: 'least-privilege',
    policy: JSON.stringify({ Version: '2012-10-17', Statement: statements.map((s) => ({ Effect: 'Allow', ...s })) }),
  }, { role: true });
const topicPolicy = (publishers: string[]) =>
  change(TOPICS, 'aws_sns_topic_policy', 't', {
    policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: TOPIC, Condition: { ArnNotEquals: { 'aws:PrincipalArn': publishers } } }],
    }),
  });

const CONTRACT: AwsContract = {
  environment: 'prod',
  accountId: ACCOUNT,
  region: 'us-east-1',
  roles: [],
  ecrRepositories: [],
  queues: [{ name: 'fintrack-prod-q', url: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/fintrack-prod-q`, deadLetterQueue: 'fintrack-prod-q-dlq' }],
  topics: [{ name: 'fintrack-prod-t', arn: TOPIC, publishers: [role('notifier')] }],
  buckets: [],
  secrets: [],
  rdsIamUsers: [],
  edge: { hosts: [], webAclName: 'fintrack-prod-edge' },
};
const CATALOG: CatalogJson = {
  services: [
    { name: 'front', aws: { sqs: [{ queue: 'q', access: 'send' }] } },
    { name: 'crunch', aws: { sqs: [{ queue: 'q', access: 'consume' }] } },
  ],
};

const good = (): ResourceChange[] => [
  change(TOPICS, 'aws_sns_topic', 't', { name: 'fintrack-prod-t', kms_master_key_id: KEY }),
  topicPolicy([role('notifier')]),
  grant('notifier', { Action: ['sns:Publish'], Resource: TOPIC }),
  change('module.data', 'aws_sqs_queue', 'q', { name: 'fintrack-prod-q' }),
  change('module.data', 'aws_sqs_queue', 'q-dlq', { name: 'fintrack-prod-q-dlq' }),
  grant('front', { Action: ['sqs:GetQueueAttributes', 'sqs:SendMessage'], Resource: QUEUE }),
  grant('crunch', { Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'], Resource: QUEUE }),
];
const plan = (rs: ResourceChange[]): PlanJson => ({ resource_changes: rs });

describe('flow plan assertions', () => {
  it('pass the plan that matches the contract and the catalog', () => {
    expect(topicProblems(plan(good()), CONTRACT, 'prod')).toEqual([]);
    expect(queueAccessProblems(plan(good()), CONTRACT, CATALOG, 'prod')).toEqual([]);
  });

  it('fail an extra IAM publisher and a topic policy admitting it', () => {
    const rs = [...good().filter((r) => r.type !== 'aws_sns_topic_policy'), topicPolicy([role('notifier'), role('intruder')]), grant('intruder', { Action: ['sns:Publish'], Resource: TOPIC })];
    expect(topicProblems(plan(rs), CONTRACT, 'prod')).toEqual([
      'fintrack-prod-t: IAM lets [fintrack-prod-intruder, fintrack-prod-notifier] publish, contract.json lists [fintrack-prod-notifier]',
      `fintrack-prod-t: topic policy admits [${role('notifier')}, ${role('intruder')}], contract.json lists [${role('notifier')}]`,
    ]);
  });

  it('fail an unencrypted or missing topic', () => {
    const unencrypted = good().map((r) => (r.type === 'aws_sns_topic' ? { ...r, change: { ...r.change, after: { name: 'fintrack-prod-t', kms_master_key_id: null } } } : r));
    expect(topicProblems(plan(unencrypted), CONTRACT, 'prod')).toEqual(['fintrack-prod-t: not encrypted (kms_master_key_id unset)']);
    expect(topicProblems(plan(good().filter((r) => r.type !== 'aws_sns_topic')), CONTRACT, 'prod')).toEqual([
      'topics: plan has [], contract.json [fintrack-prod-t]',
    ]);
  });

  it('fail a missing dead-letter queue and a sender the catalog does not declare', () => {
    const rs = [...good().filter((r) => r.index !== 'q-dlq'), grant('intruder', { Action: ['sqs:SendMessage'], Resource: QUEUE })];
    expect(queueAccessProblems(plan(rs), CONTRACT, CATALOG, 'prod')).toEqual([
      'fintrack-prod-q: dead-letter queue fintrack-prod-q-dlq not planned',
      'fintrack-prod-q: IAM allows sqs:SendMessage to [fintrack-prod-front, fintrack-prod-intruder], catalog.json (send) lists [fintrack-prod-front]',
    ]);
  });
});
