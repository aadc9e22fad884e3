/**
 * The Kubernetes CEL semver library (k8s.io/apiserver/pkg/cel/library/semverlib.go): `semver()`,
 * `isSemver()` (each with the `normalize` flag), `major/minor/patch` and comparisons, with
 * blang/semver v4's grammar and precedence (semver.org 2.0.0).
 */
import { celError, type CelLibrary } from './library.ts';

/** A version, a CEL object of type `Semver`. */
export class CelSemver {
  public constructor(
    public readonly major: bigint,
    public readonly minor: bigint,
    public readonly patch: bigint,
    public readonly pre: readonly string[],
  ) {}
}

const NUM = '(0|[1-9][0-9]*)';
const IDENT = '[0-9A-Za-z-]+';
const SEMVER = new RegExp(`^${NUM}\\.${NUM}\\.${NUM}(?:-(${IDENT}(?:\\.${IDENT})*))?(?:\\+(${IDENT}(?:\\.${IDENT})*))?$`);

function parse(s: string): CelSemver | undefined {
  const m = SEMVER.exec(s);
  if (!m) return undefined;
  const pre = m[4] ? m[4].split('.') : [];
  // blang/semver: a numeric prerelease identifier must not have a leading zero.
  if (pre.some((p) => /^[0-9]+$/.test(p) && p.length > 1 && p.startsWith('0'))) return undefined;
  return new CelSemver(BigInt(m[1] ?? 0), BigInt(m[2] ?? 0), BigInt(m[3] ?? 0), pre);
}

// semverlib.go normalizeAndParse: drop a leading 'v', strip leading zeros, pad to three parts.
function normalize(s: string): string | undefined {
  const split: string[] = [];
  let rest = s.startsWith('v') ? s.slice(1) : s;
  for (let i = 0; i < 2 && rest.includes('.'); i++) {
    split.push(rest.slice(0, rest.indexOf('.')));
    rest = rest.slice(rest.indexOf('.') + 1);
  }
  split.push(rest);
  const trimmed = split.map((p) => {
    if (p.length <= 1) return p;
    const t = p.replace(/^0+/, '');
    return t === '' || !/^[0-9]/.test(t) ? `0${t}` : t;
  });
  if (trimmed.length < 3) {
    if (/[+-]/.test(trimmed[trimmed.length - 1] ?? '')) return undefined;
    while (trimmed.length < 3) trimmed.push('0');
  }
  return trimmed.join('.');
}

function parseWith(s: string, norm: boolean): CelSemver | undefined {
  const text = norm ? normalize(s) : s;
  return text === undefined ? undefined : parse(text);
}

function comparePre(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return b.length - a.length === 0 ? 0 : a.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    const xn = /^[0-9]+$/.test(x);
    const yn = /^[0-9]+$/.test(y);
    if (xn && yn) {
      const d = BigInt(x) - BigInt(y);
      if (d !== 0n) return d < 0n ? -1 : 1;
    } else if (xn !== yn) return xn ? -1 : 1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return Math.sign(a.length - b.length);
}

/** semver.org precedence: major, minor, patch, then prerelease (a release is greater). */
export function compareSemver(a: CelSemver, b: CelSemver): number {
  for (const k of ['major', 'minor', 'patch'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  return comparePre(a.pre, b.pre);
}

function semverOf(s: string, norm: boolean): CelSemver {
  const v = parseWith(s, norm);
  if (!v) throw celError(`Invalid semver: ${s}`);
  return v;
}

/** Registers the library. */
export const semverLibrary: CelLibrary = (env) => {
  env.registerType('Semver', CelSemver);
  env.registerFunction('semver(string): Semver', (s: string) => semverOf(s, false));
  env.registerFunction('semver(string, bool): Semver', semverOf);
  env.registerFunction('isSemver(string): bool', (s: string) => parseWith(s, false) !== undefined);
  env.registerFunction('isSemver(string, bool): bool', (s: string, n: boolean) => parseWith(s, n) !== undefined);
  env.registerFunction('Semver.major(): int', (v: CelSemver) => v.major);
  env.registerFunction('Semver.minor(): int', (v: CelSemver) => v.minor);
  env.registerFunction('Semver.patch(): int', (v: CelSemver) => v.patch);
  env.registerFunction('Semver.isGreaterThan(Semver): bool', (a: CelSemver, b: CelSemver) => compareSemver(a, b) > 0);
  env.registerFunction('Semver.isLessThan(Semver): bool', (a: CelSemver, b: CelSemver) => compareSemver(a, b) < 0);
  env.registerFunction('Semver.compareTo(Semver): int', (a: CelSemver, b: CelSemver) => BigInt(compareSemver(a, b)));
  env.registerOperator('Semver == Semver', (a: CelSemver, b: CelSemver) => compareSemver(a, b) === 0);
};
