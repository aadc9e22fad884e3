/**
 * The `alarms` block of an environment (apps/schema/alarms.ts) and its way into the Terraform
 * catalog: defaults fill an omitted block; out-of-range thresholds and non-id Slack values fail.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../apps/catalog.ts';
import { alarmsSchema } from '../../apps/schema/alarms.ts';
import { eksEnvironmentSchema } from '../../apps/schema/environment.ts';
import { resolveEnvironment } from '../../apps/resolved-environment.ts';
import { terraformCatalog, terraformEnvironments } from '../../apps/terraform-catalog.ts';

describe('alarms schema', () => {
  it('fills every threshold when the block is omitted', () => {
    expect(alarmsSchema.parse({})).toEqual({
      rdsCpuPercent: 80,
      rdsFreeStorageGiB: 10,
      redisMemoryPercent: 80,
      natPortAllocationErrors: 1,
      natPacketsDropped: 100,
      dlqMessages: 1,
    });
  });

  it('fails a percent above 100 with the field path', () => {
    const r = alarmsSchema.safeParse({ rdsCpuPercent: 120 });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'rdsCpuPercent: Too big: expected number to be <=100',
    ]);
  });

  it('fails a Slack webhook URL where ids are expected', () => {
    const r = alarmsSchema.safeParse({ slack: { teamId: 'https://hooks.slack.com/services/x', channelId: 'alerts' } });
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'slack.teamId: must be a Slack workspace id (T…)',
      'slack.channelId: must be a Slack channel id (C… or G…)',
    ]);
  });

  it('fails an unknown threshold (strict)', () => {
    expect(alarmsSchema.safeParse({ rdsCpu: 80 }).success).toBe(false);
  });

  it('gives an EKS environment without the block the defaults', () => {
    const env = terraformEnvironments(loadCatalog())[0]!.spec;
    const { alarms: _omitted, ...rest } = env;
    expect(eksEnvironmentSchema.parse({ ...rest, platform: 'eks' }).alarms).toEqual(alarmsSchema.parse({}));
  });
});

describe('terraformCatalog alarms', () => {
  const catalog = loadCatalog();
  for (const env of terraformEnvironments(catalog)) {
    it(`${env.spec.name}: passes the environment's alarms to Terraform unchanged`, () => {
      expect((terraformCatalog(resolveEnvironment(catalog, env)) as { alarms: unknown }).alarms).toEqual(env.spec.alarms);
    });
  }
});
