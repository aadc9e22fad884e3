/** IAM and resource-policy checks over every policy document in the plan. */
import { isBoundaryPolicy } from './ci-roles.ts';
import { finding, policyDocuments, resources, type Check, type Statement } from './plan.ts';

const wildcardAction = (a: string) => a === '*' || /^[a-z0-9-]+:\*$/i.test(a);
const readOnly = (a: string) => /^[a-z0-9-]+:(Describe|List|Get)[A-Za-z]*$/i.test(a);
const isWebIdentity = (s: Statement) => s.actions.includes('sts:AssumeRoleWithWebIdentity');
const isGitHub = (s: Statement) =>
  s.conditions.some((c) => c.variable?.startsWith('token.actions.githubusercontent.com')) ||
  s.principals.some((p) => p.identifiers.some((i) => i?.includes('token.actions.githubusercontent.com')));

const policyAttr: Record<string, string> = {
  aws_iam_role: 'assume_role_policy',
  aws_iam_role_policy: 'policy',
  aws_iam_policy: 'policy',
  aws_s3_bucket_policy: 'policy',
  aws_sqs_queue_policy: 'policy',
  aws_kms_key: 'policy',
  aws_secretsmanager_secret_policy: 'policy',
};

export const iamChecks: Check[] = [
  {
    id: 'CKV_AWS_63',
    description: 'No policy allows "*" or "<service>:*" actions, or uses NotAction with Allow (CKV_AWS_62/63)',
    // A permissions boundary grants nothing (IAM User Guide, access_policies_boundaries.html): its
    // broad Allow is a ceiling, checked by FT_IAM_BOUNDARY instead.
    evaluate: (plan) =>
      policyDocuments(plan)
        .filter((d) => !isBoundaryPolicy(plan, d.address))
        .flatMap((d) =>
        d.statements
          .filter((s) => s.effect === 'Allow')
          .flatMap((s) => [
            ...s.actions.filter(wildcardAction).map((a) => finding('CKV_AWS_63', d.address, `statement ${s.sid ?? '?'} allows wildcard action ${a}`)),
            ...(s.notActions.length ? [finding('CKV_AWS_63', d.address, `statement ${s.sid ?? '?'} uses NotAction with Allow`)] : []),
          ]),
      ),
  },
  {
    id: 'CKV_AWS_355',
    description: 'Resource "*" only for read-only actions or under a condition',
    evaluate: (plan) =>
      policyDocuments(plan)
        .filter((d) => (d.type === 'aws_iam_role_policy' || d.type === 'aws_iam_policy') && !isBoundaryPolicy(plan, d.address))
        .flatMap((d) =>
          d.statements
            .filter((s) => s.effect === 'Allow' && s.resources?.includes('*') && s.conditions.length === 0)
            .flatMap((s) => {
              const writes = s.actions.filter((a) => !readOnly(a));
              return writes.length ? [finding('CKV_AWS_355', d.address, `statement ${s.sid ?? '?'} allows ${writes.join(', ')} on "*" without a condition`)] : [];
            }),
        ),
  },
  {
    id: 'CKV_AWS_358',
    description: 'GitHub OIDC trust pins the sub claim to one literal org/repo',
    evaluate: (plan) =>
      policyDocuments(plan)
        .filter((d) => d.type === 'aws_iam_role')
        .flatMap((d) =>
          d.statements
            .filter((s) => s.effect === 'Allow' && isWebIdentity(s) && isGitHub(s))
            .flatMap((s) => {
              const sub = s.conditions.filter((c) => c.variable === 'token.actions.githubusercontent.com:sub');
              const aud = s.conditions.some((c) => c.variable === 'token.actions.githubusercontent.com:aud' && c.values.join() === 'sts.amazonaws.com');
              const values = sub.flatMap((c) => c.values);
              const bad = values.filter((v) => !/^repo:[A-Za-z0-9-]+\/[A-Za-z0-9._-]+:/.test(v));
              if (!sub.length) return [finding('CKV_AWS_358', d.address, 'GitHub trust has no token.actions.githubusercontent.com:sub condition')];
              if (bad.length) return [finding('CKV_AWS_358', d.address, `GitHub sub condition is not pinned to one org/repo: ${bad.join(', ')}`)];
              return aud ? [] : [finding('CKV_AWS_358', d.address, 'GitHub trust must require aud sts.amazonaws.com')];
            }),
        ),
  },
  {
    id: 'FT_IRSA_TRUST',
    description: 'IRSA trust is exactly one system:serviceaccount:<ns>:<sa> plus aud sts.amazonaws.com (StringEquals)',
    evaluate: (plan) =>
      policyDocuments(plan)
        .filter((d) => d.type === 'aws_iam_role')
        .flatMap((d) =>
          d.statements
            .filter((s) => s.effect === 'Allow' && isWebIdentity(s) && !isGitHub(s))
            .flatMap((s) => {
              const sub = s.conditions.filter((c) => c.values.some((v) => v.startsWith('system:serviceaccount:')));
              const aud = s.conditions.filter((c) => c.values.includes('sts.amazonaws.com'));
              const ok =
                sub.length === 1 &&
                sub[0]!.test === 'StringEquals' &&
                sub[0]!.values.length === 1 &&
                /^system:serviceaccount:[a-z0-9-]+:[a-z0-9-]+$/.test(sub[0]!.values[0]!) &&
                (sub[0]!.variable === undefined || sub[0]!.variable.endsWith(':sub')) &&
                aud.length === 1 &&
                aud[0]!.test === 'StringEquals' &&
                (aud[0]!.variable === undefined || aud[0]!.variable.endsWith(':aud'));
              return ok ? [] : [finding('FT_IRSA_TRUST', d.address, `web-identity trust must pin one service account with StringEquals :sub and :aud (got ${JSON.stringify(s.conditions)})`)];
            }),
        ),
  },
  {
    id: 'FT_NO_PUBLIC_PRINCIPAL',
    description: 'No policy allows the anonymous principal "*" (resource policies use Deny-only wildcards)',
    evaluate: (plan) =>
      policyDocuments(plan).flatMap((d) =>
        d.statements
          .filter((s) => s.effect === 'Allow' && s.principals.some((p) => p.type === '*' || p.identifiers.includes('*')))
          .map((s) => finding('FT_NO_PUBLIC_PRINCIPAL', d.address, `statement ${s.sid ?? '?'} allows principal "*"`)),
      ),
  },
  {
    id: 'FT_POLICY_VISIBLE',
    description: 'Every policy is checkable at plan time (known JSON or a rendering aws_iam_policy_document)',
    evaluate: (plan) => {
      const seen = new Set(policyDocuments(plan).map((d) => d.address));
      return resources(plan, ...Object.keys(policyAttr))
        .filter((r) => (r.unknown[policyAttr[r.type]!] === true || typeof r.values[policyAttr[r.type]!] === 'string') && !seen.has(r.address))
        .map((r) => finding('FT_POLICY_VISIBLE', r.address, `${policyAttr[r.type]} cannot be inspected in the plan`));
    },
  },
];
