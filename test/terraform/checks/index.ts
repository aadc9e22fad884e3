/** Every security check run over the environment plans. */
import { alarmChecks } from './alarms.ts';
import { auditChecks } from './audit.ts';
import { ciRoleChecks } from './ci-roles.ts';
import { cloudfrontChecks } from './cloudfront.ts';
import { dataTierChecks } from './data-tier.ts';
import { drChecks } from './dr.ts';
import { ecrChecks } from './ecr.ts';
import { edgeChecks } from './edge.ts';
import { eksChecks } from './eks.ts';
import { elasticacheChecks } from './elasticache.ts';
import { iamChecks } from './iam.ts';
import { kmsChecks } from './kms.ts';
import { logsChecks, sqsChecks } from './logs.ts';
import { networkChecks } from './network.ts';
import { nodeChecks } from './nodes.ts';
import { podNetworkChecks } from './pod-network.ts';
import type { Check } from './plan.ts';
import { rdsChecks } from './rds.ts';
import { s3Checks } from './s3.ts';
import { secretsChecks } from './secrets.ts';
import { snsChecks } from './sns.ts';

export type { Check, CheckContext, Finding, PlanJson } from './plan.ts';

/** All checks, grouped by area. */
export const allChecks: readonly Check[] = [
  ...eksChecks,
  ...nodeChecks,
  ...rdsChecks,
  ...s3Checks,
  ...kmsChecks,
  ...ecrChecks,
  ...elasticacheChecks,
  ...networkChecks,
  ...podNetworkChecks,
  ...iamChecks,
  ...ciRoleChecks,
  ...logsChecks,
  ...sqsChecks,
  ...secretsChecks,
  ...snsChecks,
  ...edgeChecks,
  ...auditChecks,
  ...dataTierChecks,
  ...alarmChecks,
  ...drChecks,
  ...cloudfrontChecks,
];
