/**
 * `tsc --noEmit -p .` as a test, so the type check runs beside the other suites instead of before
 * them (`npm run typecheck` runs the same command on its own).
 */
import { expect, it } from 'vitest';
import { runBin } from '../support/run-bin.ts';

it('type-checks (tsc --noEmit -p .)', async () => {
  const r = await runBin('tsc', ['--noEmit', '-p', '.']);
  expect(r.output.trim(), 'tsc output').toBe('');
  expect(r.code).toBe(0);
}, 300_000);
