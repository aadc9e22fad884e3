/**
 * Offline Terraform checks: fmt (once), and `terraform test` (mock_provider "aws") in every module
 * and environment root that has tests. No separate `validate`: every test run plans, and a plan
 * validates the whole configuration first (terraform internal/terraform context_plan.go, Plan →
 * validate). Every terraform command re-hashes the 700 MB aws provider against the lock file and
 * starts it (about 2 s of CPU), so commands are few: roots that call no module share one
 * TF_DATA_DIR initialised once (their lock files are identical, and `terraform test` checks the
 * shared provider against each root's own lock file); the others run their own `init`.
 * Directories run in parallel (bounded by the core count); the steps of one directory run in order.
 * A root whose inputs are unchanged since its last passing run replays that run's output instead
 * (result-cache.ts; never in CI).
 */
import { beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { cacheEnabled, readCached, rootDigest, writeCached } from './result-cache.ts';
import {
  dataDirFor,
  describeResult,
  describeTerraform,
  isLeafRoot,
  terraform,
  terraformDir,
  testedRoots,
  type TerraformResult,
} from './terraform.ts';

const TIMEOUT = 600_000;

interface DirRun {
  readonly init: Promise<TerraformResult>;
  readonly test: Promise<TerraformResult>;
  /** Digest of everything the root's tests read (result-cache.ts). */
  readonly digest: string;
  /** The result is the stored one of an earlier passing run with the same digest. */
  readonly cached: boolean;
}

/** A stored passing `terraform test` output, replayed as a result. */
const replay = (dir: string, args: string[], stdout: string): Promise<TerraformResult> =>
  Promise.resolve({ args, cwd: join(terraformDir, dir), code: 0, stdout, stderr: '' });

function init(dir: string, dataDir: string): Promise<TerraformResult> {
  return terraform(['init', '-backend=false', '-no-color', '-input=false'], { cwd: join(terraformDir, dir), env: { TF_DATA_DIR: dataDir } });
}

function test(dir: string, dataDir: string, initialised: Promise<TerraformResult>): Promise<TerraformResult> {
  return initialised.then((r) => (r.code === 0 ? terraform(['test', '-no-color'], { cwd: join(terraformDir, dir), env: { TF_DATA_DIR: dataDir } }) : r));
}

describeTerraform('terraform (offline)', () => {
  const runs = new Map<string, DirRun>();
  let fmt: Promise<TerraformResult>;

  beforeAll(() => {
    // Start everything at once; the runner's semaphore keeps it to the number of cores.
    fmt = terraform(['fmt', '-check', '-recursive', '-diff', '-no-color'], { cwd: terraformDir });
    const digests = new Map(testedRoots.map((dir) => [dir, rootDigest(join(terraformDir, dir), terraformDir)]));
    const stored = new Map(testedRoots.flatMap((dir) => {
      const out = readCached<string>(`test-${dir}`, digests.get(dir)!);
      return out === undefined ? [] : [[dir, out] as const];
    }));
    const leaves = testedRoots.filter((dir) => isLeafRoot(dir) && !stored.has(dir));
    const shared = dataDirFor('leaf-roots');
    const sharedInit = leaves.length > 0 ? init(leaves[0]!, shared) : undefined;
    for (const dir of testedRoots) {
      const digest = digests.get(dir)!;
      const out = stored.get(dir);
      if (out !== undefined) {
        runs.set(dir, { init: replay(dir, ['init'], ''), test: replay(dir, ['test'], out), digest, cached: true });
      } else if (sharedInit && leaves.includes(dir)) {
        runs.set(dir, { init: sharedInit, test: test(dir, shared, sharedInit), digest, cached: false });
      } else {
        const own = dataDirFor(dir);
        const initialised = init(dir, own);
        runs.set(dir, { init: initialised, test: test(dir, own, initialised), digest, cached: false });
      }
    }
    if (stored.size > 0)
      console.info(
        `terraform: ${stored.size} of ${testedRoots.length} roots unchanged since their last passing \`terraform test\` (build/terraform-cache); FINTRACK_TF_CACHE=off runs them all`,
      );
    else if (!cacheEnabled) console.info('terraform: result cache off (CI=true or FINTRACK_TF_CACHE=off): every root runs');
  });

  it('terraform fmt -check -recursive is clean', async () => {
    const r = await fmt;
    expect(r.code, describeResult(r)).toBe(0);
  }, TIMEOUT);

  it('finds the tested roots on disk, and at least one leaf and one composing root', () => {
    expect(testedRoots.length).toBeGreaterThan(1);
    expect(testedRoots.some(isLeafRoot)).toBe(true);
    expect(testedRoots.some((r) => !isLeafRoot(r))).toBe(true);
  });

  for (const dir of testedRoots) {
    it(`${dir}: init -backend=false${isLeafRoot(dir) ? ' (shared by the roots that call no module)' : ''}`, async () => {
      const r = await runs.get(dir)!.init;
      expect(r.code, describeResult(r)).toBe(0);
    }, TIMEOUT);

    it(`${dir}: terraform test (mock_provider)`, async () => {
      const run = runs.get(dir)!;
      const r = await run.test;
      expect(r.code, describeResult(r)).toBe(0);
      expect(r.stdout, describeResult(r)).toMatch(/Success! [1-9]\d* passed, 0 failed/);
      if (!run.cached) writeCached(`test-${dir}`, run.digest, r.stdout);
    }, TIMEOUT);
  }
});
