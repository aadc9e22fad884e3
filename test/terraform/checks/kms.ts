/** KMS key checks. */
import { finding, policyDocuments, resources, type Check } from './plan.ts';

export const kmsChecks: Check[] = [
  {
    id: 'CKV_AWS_7',
    description: 'KMS keys rotate automatically',
    evaluate: (plan) =>
      resources(plan, 'aws_kms_key').flatMap((k) => (k.values.enable_key_rotation === true ? [] : [finding('CKV_AWS_7', k.address, 'enable_key_rotation must be true')])),
  },
  {
    id: 'CKV_AWS_33',
    description: 'KMS key policies never allow a wildcard principal and list actions explicitly',
    evaluate: (plan) => {
      const keys = resources(plan, 'aws_kms_key');
      const docs = policyDocuments(plan).filter((d) => d.type === 'aws_kms_key');
      return keys.flatMap((k) => {
        const doc = docs.find((d) => d.address === k.address);
        if (!doc) return [finding('CKV_AWS_33', k.address, 'key has no explicit key policy')];
        return doc.statements
          .filter((s) => s.effect === 'Allow')
          .flatMap((s) => [
            ...(s.principals.some((p) => p.type === '*' || p.identifiers.includes('*')) ? [finding('CKV_AWS_33', k.address, `statement ${s.sid ?? '?'} allows principal "*"`)] : []),
            ...(s.actions.some((a) => a === '*' || a === 'kms:*') ? [finding('CKV_AWS_33', k.address, `statement ${s.sid ?? '?'} allows kms:*`)] : []),
          ]);
      });
    },
  },
  {
    id: 'FT_KMS_SERVICE_SCOPED',
    description: 'A key policy lets an AWS service use the key only on behalf of this account (a source or encryption-context condition naming it)',
    evaluate: (plan) => {
      // Condition keys that tie a service's key use to the account's own resources: confused-deputy
      // keys (IAM user guide, "The confused deputy problem") and the encryption context or calling
      // service the key request carries.
      const scoping = (c: { variable: string | undefined; values: string[] }): boolean =>
        /^(aws:SourceAccount|aws:SourceArn|kms:EncryptionContext:.+|kms:CallerAccount)$/i.test(c.variable ?? '') && c.values.length > 0 && c.values.every((v) => /(^|:)\d{12}(:|$)/.test(v));
      return policyDocuments(plan)
        .filter((d) => d.type === 'aws_kms_key')
        .flatMap((d) =>
          d.statements
            .filter((s) => s.effect === 'Allow' && s.principals.some((p) => p.type === 'Service'))
            .filter((s) => !s.conditions.some(scoping))
            .map((s) => finding('FT_KMS_SERVICE_SCOPED', d.address, `statement ${s.sid ?? '?'} lets ${s.principals.flatMap((p) => p.identifiers).join(', ')} use the key for any account`)),
        );
    },
  },
];
