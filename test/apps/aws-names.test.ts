/**
 * apps/aws-names.ts: the conventional AWS names synth renders before Terraform has run. Terraform
 * builds the same names (test/terraform/plan.test.ts compares the plan with contract.json).
 */
import { describe, expect, it } from 'vitest';
import { AwsNames } from '../../apps/aws-names.ts';

const names = new AwsNames({
  name: 'staging',
  accountId: '222233334444',
  region: 'eu-west-1',
  ecrRegistry: '222233334444.dkr.ecr.eu-west-1.amazonaws.com',
  secretsPrefix: 'fintrack/staging',
});

describe('AwsNames', () => {
  it('derives role names and ARNs for services and add-ons', () => {
    expect(names.serviceRoleArn('ledger')).toBe('arn:aws:iam::222233334444:role/fintrack-staging-ledger');
    expect(names.addonRoleArn('loki')).toBe('arn:aws:iam::222233334444:role/fintrack-staging-addon-loki');
    expect(names.karpenterNodeRoleName).toBe('fintrack-staging-karpenter-node');
  });

  it('derives repository URIs, queue names and URLs, bucket and secret names', () => {
    expect(names.ecrRepositoryUri('ledger')).toBe('222233334444.dkr.ecr.eu-west-1.amazonaws.com/ledger');
    expect(names.queueName('jobs')).toBe('fintrack-staging-jobs');
    expect(names.queueUrl(names.queueName('jobs'))).toBe('https://sqs.eu-west-1.amazonaws.com/222233334444/fintrack-staging-jobs');
    expect(names.karpenterInterruptionQueue).toBe('fintrack-staging-karpenter-interruption');
    expect(names.bucketName('exports')).toBe('fintrack-staging-exports-222233334444');
    expect(names.secretName('rds')).toBe('fintrack/staging/rds');
  });
});
