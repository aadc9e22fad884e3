/**
 * The `alarms` block of an environment: thresholds of the CloudWatch alarms Terraform creates on the
 * AWS base (terraform/modules/alarms) and the Slack channel AWS Chatbot posts them to. Synth passes
 * it unchanged into `terraform/environments/<env>/catalog.json`.
 */
import { z } from 'zod';

const percent = z.number().gt(0).max(100);
const atLeastOne = z.number().int().min(1);

/** Slack ids of an AWS Chatbot channel (ids, not secrets: the workspace is authorized in the Chatbot console). */
export const slackChannelSchema = z.strictObject({
  teamId: z.string().regex(/^T[A-Z0-9]{5,}$/, 'must be a Slack workspace id (T…)'),
  channelId: z.string().regex(/^[CG][A-Z0-9]{5,}$/, 'must be a Slack channel id (C… or G…)'),
});

/** Alarm thresholds; every field has a default, so an environment may omit the block. */
export const alarmsSchema = z.strictObject({
  /** RDS CPUUtilization average over 15 minutes, percent. @default 80 */
  rdsCpuPercent: percent.default(80),
  /** RDS FreeStorageSpace minimum, GiB. @default 10 */
  rdsFreeStorageGiB: atLeastOne.default(10),
  /** ElastiCache DatabaseMemoryUsagePercentage per node over 15 minutes, percent. @default 80 */
  redisMemoryPercent: percent.default(80),
  /** NAT gateway ErrorPortAllocation per 5 minutes. @default 1 */
  natPortAllocationErrors: atLeastOne.default(1),
  /** NAT gateway PacketsDropCount per 5 minutes. @default 100 */
  natPacketsDropped: atLeastOne.default(100),
  /** Visible messages in any dead-letter queue. @default 1 */
  dlqMessages: atLeastOne.default(1),
  /** Where AWS Chatbot posts the alarms. @default - SNS topic only, no Chatbot */
  slack: slackChannelSchema.optional(),
});

/** An environment's alarms after defaults. */
export type Alarms = z.infer<typeof alarmsSchema>;
