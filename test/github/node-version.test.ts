/**
 * One Node version story: package.json `engines` is at least what every installed package
 * declares (kubernetes-models asks for Node >= 22, eslint for ^22.13 on the 22 line), and every
 * workflow runs exactly that floor's major, an LTS line, so CI proves the floor works.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

type Version = readonly [number, number, number];

/** `22`, `22.13`, `22.13.0`, `22.x` → [22, 13, 0]; wildcards count as 0. */
function version(text: string): Version {
  const [a = 0, b = 0, c = 0] = text.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : 0));
  return [a, b, c];
}

const cmp = (a: Version, b: Version): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/**
 * Whether `v` satisfies an npm `engines.node` range, for the forms packages use: `*`, `>=x`, `>x`,
 * `<x`, `^x`, `x` / `x.*` (same major), space-joined comparators and `||` alternatives.
 */
function satisfies(v: Version, range: string): boolean {
  return range.split('||').some((alternative) => {
    const comparators = alternative
      .replace(/(>=|<=|>|<|\^|~)\s+/g, '$1')
      .trim()
      .split(/\s+/);
    return comparators.every((c) => {
      if (c === '*' || c === '') return true;
      const m = /^(>=|<=|>|<|\^|~)?v?(.+)$/.exec(c);
      const op = m?.[1] ?? '';
      const want = version(m?.[2] ?? '0');
      if (op === '>=') return cmp(v, want) >= 0;
      if (op === '>') return cmp(v, want) > 0;
      if (op === '<') return cmp(v, want) < 0;
      if (op === '<=') return cmp(v, want) <= 0;
      if (op === '^') return v[0] === want[0] && cmp(v, want) >= 0;
      if (op === '~') return v[0] === want[0] && v[1] === want[1] && cmp(v, want) >= 0;
      return v[0] === want[0] && (m?.[2]?.includes('.') && !m[2].includes('*') ? cmp(v, want) >= 0 : true);
    });
  });
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean; os?: string[] }>;
};
const floor = version(/^>=\s*([\d.]+)$/.exec(pkg.engines.node)?.[1] ?? 'none');

describe('Node version', () => {
  it('package.json engines is a plain floor', () => {
    expect(pkg.engines.node).toMatch(/^>=\d+\.\d+$/);
  });

  it('the engines floor satisfies every installed package that states a Node requirement', () => {
    const unmet = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && !Array.isArray(p.engines) && p.engines?.node !== undefined)
      .filter(([, p]) => !satisfies(floor, p.engines && !Array.isArray(p.engines) ? (p.engines.node ?? '*') : '*'))
      .map(([path, p]) => `${path.replace(/^.*node_modules\//, '')}: ${JSON.stringify(p.engines)}`);
    expect(unmet).toEqual([]);
  });

  it('every workflow runs the floor major, an even (LTS) line', () => {
    const dir = '.github/workflows';
    const versions = readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .flatMap((f) => {
        const wf = parse(readFileSync(join(dir, f), 'utf8')) as {
          jobs: Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[] }>;
        };
        return Object.values(wf.jobs).flatMap((j) =>
          (j.steps ?? []).filter((s) => s.uses?.startsWith('actions/setup-node@')).map((s) => `${f}: ${String(s.with?.['node-version'])}`),
        );
      });
    expect(versions.length).toBeGreaterThan(0);
    expect(floor[0] % 2).toBe(0);
    for (const v of versions) expect(v).toMatch(new RegExp(`: ${floor[0]}$`));
  });
});

describe('satisfies', () => {
  it('reads the range forms packages use', () => {
    const v = version('22.13.0');
    expect(
      ['>=22', '^20.19.0 || ^22.13.0 || >=24', '18 || 20 || >=22', '>=6 <7 || >=8', '6.* || 8.* || >= 10.*', '*'].map((r) =>
        satisfies(v, r),
      ),
    ).toEqual([true, true, true, true, true, true]);
  });

  it('fails a floor below the range', () => {
    const v = version('20.19.0');
    expect(['>=22', '^22.13.0 || >=24', '22.x'].map((r) => satisfies(v, r))).toEqual([false, false, false]);
    expect(satisfies(version('22.12.0'), '^20.19.0 || ^22.13.0 || >=24')).toBe(false);
  });
});
