/**
 * One temporary folder per test run: every worker inherits it as TMPDIR, so the folders tests
 * create with mkdtemp (scratch repos, cdk8s' `Testing.app()` outdirs, Terraform data dirs) live
 * under it, and the teardown removes them all, even those a test forgot.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Vitest global setup: returns the teardown. */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'fintrack-test-run-'));
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
