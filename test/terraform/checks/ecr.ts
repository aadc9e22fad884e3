/** ECR repository checks. */
import { block, finding, resources, unknownAt, type Check, type PlannedResource } from './plan.ts';

const repoCheck = (id: string, description: string, ok: (r: PlannedResource) => boolean, message: string): Check => ({
  id,
  description,
  evaluate: (plan) => resources(plan, 'aws_ecr_repository').flatMap((r) => (ok(r) ? [] : [finding(id, r.address, message)])),
});

export const ecrChecks: Check[] = [
  repoCheck('CKV_AWS_51', 'ECR tags are immutable', (r) => r.values.image_tag_mutability === 'IMMUTABLE', 'image_tag_mutability must be IMMUTABLE'),
  repoCheck('CKV_AWS_163', 'ECR scans images on push', (r) => block(r.values.image_scanning_configuration)?.scan_on_push === true, 'image_scanning_configuration.scan_on_push must be true'),
  repoCheck(
    'CKV_AWS_136',
    'ECR repositories are encrypted with a KMS CMK',
    (r) => block(r.values.encryption_configuration)?.encryption_type === 'KMS' && (typeof block(r.values.encryption_configuration)?.kms_key === 'string' || unknownAt(r, 'encryption_configuration', 0, 'kms_key')),
    'encryption_configuration must be KMS with a kms_key',
  ),
  {
    id: 'FT_ECR_LIFECYCLE',
    description: 'ECR repositories expire untagged images after 7 days and keep the last 20 tagged',
    evaluate: (plan) => {
      const policies = resources(plan, 'aws_ecr_lifecycle_policy');
      return resources(plan, 'aws_ecr_repository').flatMap((r) => {
        const p = policies.find((x) => x.moduleAddress === r.moduleAddress && x.index === r.index);
        if (!p || typeof p.values.policy !== 'string') return [finding('FT_ECR_LIFECYCLE', r.address, 'no lifecycle policy')];
        const rules = (JSON.parse(p.values.policy) as { rules: Array<{ selection: { tagStatus: string; countType: string; countNumber: number } }> }).rules;
        const untagged = rules.some((x) => x.selection.tagStatus === 'untagged' && x.selection.countType === 'sinceImagePushed' && x.selection.countNumber === 7);
        const tagged = rules.some((x) => x.selection.tagStatus === 'tagged' && x.selection.countType === 'imageCountMoreThan' && x.selection.countNumber === 20);
        return untagged && tagged ? [] : [finding('FT_ECR_LIFECYCLE', r.address, 'lifecycle must expire untagged after 7 days and keep 20 tagged images')];
      });
    },
  },
];
