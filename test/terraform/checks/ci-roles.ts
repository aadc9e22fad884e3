/**
 * CI roles that cannot escalate: every role the Terraform apply role may create or edit carries the
 * workload permissions boundary, the apply role may grant IAM only under that boundary and never to
 * the GitHub roles themselves (it matches its own role/<prefix>-* pattern), and the role pull requests
 * assume cannot write Terraform state.
 */
import { configFor, finding, policyDocuments, resources, type Check, type PlanJson, type PlannedResource, type PolicyDocument, type Statement } from './plan.ts';

const GITHUB = 'token.actions.githubusercontent.com';
/** Actions that put permissions on a role; AWS evaluates iam:PermissionsBoundary for them (IAM User Guide, reference_policies_iam-condition-keys.html#ck_PermissionsBoundary). */
const GRANTING = ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:PutRolePermissionsBoundary'];
/** What a boundary must deny so a bounded role cannot mint or widen an identity. */
const BOUNDARY_DENIES = ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:DeleteRolePermissionsBoundary', 'iam:UpdateAssumeRolePolicy', 'iam:CreateUser', 'iam:CreateAccessKey'];
/** Actions that change an existing role's rights or trust. */
const IAM_ROLE_WRITES = ['iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:PutRolePermissionsBoundary', 'iam:UpdateAssumeRolePolicy', 'iam:DeleteRolePermissionsBoundary', 'iam:DetachRolePolicy', 'iam:DeleteRolePolicy'];
const STATE_WRITES = ['s3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion'];

/** IAM wildcard match (`*` any run, `?` one character), case-insensitive for actions. */
const glob = (pattern: string, value: string, ci = false): boolean =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, ci ? 'i' : '').test(value);
const allows = (s: Statement, action: string) => s.actions.some((a) => glob(a, action, true));

/** True for a policy used as a permissions boundary (created under the /boundary/ path). */
export function isBoundaryPolicy(plan: PlanJson, address: string): boolean {
  return resources(plan, 'aws_iam_policy').some((r) => r.address === address && r.values.path === '/boundary/');
}

const githubSubs = (plan: PlanJson, role: PlannedResource): string[] =>
  policyDocuments(plan)
    .filter((d) => d.address === role.address)
    .flatMap((d) => d.statements)
    .filter((s) => s.effect === 'Allow' && s.actions.includes('sts:AssumeRoleWithWebIdentity'))
    .flatMap((s) => s.conditions.filter((c) => c.variable === `${GITHUB}:sub`).flatMap((c) => c.values));

const githubRoles = (plan: PlanJson) => resources(plan, 'aws_iam_role').filter((r) => githubSubs(plan, r).length > 0);

/** The role an aws_iam_role_policy belongs to: by known name, or through its `role` reference. */
export function roleOf(plan: PlanJson, policy: PlannedResource): PlannedResource | undefined {
  const roles = resources(plan, 'aws_iam_role');
  if (typeof policy.values.role === 'string') return roles.find((r) => r.values.name === policy.values.role);
  const local = policy.address.slice(policy.moduleAddress ? policy.moduleAddress.length + 1 : 0).replace(/\[.*\]$/, '');
  const refs = configFor(plan, policy.moduleAddress)?.resources?.find((c) => c.address === local)?.expressions?.role?.references ?? [];
  const ref = refs.find((x) => /^aws_iam_role\.[^.[]+\[/.test(x)) ?? refs.find((x) => x.startsWith('aws_iam_role.'));
  if (!ref) return undefined;
  const keyed = ref.replace(/\.(id|name|arn)$/, '').replace('[each.key]', policy.index === undefined ? '' : `[${JSON.stringify(policy.index)}]`);
  const address = policy.moduleAddress ? `${policy.moduleAddress}.${keyed}` : keyed;
  return roles.find((r) => r.address === address);
}

const identityDocs = (plan: PlanJson): PolicyDocument[] =>
  policyDocuments(plan).filter((d) => (d.type === 'aws_iam_role_policy' || d.type === 'aws_iam_policy') && !isBoundaryPolicy(plan, d.address));

export const ciRoleChecks: Check[] = [
  {
    id: 'FT_IAM_BOUNDARY',
    description: 'Every role but the GitHub CI roles carries a /boundary/ permissions boundary, and each boundary denies identity escalation',
    evaluate: (plan) => [
      ...resources(plan, 'aws_iam_role')
        .filter((r) => githubSubs(plan, r).length === 0)
        .filter((r) => r.unknown.permissions_boundary !== true && !(typeof r.values.permissions_boundary === 'string' && r.values.permissions_boundary.includes(':policy/boundary/')))
        .map((r) => finding('FT_IAM_BOUNDARY', r.address, `role ${String(r.values.name)} has no permissions boundary under policy/boundary/ (got ${JSON.stringify(r.values.permissions_boundary ?? null)})`)),
      ...policyDocuments(plan)
        .filter((d) => isBoundaryPolicy(plan, d.address))
        .flatMap((d) => {
          const missing = BOUNDARY_DENIES.filter((a) => !d.statements.some((s) => s.effect === 'Deny' && allows(s, a) && (s.resources ?? ['*']).includes('*')));
          return missing.length ? [finding('FT_IAM_BOUNDARY', d.address, `boundary does not deny ${missing.join(', ')} on "*"`)] : [];
        }),
    ],
  },
  {
    id: 'FT_CI_NO_ESCALATION',
    description: 'IAM grants on roles require the iam:PermissionsBoundary condition, and a policy never lets its holder edit a GitHub CI role',
    evaluate: (plan) => {
      const ciRoles = githubRoles(plan).map((r) => String(r.values.name));
      return identityDocs(plan).flatMap((d) =>
        d.statements
          .filter((s) => s.effect === 'Allow')
          .flatMap((s) => {
            const out = [];
            const granting = GRANTING.filter((a) => allows(s, a));
            if (granting.length && !s.conditions.some((c) => c.variable === 'iam:PermissionsBoundary' && c.test === 'StringEquals'))
              out.push(finding('FT_CI_NO_ESCALATION', d.address, `statement ${s.sid ?? '?'} allows ${granting.join(', ')} without an iam:PermissionsBoundary condition`));
            const writes = IAM_ROLE_WRITES.filter((a) => allows(s, a));
            if (!writes.length) return out;
            for (const name of ciRoles) {
              const reachable = (s.resources ?? ['*']).some((res) => res === '*' || (res.includes(':role/') && glob(res.slice(res.indexOf(':role/') + 6), name)));
              const denied = writes.every((a) =>
                d.statements.some((x) => x.effect === 'Deny' && allows(x, a) && (x.resources ?? []).some((res) => res.includes(':role/') && glob(res.slice(res.indexOf(':role/') + 6), name))),
              );
              if (reachable && !denied) out.push(finding('FT_CI_NO_ESCALATION', d.address, `statement ${s.sid ?? '?'} lets its holder edit CI role ${name} (${writes.join(', ')}) with no Deny on it`));
            }
            return out;
          }),
      );
    },
  },
  {
    id: 'FT_CI_PLAN_READ_ONLY',
    description: 'The role pull requests assume cannot write or delete Terraform state (or any S3 object)',
    evaluate: (plan) => {
      const planRoles = new Set(githubRoles(plan).filter((r) => githubSubs(plan, r).some((v) => v.endsWith(':pull_request'))).map((r) => r.address));
      const docs = policyDocuments(plan);
      return resources(plan, 'aws_iam_role_policy')
        .filter((p) => planRoles.has(roleOf(plan, p)?.address ?? ''))
        .flatMap((p) =>
          docs
            .filter((d) => d.address === p.address)
            .flatMap((d) => d.statements.filter((s) => s.effect === 'Allow').flatMap((s) => STATE_WRITES.filter((a) => allows(s, a)).map((a) => finding('FT_CI_PLAN_READ_ONLY', d.address, `statement ${s.sid ?? '?'} lets the pull-request plan role ${a}`)))),
        );
    },
  },
];
