/**
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource), exact: a value is a
 * reduced fraction of BigInts, so `1Gi`, `1024Mi` and `1073741824` are equal and `100m` < `0.2`.
 */

/** An exact quantity: numerator / denominator, denominator > 0, reduced. */
export interface Quantity {
  readonly num: bigint;
  readonly den: bigint;
}

// Same grammar as resource.ParseQuantity: sign, digits with at most one '.', then a suffix.
const QUANTITY = /^([+-]?)(\d+\.?\d*|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;
const BINARY: Record<string, bigint> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** A reduced quantity. */
export function fraction(num: bigint, den: bigint): Quantity {
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
}

/** Parses a quantity, or undefined when Kubernetes would reject it. */
export function parseQuantity(text: string): Quantity | undefined {
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const [, sign = '', digits = '', suffix = ''] = m;
  const [whole = '', frac = ''] = digits.split('.');
  let num = BigInt((whole || '0') + frac) * (sign === '-' ? -1n : 1n);
  let den = 10n ** BigInt(frac.length);
  const binary = BINARY[suffix];
  if (binary !== undefined) num *= binary;
  else {
    const exp = suffix === '' ? 0 : (DECIMAL[suffix] ?? Number(suffix.slice(1)));
    // Kubernetes caps exponents; beyond them a quantity is not representable.
    if (Math.abs(exp) > 1000) return undefined;
    if (exp >= 0) num *= 10n ** BigInt(exp);
    else den *= 10n ** BigInt(-exp);
  }
  return fraction(num, den);
}

/** -1, 0 or 1. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  const d = a.num * b.den - b.num * a.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** a + b. */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return fraction(a.num * b.den + b.num * a.den, a.den * b.den);
}

/** a × n. */
export function scaleQuantity(a: Quantity, n: bigint): Quantity {
  return fraction(a.num * n, a.den);
}

/** Value as a double (for reports). */
export function quantityToNumber(q: Quantity): number {
  return Number(q.num) / Number(q.den);
}
