/**
 * Offline Terraform checks: fmt (once); per root and per module `init -backend=false` and
 * `terraform test` (mock_provider "aws"). No separate `validate`: every test run plans, and a plan
 * validates the whole configuration first (terraform internal/terraform context_plan.go, Plan →
 * validate), so a separate command would only re-hash the provider.
 * Directories run in parallel (bounded by the core count), each with its own TF_DATA_DIR; the
 * steps of one directory run in order. Every terraform command re-hashes the 700 MB aws provider
 * against the lock file (~5 s CPU), so no command runs that the brief does not need.
 */
import { beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { dataDirFor, describeResult, describeTerraform, roots, terraform, terraformDir, type TerraformResult } from './terraform.ts';

const TIMEOUT = 600_000;

interface DirRun {
  /** init. */
  readonly init: Promise<TerraformResult>;
  readonly test: Promise<TerraformResult>;
}

function startDir(dir: string): DirRun {
  const cwd = join(terraformDir, dir);
  const env = { TF_DATA_DIR: dataDirFor(dir) };
  const init = terraform(['init', '-backend=false', '-no-color', '-input=false'], { cwd, env });
  const test = init.then((r) => (r.code === 0 ? terraform(['test', '-no-color'], { cwd, env }) : r));
  return { init, test };
}

describeTerraform('terraform (offline)', () => {
  const runs = new Map<string, DirRun>();
  let fmt: Promise<TerraformResult>;

  beforeAll(() => {
    // Start everything at once; the runner's semaphore keeps it to the number of cores.
    fmt = terraform(['fmt', '-check', '-recursive', '-diff', '-no-color'], { cwd: terraformDir });
    for (const dir of roots) runs.set(dir, startDir(dir));
  });

  it('terraform fmt -check -recursive is clean', async () => {
    const r = await fmt;
    expect(r.code, describeResult(r)).toBe(0);
  }, TIMEOUT);

  for (const dir of roots) {
    it(`${dir}: init -backend=false`, async () => {
      const r = await runs.get(dir)!.init;
      expect(r.code, describeResult(r)).toBe(0);
    }, TIMEOUT);

    it(`${dir}: terraform test (mock_provider)`, async () => {
      const r = await runs.get(dir)!.test;
      expect(r.code, describeResult(r)).toBe(0);
      expect(r.stdout, describeResult(r)).toMatch(/Success! \d+ passed, 0 failed/);
    }, TIMEOUT);
  }
});
