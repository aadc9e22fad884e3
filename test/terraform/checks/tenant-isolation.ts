/**
 * Tenant isolation over a plan: what every role acting for a tenant may do, statement by statement
 * (actions × resources × conditions), must never reach another tenant's KMS key, queue (or DLQ),
 * database login, role or objects (tenants/<name>/ in the shared buckets). Over-approximates on purpose: a statement counts as reaching a resource
 * unless its action, resource or a condition this analysis understands provably excludes it, so an
 * unreadable statement (unknown resource, NotAction, NotResource) is a finding, never a pass.
 */
import { policyDocuments, resources, type PlanJson, type Statement } from './plan.ts';

/** The contract's view of one tenant (terraform/environments/<env>/contract.json `tenants`). */
export interface TenantFacts {
  readonly name: string;
  readonly keyAlias: string;
  readonly queue: string;
  readonly roles: readonly string[];
}

/** Where the tenants live. */
export interface TenantWorld {
  readonly accountId: string;
  readonly region: string;
  readonly tenants: readonly TenantFacts[];
}

/** One way a tenant's role reaches another tenant. */
export interface Reach {
  readonly tenant: string;
  readonly role: string;
  readonly statement: string;
  readonly other: string;
  readonly what: string;
}

/** IAM wildcard match (`*` any run, `?` one character), case-sensitive as ARNs are. */
export function wildcardMatch(pattern: string, value: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(value);
}

/**
 * Whether a statement may allow some action of `service` (action names are case-insensitive, IAM
 * User Guide reference_policies_elements_action.html; NotAction allows everything it does not list).
 */
function actionMatches(statement: Statement, service: string): boolean {
  if (statement.notActions.length > 0) return true;
  return statement.actions.some((a) => a === '*' || wildcardMatch(a.toLowerCase().split(':')[0] ?? '', service));
}

/** Whether a statement's resources can name `arn` (unknown resources: yes). */
function resourceMatches(statement: Statement, arn: string): boolean {
  if (statement.resources === undefined) return true;
  return statement.resources.some((r) => r === null || wildcardMatch(r, arn));
}

/** Values of a condition on `key` that limit which resource the statement applies to, if any. */
function limitingValues(statement: Statement, key: string): { like: boolean; values: string[] } | undefined {
  const c = statement.conditions.find((x) => x.variable?.toLowerCase() === key.toLowerCase() && /StringEquals|StringLike/.test(x.test) && !/IfExists/.test(x.test));
  return c ? { like: c.test.includes('Like'), values: c.values } : undefined;
}

/** Whether a condition on the key's aliases (kms:ResourceAliases) lets the statement use a key aliased `alias`. */
function aliasAllows(statement: Statement, alias: string): boolean {
  const limit = limitingValues(statement, 'kms:ResourceAliases');
  if (!limit) return true;
  return limit.values.some((v) => (limit.like ? wildcardMatch(v, alias) : v === alias));
}

/** Every way the roles of each tenant reach another tenant in `plan`. */
export function tenantReaches(plan: PlanJson, world: TenantWorld): Reach[] {
  const { accountId: a, region: r } = world;
  const roles = resources(plan, 'aws_iam_role');
  const docs = policyDocuments(plan).filter((d) => d.type === 'aws_iam_role_policy' || d.type === 'aws_iam_policy');
  const attachments = resources(plan, 'aws_iam_role_policy_attachment', 'aws_iam_role_policies_exclusive');
  const out: Reach[] = [];
  for (const tenant of world.tenants) {
    for (const roleArn of tenant.roles) {
      const name = roleArn.slice(roleArn.lastIndexOf('/') + 1);
      const role = roles.find((x) => x.values.name === name);
      if (!role) {
        out.push({ tenant: tenant.name, role: name, statement: '-', other: '-', what: 'role is not in the plan' });
        continue;
      }
      // The role's inline policies: same module and for_each key as the role.
      const own = docs.filter((d) => d.type === 'aws_iam_role_policy' && d.address.startsWith(`${role.moduleAddress}.`) && d.address.endsWith(`[${JSON.stringify(role.index)}]`));
      for (const att of attachments.filter((x) => x.values.role === name || x.unknown.role === true)) {
        if (att.moduleAddress === role.moduleAddress)
          out.push({ tenant: tenant.name, role: name, statement: att.address, other: '*', what: 'a managed policy attachment this analysis cannot read' });
      }
      for (const doc of own) {
        for (const s of doc.statements.filter((x) => x.effect === 'Allow')) {
          const sid = s.sid ?? doc.address;
          if (s.resources === undefined || (s.resources as Array<string | null>).includes(null) || s.notActions.length > 0) {
            out.push({ tenant: tenant.name, role: name, statement: sid, other: '*', what: 'a statement whose actions or resources are unknown at plan time' });
            continue;
          }
          for (const other of world.tenants.filter((t) => t.name !== tenant.name)) {
            const reach = (what: string): void => void out.push({ tenant: tenant.name, role: name, statement: sid, other: other.name, what });
            // Another tenant's key: its ARN holds an id only known after apply, so any key ARN the
            // statement's resources match counts unless the alias condition excludes the other key.
            const someKey = `arn:aws:kms:${r}:${a}:key/00000000-0000-0000-0000-${other.name.padEnd(12, '0').slice(0, 12)}`;
            const aliasArn = `arn:aws:kms:${r}:${a}:${other.keyAlias}`;
            if (actionMatches(s, 'kms') && (resourceMatches(s, someKey) || resourceMatches(s, aliasArn)) && aliasAllows(s, other.keyAlias))
              reach(`KMS key ${other.keyAlias}`);
            for (const q of [other.queue, `${other.queue}-dlq`])
              if (actionMatches(s, 'sqs') && resourceMatches(s, `arn:aws:sqs:${r}:${a}:${q}`)) reach(`SQS queue ${q}`);
            const login = `tenant_${other.name.replaceAll('-', '_')}`;
            if (actionMatches(s, 'rds-db') && resourceMatches(s, `arn:aws:rds-db:${r}:${a}:dbuser:db-ANY/${login}`)) reach(`database login ${login}`);
            for (const otherRole of other.roles) if (actionMatches(s, 'sts') && resourceMatches(s, otherRole)) reach(`role ${otherRole}`);
            // Objects: a tenant owns tenants/<name>/ of the shared buckets; listing is limited by s3:prefix.
            if (actionMatches(s, 's3')) {
              const prefix = `tenants/${other.name}/`;
              const buckets = new Set((s.resources ?? []).filter((x) => x.startsWith('arn:aws:s3:::')).map((x) => x.slice(13).split('/')[0] ?? ''));
              for (const bucket of buckets) {
                const objectReach = resourceMatches(s, `arn:aws:s3:::${bucket}/${prefix}object`);
                const listed = limitingValues(s, 's3:prefix');
                const listReach =
                  resourceMatches(s, `arn:aws:s3:::${bucket}`) &&
                  (!listed || listed.values.some((v) => (listed.like ? wildcardMatch(v, `${prefix}object`) : v === prefix)));
                if (objectReach || listReach) reach(`objects under s3://${bucket}/${prefix}`);
              }
            }
          }
        }
      }
    }
  }
  return out;
}
