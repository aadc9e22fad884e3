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
    // Conventional names (roles, buckets, queues) are derived by synth: outputs naming them are ignored.
    expect(Object.keys(out).sort()).toEqual(['accountId', 'clusterName', 'ecrRegistry', 'edgeCertificateArn', 'edgeWafAclArn', 'region', 'vpcId']);
    expect(out.edgeWafAclArn).toMatch(/:regional\/webacl\/fintrack-prod-edge\//);
  });

  it('maps absent edge outputs (Terraform drops null outputs before the first apply) to null', () => {
    const raw = fixture();
    delete raw.edge_certificate_arn;
    delete raw.edge_waf_acl_arn;
    const out = mapTerraformOutputs(raw, 'prod');
    expect([out.edgeCertificateArn, out.edgeWafAclArn]).toEqual([null, null]);
  });

  it("fails on an edge ARN of another account or region, naming the field and the output", () => {
    const raw = fixture();
    raw.edge_waf_acl_arn!.value = String(raw.edge_waf_acl_arn!.value).replace('123456789012', '210987654321');
    raw.edge_certificate_arn!.value = String(raw.edge_certificate_arn!.value).replace('us-east-1', 'eu-west-1');
    expect(() => mapTerraformOutputs(raw, 'prod')).toThrow(
      /'edgeCertificateArn' \(output 'edge_certificate_arn'\): must be in us-east-1 \(region\)\n {2}'edgeWafAclArn' \(output 'edge_waf_acl_arn'\): must be in account 123456789012 \(accountId\)/,
    );
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
    delete raw.vpc_id;
    expect(() => mapTerraformOutputs(raw, 'prod')).toThrow(/missing output 'vpc_id' \(→ vpcId\)/);
  });

  it('fails on a malformed value, naming the field and the output', () => {
    const raw = fixture();
    raw.vpc_id!.value = 'vpc-NOT-HEX';
    expect(() => mapTerraformOutputs(raw, 'prod')).toThrow(/'vpcId' \(output 'vpc_id'\): must be a VPC id/);
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
    it(`committed apps/environments/${env}.terraform.json is valid, formatted, and belongs to its root`, () => {
      const text = readFileSync(outputsPath(env), 'utf8');
      const parsed = terraformOutputsSchema.parse(JSON.parse(text));
      expect(text).toBe(formatOutputs(parsed));
      const catalog = JSON.parse(readFileSync(join(repoRoot, 'terraform', 'environments', env, 'catalog.json'), 'utf8')) as { accountId: string };
      expect(parsed.accountId).toBe(catalog.accountId);
      expect(parsed.clusterName).toBe(`fintrack-${env}`);
      expect(parsed.vpcId).toBeNull();
    });
  }
});
