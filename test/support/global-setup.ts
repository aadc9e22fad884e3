/**
 * Before any worker starts:
 * - one temporary folder per test run: every worker inherits it as TMPDIR, so the folders tests
 *   create with mkdtemp (scratch repos, cdk8s' `Testing.app()` outdirs, Terraform data dirs) live
 *   under it, and the teardown removes them all, even those a test forgot;
 * - the shared Terraform plugin cache holds the aws provider: one `init` fills it here, alone, so the
 *   suites' concurrent `init`s only link from it. Terraform documents the plugin cache as not safe
 *   for concurrent installs (hashicorp/terraform website/docs/cli/config/config-file.mdx,
 *   "Provider Plugin Cache"; hashicorp/terraform#31964); two first-time installs at once once failed
 *   a run here.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terraformCliEnv } from '../../scripts/tf-cli.ts';

/** Fills the plugin cache with the provider every root pins; no terraform binary: nothing to do (the suites say so). */
function fillPluginCache(runDir: string): void {
  const root = join(runDir, 'plugin-cache-fill');
  mkdirSync(root, { recursive: true });
  writeFileSync(
    join(root, 'versions.tf'),
    'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "5.100.0"\n    }\n  }\n}\n',
  );
  const r = spawnSync('terraform', ['init', '-backend=false', '-input=false', '-no-color'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...terraformCliEnv(), TF_DATA_DIR: join(root, '.terraform') },
  });
  if (!r.error && r.status !== 0)
    console.warn(`[global-setup] filling the Terraform plugin cache failed; the suites' own init will say why:\n${r.stderr}`);
}

/** Vitest global setup: returns the teardown. */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'fintrack-test-run-'));
  process.env.TMPDIR = dir;
  fillPluginCache(dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
