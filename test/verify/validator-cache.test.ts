/**
 * Validators compiled once and reused from disk behave exactly like freshly compiled ones.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedValidator, forgetValidators } from '../../scripts/verify/validator-cache.ts';

const dir = mkdtempSync(join(tmpdir(), 'validator-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// A Go (RE2) inline flag and an enum of objects: both need the runtime helpers in generated code.
const schema = (n: number) => ({
  type: 'object',
  properties: { name: { type: 'string', pattern: '(?i)^[a-z]+$' }, mode: { enum: [{ a: n }] } },
  additionalProperties: false,
});
const run = (v: Awaited<ReturnType<typeof cachedValidator>>, data: unknown) => ({ ok: v(data), errors: v.errors?.map((e) => e.message) });

describe('cachedValidator', () => {
  it('writes one module per schema and reads it back with the same verdicts', async () => {
    const fresh = await cachedValidator(schema(1), dir);
    expect(readdirSync(dir).filter((f) => f.endsWith('.cjs'))).toHaveLength(1);
    const file = readdirSync(dir).find((f) => f.endsWith('.cjs'))!;
    // WHEN a new run loads it from disk
    forgetValidators();
    const loaded = await cachedValidator(schema(1), dir);
    expect(loaded).not.toBe(fresh);
    expect(readdirSync(dir).filter((f) => f.endsWith('.cjs'))).toEqual([file]);
    for (const data of [{ name: 'ABC' }, { name: 'a-b' }, { mode: { a: 1 } }, { mode: { a: 2 } }, { other: 1 }]) {
      expect(run(loaded, data)).toEqual(run(fresh, data));
    }
    expect(fresh({ name: 'ABC' })).toBe(true);
    expect(fresh({ other: 1 })).toBe(false);
  });

  it('ignores a corrupt cache entry and compiles afresh', async () => {
    const other = mkdtempSync(join(dir, 'corrupt-'));
    await cachedValidator(schema(2), other);
    const file = readdirSync(other).find((f) => f.endsWith('.cjs'))!;
    writeFileSync(join(other, file), 'module.exports = (;');
    forgetValidators();
    const again = await cachedValidator(schema(2), other);
    expect(again({ name: 'abc' })).toBe(true);
    expect(again({ name: 1 })).toBe(false);
  });
});
