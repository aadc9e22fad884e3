/**
 * CEL equality and ordering on cel-js runtime values (bigint int, number double, string, bool,
 * Uint8Array bytes, arrays, plain objects or Maps), as cel-go's `Equal` and `Compare` with
 * heterogeneous numeric equality (cel-go common/types: Int.Equal, Double.Compare …).
 */
import { celError } from './library.ts';

/** cel-js boxes uint values (UnsignedInt, with a bigint `value`); compare them as numbers. */
function unbox(v: unknown): unknown {
  return v !== null && typeof v === 'object' && v.constructor.name === 'UnsignedInt' ? (v as { value: bigint }).value : v;
}

function isNumber(v: unknown): v is bigint | number {
  return typeof v === 'bigint' || typeof v === 'number';
}

function entries(v: unknown): [unknown, unknown][] | undefined {
  if (v instanceof Map) return [...v.entries()];
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype) return Object.entries(v);
  return undefined;
}

/** CEL `==`: numbers compare by value across int/uint/double, lists and maps structurally. */
export function celEquals(x: unknown, y: unknown): boolean {
  const a = unbox(x);
  const b = unbox(y);
  if (isNumber(a) && isNumber(b)) return compareNumbers(a, b) === 0;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => celEquals(x, b[i]));
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  const ea = entries(a);
  const eb = entries(b);
  if (ea && eb) {
    if (ea.length !== eb.length) return false;
    return ea.every(([k, v]) => eb.some(([k2, v2]) => celEquals(k, k2) && celEquals(v, v2)));
  }
  return a === b;
}

function compareNumbers(a: bigint | number, b: bigint | number): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** CEL ordering of two comparable values (numbers, strings, bools, bytes); an error otherwise. */
export function celCompare(x: unknown, y: unknown): number {
  const a = unbox(x);
  const b = unbox(y);
  if (isNumber(a) && isNumber(b)) return compareNumbers(a, b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
    return a.length - b.length;
  }
  throw celError('no such overload');
}
