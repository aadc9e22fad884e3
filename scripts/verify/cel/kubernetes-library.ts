/**
 * The Kubernetes CEL quantity library (k8s.io/apiserver/pkg/cel/library/quantity.go) for
 * @bufbuild/cel: `quantity()`, `isQuantity()` and the Quantity methods our templates may use.
 *
 * @bufbuild/cel has no way to declare an opaque type without protobuf, so a Quantity travels as
 * a one-key map `{'@quantity': 'num/den'}` holding the reduced fraction: canonical, so `==` between
 * quantities behaves as in Go (`quantity('1Gi') == quantity('1024Mi')`).
 */
import { CelScalar, celFunc, celMethod, type CelFunc, type CelMap } from '@bufbuild/cel';
import { addQuantities, compareQuantities, fraction, parseQuantity, type Quantity } from './quantity.ts';

const KEY = '@quantity';
const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);

function wrap(q: Quantity): Record<string, string> {
  return { [KEY]: `${q.num}/${q.den}` };
}

function unwrap(value: unknown): Quantity {
  const map = value as CelMap;
  const text = typeof map?.get === 'function' ? map.get(KEY) : undefined;
  if (typeof text !== 'string') throw new Error('no such overload: expected a Quantity');
  const [num = '0', den = '1'] = text.split('/');
  return { num: BigInt(num), den: BigInt(den) };
}

function parseOrThrow(text: string): Quantity {
  const q = parseQuantity(text);
  // Same text as Go's resource.ErrFormatWrong, which the library returns as the CEL error.
  if (!q) throw new Error("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  return q;
}

function asInteger(q: Quantity): bigint {
  if (q.den !== 1n || q.num > MAX_INT64 || q.num < MIN_INT64) throw new Error('cannot convert value to integer');
  return q.num;
}

const Q = CelScalar.DYN;

/** The functions, ready for `celEnv({ funcs })`. */
export const KUBERNETES_FUNCS: readonly CelFunc[] = [
  celFunc('quantity', [CelScalar.STRING], Q, (s) => wrap(parseOrThrow(s))),
  celFunc('isQuantity', [CelScalar.STRING], CelScalar.BOOL, (s) => parseQuantity(s) !== undefined),
  celMethod('sign', Q, [], CelScalar.INT, function () {
    const q = unwrap(this);
    return q.num === 0n ? 0n : q.num > 0n ? 1n : -1n;
  }),
  celMethod('isInteger', Q, [], CelScalar.BOOL, function () {
    const q = unwrap(this);
    return q.den === 1n && q.num <= MAX_INT64 && q.num >= MIN_INT64;
  }),
  celMethod('asInteger', Q, [], CelScalar.INT, function () {
    return asInteger(unwrap(this));
  }),
  celMethod('asApproximateFloat', Q, [], CelScalar.DOUBLE, function () {
    const q = unwrap(this);
    return Number(q.num) / Number(q.den);
  }),
  celMethod('isGreaterThan', Q, [Q], CelScalar.BOOL, function (other) {
    return compareQuantities(unwrap(this), unwrap(other)) > 0;
  }),
  celMethod('isLessThan', Q, [Q], CelScalar.BOOL, function (other) {
    return compareQuantities(unwrap(this), unwrap(other)) < 0;
  }),
  celMethod('compareTo', Q, [Q], CelScalar.INT, function (other) {
    return BigInt(compareQuantities(unwrap(this), unwrap(other)));
  }),
  celMethod('add', Q, [Q], Q, function (other) {
    const o = typeof other === 'bigint' ? fraction(other, 1n) : unwrap(other);
    return wrap(addQuantities(unwrap(this), o));
  }),
  celMethod('sub', Q, [Q], Q, function (other) {
    const o = typeof other === 'bigint' ? fraction(other, 1n) : unwrap(other);
    return wrap(addQuantities(unwrap(this), { num: -o.num, den: o.den }));
  }),
];
