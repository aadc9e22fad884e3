/**
 * scripts/tf-outputs.ts: `terraform output -json` → apps/environments/<env>.terraform.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatOutputs, main, mapTerraformOutputs, outputsPath } from '../../scripts/tf-outputs.ts';
import { terraformOutputsSchema } from '../../apps/schema/terraform-outputs.ts';
import { repoRoot } from '../../scripts/tf-cli.ts';

const fixturePath = join(import.meta.dirname, 'fixtures', 'terraform-output.prod.json');
const fixture = () => JSON.parse(readFileSync(fixturePath, 'utf8')) as Record<string, { sensitive: boolean; type: unknown; value: unknown }>;

describe('tf-outputs', () => {
  it('maps terraform output -json to the committed shape', () => {
    const out = mapTerraformOutputs(fixture(), 'prod');
    expect(out.accountId).toBe('123456789012');
    expect(out.vpcId).toBe('vpc-0a1b2c3d4e5f67890');
    expect(out.ecrRegistry).toBe('123456789012.dkr.ecr.us-east-1.amazonaws.com');
    expect(out.serviceRoleArns['reconciliation-service']).toBe('arn:aws:iam::123456789012:role/fintrack-prod-reconciliation-service');
    expect(out.addonRoleArns.karpenter).toBe('arn:aws:iam::123456789012:role/fintrack-prod-addon-karpenter');
    expect(out.bucketNames).toEqual({ loki: 'fintrack-prod-loki-123456789012', models: 'fintrack-prod-models-123456789012', reports: 'fintrack-prod-reports-123456789012' });
    expect(out.queueNames['transactions-ingest']).toBe('fintrack-prod-transactions-ingest');
    expect(out.karpenterInterruptionQueue).toBe('fintrack-prod-karpenter-interruption');
    expect(out.karpenterNodeRoleName).toBe('fintrack-prod-karpenter-node');
    expect(Object.keys(out)).not.toContain('githubRoleArns');
  });

  it('writes sorted keys, 2-space indent and a trailing newline (CLI with --from)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tf-outputs-'));
    const out = join(dir, 'prod.terraform.json');
    const r = spawnSync(join(repoRoot, 'node_modules', '.bin', 'tsx'), [join(repoRoot, 'scripts', 'tf-outputs.ts'), 'prod', '--from', fixturePath, '--out', out], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "accountId": "123456789012",');
    const keys = Object.keys(JSON.parse(text) as object);
    expect(keys).toEqual([...keys].sort());
    expect(text).toBe(formatOutputs(mapTerraformOutputs(fixture(), 'prod')));
  });

  it('fails on an output marked sensitive, naming it', () => {
    const raw = { ...fixture(), db_password: { sensitive: true, type: 'string', value: 'hunter2' } };
    expect(() => mapTerraformOutputs(raw, 'prod')).toThrow(/refusing sensitive output\(s\) 'db_password' in prod/);
  });

  it('fails when a required output is missing, naming it', () => {
    const raw = fixture();
    delete raw.karpenter_node_role_name;
    expect(() => mapTerraformOutputs(raw, 'prod')).toThrow(/missing output 'karpenter_node_role_name' \(→ karpenterNodeRoleName\)/);
  });

  it('fails on a malformed value, naming the field and the output', () => {
    const raw = fixture();
    raw.service_role_arns!.value = { 'payments-service': 'not-an-arn' };
    expect(() => mapTerraformOutputs(raw, 'prod')).toThrow(/'serviceRoleArns\.payments-service' \(output 'service_role_arns'\): must be an IAM role ARN/);
  });

  it('fails when ecrRegistry does not belong to accountId', () => {
    const raw = fixture();
    raw.ecr_registry!.value = '111122223333.dkr.ecr.us-east-1.amazonaws.com';
    expect(() => mapTerraformOutputs(raw, 'prod')).toThrow(/'ecrRegistry' \(output 'ecr_registry'\): must be 123456789012\.dkr\.ecr\.us-east-1/);
  });

  it('fails on input that is not terraform output -json', () => {
    expect(() => mapTerraformOutputs([], 'prod')).toThrow(/expected an object of outputs, got array/);
    const raw = { ...fixture(), region: 'us-east-1' };
    expect(() => mapTerraformOutputs(raw, 'prod')).toThrow(/output 'region' \(→ region\) in prod is not a terraform output object/);
  });

  it('CLI exits 2 with the error for outputs of another environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tf-outputs-'));
    const from = join(dir, 'out.json');
    writeFileSync(from, readFileSync(fixturePath, 'utf8'));
    const errors: string[] = [];
    const original = console.error;
    console.error = (m: string) => errors.push(m);
    try {
      expect(main(['dev', '--from', from, '--out', join(dir, 'x.json')])).toBe(2);
    } finally {
      console.error = original;
    }
    expect(errors.join('\n')).toMatch(/'accountId'\/'clusterName' \(123456789012\/fintrack-prod\) do not match terraform\/environments\/dev\/catalog\.json/);
  });

  for (const env of ['dev', 'staging', 'prod']) {
    it(`committed apps/environments/${env}.terraform.json is valid, formatted, and follows the naming contract`, () => {
      const text = readFileSync(outputsPath(env), 'utf8');
      const parsed = terraformOutputsSchema.parse(JSON.parse(text));
      expect(text).toBe(formatOutputs(parsed));
      const catalog = JSON.parse(readFileSync(join(repoRoot, 'terraform', 'environments', env, 'catalog.json'), 'utf8')) as {
        accountId: string;
        services: Array<{ name: string }>;
        addons: Array<{ name: string }>;
        queues: string[];
        buckets: string[];
      };
      const a = catalog.accountId;
      expect(parsed.accountId).toBe(a);
      expect(parsed.clusterName).toBe(`fintrack-${env}`);
      expect(parsed.vpcId).toBeNull();
      expect(parsed.serviceRoleArns).toEqual(Object.fromEntries(catalog.services.map((s) => [s.name, `arn:aws:iam::${a}:role/fintrack-${env}-${s.name}`])));
      expect(parsed.addonRoleArns).toEqual(Object.fromEntries(catalog.addons.map((s) => [s.name, `arn:aws:iam::${a}:role/fintrack-${env}-addon-${s.name}`])));
      expect(parsed.bucketNames).toEqual(Object.fromEntries([...catalog.buckets, 'loki'].map((b) => [b, `fintrack-${env}-${b}-${a}`])));
      expect(parsed.queueNames).toEqual(Object.fromEntries(catalog.queues.map((q) => [q, `fintrack-${env}-${q}`])));
      expect(parsed.karpenterInterruptionQueue).toBe(`fintrack-${env}-karpenter-interruption`);
      expect(parsed.karpenterNodeRoleName).toBe(`fintrack-${env}-karpenter-node`);
    });
  }
});
