/**
 * The test order: Terraform suites first, in the listed order, the rest after them unchanged.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HEAVY_FIRST, heavyRank } from '../support/heavy-first-sequencer.ts';

describe('HeavyFirstSequencer', () => {
  it('names files that exist (a renamed suite would silently lose its place)', () => {
    for (const f of HEAVY_FIRST) expect(existsSync(f), f).toBe(true);
  });

  it('ranks listed files by their position and every other file after them', () => {
    const ranks = HEAVY_FIRST.map((f) => heavyRank(`/repo/${f}`));
    expect(ranks).toEqual(HEAVY_FIRST.map((_, i) => i));
    expect(heavyRank('/repo/test/apps/catalog.test.ts')).toBe(HEAVY_FIRST.length);
    expect(heavyRank('/repo/other/test/terraform/terraform.test.ts.bak')).toBe(HEAVY_FIRST.length);
  });
});
