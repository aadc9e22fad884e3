/**
 * The bench's options, write counting and target checks, on made-up rows (no processes).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchOptions } from '../../../scripts/bench-synth.ts';
import { cdk8sRatio, targets } from '../../../scripts/bench/report.ts';
import type { BenchRow } from '../../../scripts/bench/run-bench.ts';
import { stampTree, written } from '../../../scripts/bench/tree-stamp.ts';

const row = (catalog: string, services: number, step: BenchRow['step'], wallMs: number, peakRssMiB = 100): BenchRow => ({
  catalog,
  services,
  step,
  runs: 1,
  wallMs,
  cpuMs: wallMs,
  peakRssMiB,
  files: 0,
  bytes: 0,
  msPerService: wallMs / services,
});

const met = (rows: BenchRow[]): Record<string, boolean | undefined> => Object.fromEntries(targets(rows).map((t) => [t.target, t.met]));

describe('bench targets', () => {
  it('passes linear cost within 20 % and fails beyond it', () => {
    const linear = met([row('generated-100', 100, 'verify', 5_000), row('generated-1000', 1000, 'verify', 55_000)]);
    expect(linear['verify ms/service within +-20 % from 100 to 1000 services']).toBe(true);
    const quadratic = met([row('generated-100', 100, 'verify', 5_000), row('generated-1000', 1000, 'verify', 90_000)]);
    expect(quadratic['verify ms/service within +-20 % from 100 to 1000 services']).toBe(false);
  });

  it("checks today's verify, the 1,000-service total and peak memory, and says n/a when not run", () => {
    const rows = [
      row('today', 9, 'verify', 1_500),
      row('generated-1000', 1000, 'synth', 15_000),
      row('generated-1000', 1000, 'verify', 20_000, 2_000),
    ];
    const m = met(rows);
    expect(m["today's catalog: verify <= 1 s"]).toBe(false);
    expect(m["today's catalog: synth <= 0.5 s"]).toBeUndefined();
    expect(m['1,000 services x 3 envs: synth + verify <= 40 s']).toBe(true);
    expect(m['peak RSS <= 1 GiB']).toBe(false);
  });

  it('divides cdk8s synth by synth on the same catalog', () => {
    expect(cdk8sRatio([row('today', 9, 'synth', 500), row('today', 9, 'cdk8s synth', 2_000)])).toBe(4);
    expect(cdk8sRatio([row('today', 9, 'synth', 500)])).toBeUndefined();
  });
});

describe('bench options', () => {
  it('parses sizes and runs, and refuses a size that is not an integer', () => {
    expect(benchOptions(['--sizes', '100,300', '--runs', '2'])).toMatchObject({ sizes: [100, 300], runs: 2, cdk8s: true });
    expect(benchOptions(['--sizes', '', '--no-cdk8s'])).toMatchObject({ sizes: [], cdk8s: false });
    expect(benchOptions(['--sizes', '100,many'])).toMatchObject({ exitCode: 2 });
  });
});

describe('written', () => {
  it('counts new and rewritten files, not untouched ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fintrack-stamp-'));
    try {
      writeFileSync(join(dir, 'kept'), 'same');
      writeFileSync(join(dir, 'changed'), 'old');
      const before = stampTree(dir);
      writeFileSync(join(dir, 'changed'), 'newer');
      writeFileSync(join(dir, 'added'), 'abc');
      expect(written(before, stampTree(dir))).toEqual({ files: 2, bytes: 8 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('marginal cost', () => {
  it('compares the cost of one more service between sizes: flat passes, growing fails', () => {
    const rows = (w1000: number): BenchRow[] => [
      row('generated-100', 100, 'synth', 3_000),
      row('generated-300', 300, 'synth', 7_000),
      row('generated-1000', 1000, 'synth', w1000),
    ];
    const key = 'synth cost of one more service within +-20 % (100->300 vs 300->1000)';
    expect(met(rows(21_000))[key]).toBe(true);
    expect(met(rows(40_000))[key]).toBe(false);
  });
});
