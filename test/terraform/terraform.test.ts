/**
 * Offline Terraform checks for every module and environment root: fmt (once), init + validate,
 * and `terraform test` (mock_provider "aws"). Roots run in parallel (bounded by the core count),
 * each with its own TF_DATA_DIR; the steps of one root run in order.
 */
import { beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { dataDirFor, describeResult, describeTerraform, roots, terraform, terraformDir, type TerraformResult } from './terraform.ts';

const TIMEOUT = 600_000;

interface RootRun {
  readonly validate: Promise<TerraformResult>;
  readonly test: Promise<TerraformResult>;
}

function runRoot(root: string): RootRun {
  const cwd = join(terraformDir, root);
  const env = { TF_DATA_DIR: dataDirFor(root) };
  const init = terraform(['init', '-backend=false', '-no-color', '-input=false'], { cwd, env });
  const validate = init.then((r) => (r.code === 0 ? terraform(['validate', '-no-color'], { cwd, env }) : r));
  const test = validate.then((r) => (r.code === 0 ? terraform(['test', '-no-color'], { cwd, env }) : r));
  return { validate, test };
}

describeTerraform('terraform (offline)', () => {
  const runs = new Map<string, RootRun>();
  let fmt: Promise<TerraformResult>;

  beforeAll(() => {
    // Start everything at once; the runner's semaphore keeps it to the number of cores.
    fmt = terraform(['fmt', '-check', '-recursive', '-diff', '-no-color'], { cwd: terraformDir });
    for (const root of roots) runs.set(root, runRoot(root));
  });

  it('terraform fmt -check -recursive is clean', async () => {
    const r = await fmt;
    expect(r.code, describeResult(r)).toBe(0);
  }, TIMEOUT);

  for (const root of roots) {
    it(`${root}: init -backend=false + validate`, async () => {
      const r = await runs.get(root)!.validate;
      expect(r.code, describeResult(r)).toBe(0);
    }, TIMEOUT);

    it(`${root}: terraform test (mock_provider)`, async () => {
      const r = await runs.get(root)!.test;
      expect(r.code, describeResult(r)).toBe(0);
      expect(r.stdout, describeResult(r)).toMatch(/Success! \d+ passed, 0 failed/);
    }, TIMEOUT);
  }
});
