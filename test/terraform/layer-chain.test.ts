/**
 * layer-chain.ts in memory: what a downstream layer is planned against when an upstream output is
 * unknown until apply, the state file it reads, and the merged plan the checks read.
 */
import { describe, expect, it } from 'vitest';
import { exposeOutputSources, fillUnknowns, mergePlans, outputsState, remoteStateOverride, unknownValue, type LayerPlan } from './layer-chain.ts';

const ctx = { accountId: '123456789012', region: 'us-east-1' };

describe('unknown outputs get values of AWS shape', () => {
  it('fills the keys a plan leaves out of `after` (a map whose values are unknown) with key ARNs', () => {
    const filled = fillUnknowns('security', ['kms_key_arns'], {}, { logs: true, s3: true }, ctx) as Record<string, string>;
    expect(Object.keys(filled)).toEqual(['logs', 's3']);
    for (const arn of Object.values(filled)) expect(arn).toMatch(/^arn:aws:kms:us-east-1:123456789012:key\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(filled.logs).not.toBe(filled.s3);
  });

  it('fills unknown list elements and keeps the known ones', () => {
    expect(fillUnknowns('networking', ['private_subnet_ids'], [null, 'subnet-known'], [true, false], ctx)).toEqual([expect.stringMatching(/^subnet-[0-9a-f]{17}$/), 'subnet-known']);
  });

  it('is stable: the same output gets the same value in every run (the plan cache and reviews rely on it)', () => {
    expect(unknownValue('networking', ['vpc_id'], ctx)).toBe(unknownValue('networking', ['vpc_id'], ctx));
    expect(unknownValue('compute', ['oidc_provider_arn'], ctx)).toContain(String(unknownValue('compute', ['oidc_issuer_host'], ctx)));
  });

  it('fails naming the layer and output when no rule knows an unknown output', () => {
    expect(() => fillUnknowns('data', ['rds_master_secret_arn'], undefined, true, ctx)).toThrow(
      'layer data: output rds_master_secret_arn is unknown until apply and test/terraform/layer-chain.ts unknownValue has no rule for it',
    );
  });
});

describe('the state a downstream layer reads', () => {
  const plan: LayerPlan = {
    output_changes: {
      vpc_id: { after: null, after_unknown: true },
      subnets: { after: ['10.0.11.0/24'], after_unknown: [false] },
      spa: { after: null, after_unknown: false },
      token: { after: 'x', after_unknown: false },
    },
    planned_values: { outputs: { token: { sensitive: true } } },
  };

  it('is a v4 state of outputs only, with Terraform types, null outputs left out and sensitivity kept', () => {
    const state = JSON.parse(outputsState('networking', plan, ctx)) as { version: number; resources: unknown[]; outputs: Record<string, { value: unknown; type: unknown; sensitive?: boolean }> };
    expect(state.version).toBe(4);
    expect(state.resources).toEqual([]);
    expect(Object.keys(state.outputs).sort()).toEqual(['subnets', 'token', 'vpc_id']);
    expect(state.outputs.subnets!.type).toEqual(['tuple', ['string']]);
    expect(state.outputs.vpc_id!.value).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(state.outputs.token!.sensitive).toBe(true);
  });

  it('is read through an override of modules/layer-outputs naming one local file per layer', () => {
    const override = remoteStateOverride('/tmp/run');
    expect(override).toContain('data "terraform_remote_state" "layer"');
    expect(override).toContain('backend = "local"');
    expect(override).toContain('path = "/tmp/run/${each.key}.outputs.tfstate"');
  });
});

describe('the merged plan', () => {
  const networking = (): LayerPlan => ({
    resource_changes: [{ address: 'module.network.aws_vpc.this', mode: 'managed', type: 'aws_vpc', name: 'this', change: { actions: ['create'], after: { cidr_block: '10.0.0.0/16' }, after_unknown: { id: true } } }],
    configuration: {
      root_module: {
        outputs: { vpc_id: { expression: { references: ['module.network.vpc_id', 'module.network'] } } },
        module_calls: { network: { module: { outputs: { vpc_id: { expression: { references: ['aws_vpc.this.id', 'aws_vpc.this'] } } } } } },
      },
    },
  });

  it('carries the id later layers were planned against on the resource it comes from', () => {
    const plan = networking();
    expect(exposeOutputSources(plan, { vpc_id: 'vpc-0a1' })).toEqual(['module.network.aws_vpc.this.id']);
    const vpc = (plan.resource_changes as Array<{ change: { after: Record<string, unknown>; after_unknown: Record<string, unknown> } }>)[0]!;
    expect(vpc.change.after.id).toBe('vpc-0a1');
    expect(vpc.change.after_unknown.id).toBe(false);
  });

  it('never overwrites an attribute the plan knows', () => {
    const plan = networking();
    (plan.resource_changes as Array<{ change: { after_unknown: Record<string, unknown> } }>)[0]!.change.after_unknown.id = false;
    expect(exposeOutputSources(plan, { vpc_id: 'vpc-0a1' })).toEqual([]);
  });

  it('holds every layer\'s resources in apply order and all outputs', () => {
    const security: LayerPlan = { resource_changes: [{ address: 'module.kms.aws_kms_key.this["s3"]' }], planned_values: { outputs: { kms_alias_names: { value: {} } } } };
    const merged = mergePlans(new Map([['security', security], ['networking', networking()]]));
    expect((merged.resource_changes as Array<{ address: string }>).map((r) => r.address)).toEqual(['module.network.aws_vpc.this', 'module.kms.aws_kms_key.this["s3"]']);
    expect(Object.keys(merged.planned_values?.outputs ?? {})).toEqual(['kms_alias_names']);
    expect(Object.keys(merged.configuration?.root_module?.module_calls ?? {})).toEqual(['network']);
  });
});
