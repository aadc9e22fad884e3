/** Secrets Manager checks: every secret on the CMK, readable only by the roles its policy names. */
import { finding, policyDocuments, resources, unknownAt, type Check } from './plan.ts';

export const secretsChecks: Check[] = [
  {
    id: 'FT_SECRET_CMK',
    description: 'Secrets Manager secrets are encrypted with a KMS CMK',
    evaluate: (plan) =>
      resources(plan, 'aws_secretsmanager_secret').flatMap((r) =>
        typeof r.values.kms_key_id === 'string' || unknownAt(r, 'kms_key_id') ? [] : [finding('FT_SECRET_CMK', r.address, 'kms_key_id must name the secrets CMK')],
      ),
  },
  {
    id: 'FT_SECRET_READERS',
    description: 'Every secret has a resource policy denying GetSecretValue to all but listed roles, public policies blocked',
    evaluate: (plan) => {
      const policies = resources(plan, 'aws_secretsmanager_secret_policy');
      const docs = policyDocuments(plan);
      return resources(plan, 'aws_secretsmanager_secret').flatMap((r) => {
        const policy = policies.find((p) => p.moduleAddress === r.moduleAddress && p.index === r.index);
        if (!policy) return [finding('FT_SECRET_READERS', r.address, 'no aws_secretsmanager_secret_policy')];
        if (policy.values.block_public_policy !== true) return [finding('FT_SECRET_READERS', policy.address, 'block_public_policy must be true')];
        const deny = docs
          .find((d) => d.address === policy.address)
          ?.statements.find(
            (s) =>
              s.effect === 'Deny' &&
              s.actions.includes('secretsmanager:GetSecretValue') &&
              s.conditions.some((c) => c.test === 'StringNotEquals' && c.variable === 'aws:PrincipalArn' && c.values.length > 0),
          );
        return deny ? [] : [finding('FT_SECRET_READERS', policy.address, 'policy must deny secretsmanager:GetSecretValue unless aws:PrincipalArn is a listed reader')];
      });
    },
  },
];
