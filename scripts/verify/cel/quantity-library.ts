/**
 * The Kubernetes CEL quantity library (k8s.io/apiserver/pkg/cel/library/quantity.go):
 * `quantity()`, `isQuantity()` and the Quantity methods, on exact fractions (see quantity.ts),
 * so `quantity('1Gi') == quantity('1024Mi')` as in Go.
 */
import { celError, type CelLibrary } from './library.ts';
import { addQuantities, compareQuantities, fraction, parseQuantity, type Quantity } from './quantity.ts';

const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);

/** A parsed quantity, a CEL object of type `Quantity`. */
export class CelQuantity {
  public constructor(public readonly q: Quantity) {}
}

function parseOrThrow(text: string): CelQuantity {
  const q = parseQuantity(text);
  // Same text as Go's resource.ErrFormatWrong, which quantity.go returns as the CEL error.
  if (!q) throw celError("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  return new CelQuantity(q);
}

function isInteger(q: Quantity): boolean {
  return q.den === 1n && q.num <= MAX_INT64 && q.num >= MIN_INT64;
}

function plus(a: CelQuantity, b: Quantity): CelQuantity {
  return new CelQuantity(addQuantities(a.q, b));
}

/** Registers the library. */
export const quantityLibrary: CelLibrary = (env) => {
  env.registerType('Quantity', CelQuantity);
  env.registerFunction('quantity(string): Quantity', parseOrThrow);
  env.registerFunction('isQuantity(string): bool', (s: string) => parseQuantity(s) !== undefined);
  env.registerFunction('Quantity.sign(): int', (a: CelQuantity) => (a.q.num === 0n ? 0n : a.q.num > 0n ? 1n : -1n));
  env.registerFunction('Quantity.isInteger(): bool', (a: CelQuantity) => isInteger(a.q));
  env.registerFunction('Quantity.asInteger(): int', (a: CelQuantity) => {
    if (!isInteger(a.q)) throw celError('cannot convert value to integer');
    return a.q.num;
  });
  env.registerFunction('Quantity.asApproximateFloat(): double', (a: CelQuantity) => Number(a.q.num) / Number(a.q.den));
  env.registerFunction('Quantity.isGreaterThan(Quantity): bool', (a: CelQuantity, b: CelQuantity) => compareQuantities(a.q, b.q) > 0);
  env.registerFunction('Quantity.isLessThan(Quantity): bool', (a: CelQuantity, b: CelQuantity) => compareQuantities(a.q, b.q) < 0);
  env.registerFunction('Quantity.compareTo(Quantity): int', (a: CelQuantity, b: CelQuantity) => BigInt(compareQuantities(a.q, b.q)));
  env.registerFunction('Quantity.add(Quantity): Quantity', (a: CelQuantity, b: CelQuantity) => plus(a, b.q));
  env.registerFunction('Quantity.add(int): Quantity', (a: CelQuantity, b: bigint) => plus(a, fraction(b, 1n)));
  env.registerFunction('Quantity.sub(Quantity): Quantity', (a: CelQuantity, b: CelQuantity) => plus(a, { num: -b.q.num, den: b.q.den }));
  env.registerFunction('Quantity.sub(int): Quantity', (a: CelQuantity, b: bigint) => plus(a, fraction(-b, 1n)));
  // quantity.go: Quantity.Equal compares values, not text.
  env.registerOperator('Quantity == Quantity', (a: CelQuantity, b: CelQuantity) => compareQuantities(a.q, b.q) === 0);
};
