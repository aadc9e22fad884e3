/**
 * ESLint and Prettier as tests (`npm run lint` runs the same commands on their own).
 */
import { expect, it } from 'vitest';
import { runBin } from '../support/run-bin.ts';

it('lints clean (eslint .)', async () => {
  const r = await runBin('eslint', ['.']);
  expect(r.output.trim(), 'eslint output').toBe('');
  expect(r.code).toBe(0);
}, 300_000);

it('is formatted (prettier --check .)', async () => {
  const r = await runBin('prettier', ['--check', '--log-level', 'warn', '.']);
  expect(r.output.trim(), 'prettier output').toBe('');
  expect(r.code).toBe(0);
}, 300_000);
