/**
 * The IAM tenant-isolation analysis (checks/tenant-isolation.ts) on in-memory plans: GIVEN two
 * tenants whose roles are scoped to their own key, queue and login THEN nothing reaches across;
 * and each broken fixture (a key statement without its alias condition, a wildcard alias or queue,
 * an unreadable statement, a role that may assume the other tenant's) is caught. The real plans of
 * every environment are checked in plan.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { PlanJson, ResourceChange } from './checks/plan.ts';
import { tenantReaches, wildcardMatch, type TenantWorld } from './checks/tenant-isolation.ts';

const A = '111122223333';
const R = 'us-east-1';
const BUCKET = 'fintrack-dev-reports-111122223333';
const world: TenantWorld = {
  accountId: A,
  region: R,
  tenants: ['alpha', 'beta'].map((t) => ({
    name: t,
    keyAlias: `alias/fintrack-dev-tenant-${t}`,
    queue: `fintrack-dev-tenant-${t}`,
    roles: [`arn:aws:iam::${A}:role/fintrack-dev-tenant-${t}-worker`],
  })),
};

interface Stmt {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource?: string | string[];
  NotResource?: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** The statements a correctly scoped tenant role holds. */
function scoped(t: string): Stmt[] {
  return [
    { Sid: 'TenantQueue', Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:SendMessage'], Resource: `arn:aws:sqs:${R}:${A}:fintrack-dev-tenant-${t}` },
    {
      Sid: 'TenantKey',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: `arn:aws:kms:${R}:${A}:key/*`,
      Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': `alias/fintrack-dev-tenant-${t}` } },
    },
    { Sid: 'TenantDatabaseLogin', Effect: 'Allow', Action: 'rds-db:connect', Resource: `arn:aws:rds-db:${R}:${A}:dbuser:*/tenant_${t}` },
    { Sid: 'TenantObjects', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `arn:aws:s3:::${BUCKET}/tenants/${t}/*` },
    {
      Sid: 'TenantObjectListing',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: `arn:aws:s3:::${BUCKET}`,
      Condition: { StringLike: { 's3:prefix': `tenants/${t}/*` } },
    },
  ];
}

/** A plan with one role and inline policy per tenant; `alphaStatements` replaces alpha's. */
function plan(alphaStatements?: Stmt[]): PlanJson {
  const changes: ResourceChange[] = [];
  for (const t of ['alpha', 'beta']) {
    const module = `module.tenant["${t}"]`;
    const statements = t === 'alpha' && alphaStatements ? alphaStatements : scoped(t);
    changes.push(
      {
        address: `${module}.aws_iam_role.this["worker"]`,
        module_address: module,
        mode: 'managed',
        type: 'aws_iam_role',
        name: 'this',
        index: 'worker',
        change: { actions: ['create'], after: { name: `fintrack-dev-tenant-${t}-worker`, assume_role_policy: '{"Version":"2012-10-17","Statement":[]}' } },
      },
      {
        address: `${module}.aws_iam_role_policy.this["worker"]`,
        module_address: module,
        mode: 'managed',
        type: 'aws_iam_role_policy',
        name: 'this',
        index: 'worker',
        change: { actions: ['create'], after: { policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) } },
      },
    );
  }
  return { resource_changes: changes };
}

const summary = (p: PlanJson): string[] => tenantReaches(p, world).map((r) => `${r.tenant} ${r.statement} → ${r.other}: ${r.what}`);

describe('tenant isolation over IAM statements', () => {
  it('IAM wildcards: * spans any run, ? one character', () => {
    expect(wildcardMatch('arn:aws:sqs:*:*:fintrack-dev-tenant-*', 'arn:aws:sqs:us-east-1:1:fintrack-dev-tenant-beta')).toBe(true);
    expect(wildcardMatch('alias/fintrack-dev-tenant-alph?', 'alias/fintrack-dev-tenant-alpha')).toBe(true);
    expect(wildcardMatch('alias/fintrack-dev-tenant-alpha', 'alias/fintrack-dev-tenant-beta')).toBe(false);
  });

  it('passes: each role reaches only its own key, queue and login', () => {
    expect(summary(plan())).toEqual([]);
  });

  it('fails: a key statement without the alias condition reaches every key', () => {
    const broken = scoped('alpha').map((s) => (s.Sid === 'TenantKey' ? { ...s, Condition: undefined } : s));
    expect(summary(plan(broken))).toEqual(['alpha TenantKey → beta: KMS key alias/fintrack-dev-tenant-beta']);
  });

  it('fails: an alias condition with a wildcard covers the other tenant', () => {
    const broken = scoped('alpha').map((s) =>
      s.Sid === 'TenantKey' ? { ...s, Condition: { 'ForAnyValue:StringLike': { 'kms:ResourceAliases': 'alias/fintrack-dev-tenant-*' } } } : s,
    );
    expect(summary(plan(broken))).toEqual(['alpha TenantKey → beta: KMS key alias/fintrack-dev-tenant-beta']);
  });

  it('fails: a queue wildcard reaches the other tenant\'s queue and its DLQ', () => {
    const broken = scoped('alpha').map((s) => (s.Sid === 'TenantQueue' ? { ...s, Resource: `arn:aws:sqs:${R}:${A}:fintrack-dev-tenant-*` } : s));
    expect(summary(plan(broken))).toEqual([
      'alpha TenantQueue → beta: SQS queue fintrack-dev-tenant-beta',
      'alpha TenantQueue → beta: SQS queue fintrack-dev-tenant-beta-dlq',
    ]);
  });

  it('fails: another tenant\'s database login, or assuming its role', () => {
    const broken: Stmt[] = [
      ...scoped('alpha'),
      { Sid: 'Db', Effect: 'Allow', Action: 'rds-db:connect', Resource: `arn:aws:rds-db:${R}:${A}:dbuser:*/tenant_*` },
      { Sid: 'Assume', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${A}:role/fintrack-dev-tenant-*` },
    ];
    expect(summary(plan(broken))).toEqual([
      'alpha Db → beta: database login tenant_beta',
      `alpha Assume → beta: role arn:aws:iam::${A}:role/fintrack-dev-tenant-beta-worker`,
    ]);
  });

  it('fails: objects or listing beyond its own prefix of a shared bucket', () => {
    const broken = scoped('alpha').map((s) =>
      s.Sid === 'TenantObjects'
        ? { ...s, Resource: `arn:aws:s3:::${BUCKET}/tenants/*` }
        : s.Sid === 'TenantObjectListing'
          ? { ...s, Condition: undefined }
          : s,
    );
    expect(summary(plan(broken))).toEqual([
      `alpha TenantObjects → beta: objects under s3://${BUCKET}/tenants/beta/`,
      `alpha TenantObjectListing → beta: objects under s3://${BUCKET}/tenants/beta/`,
    ]);
  });

  it('fails: a statement it cannot read (NotResource) is never a pass', () => {
    const broken: Stmt[] = [...scoped('alpha'), { Sid: 'Opaque', Effect: 'Allow', Action: 's3:GetObject', NotResource: ['arn:aws:s3:::x/*'] }];
    expect(summary(plan(broken))).toEqual(['alpha Opaque → *: a statement whose actions or resources are unknown at plan time']);
  });

  it('fails: a tenant role missing from the plan', () => {
    const p = plan();
    const without = { resource_changes: p.resource_changes!.filter((r) => !(r.type === 'aws_iam_role' && r.index === 'worker' && r.address.includes('"beta"'))) };
    expect(summary(without)).toContain('beta - → -: role is not in the plan');
  });

  it('a Deny statement never counts as reach', () => {
    const withDeny: Stmt[] = [...scoped('alpha'), { Sid: 'DenyAll', Effect: 'Deny', Action: '*', Resource: '*' }];
    expect(summary(plan(withDeny))).toEqual([]);
  });
});
