/**
 * The Kubernetes CEL lists library (k8s.io/apiserver/pkg/cel/library/lists.go): `isSorted`,
 * `sum`, `min`, `max`, `indexOf`, `lastIndexOf` (and `includes`, lists version 1).
 */
import { celError, type CelLibrary } from './library.ts';
import { celCompare, celEquals } from './values.ts';

// lists.go isSorted: false as soon as an element compares greater than its successor.
function isSorted(list: unknown[]): boolean {
  return list.every((x, i) => i === 0 || celCompare(list[i - 1], x) <= 0);
}

// lists.go sum: the zero of the element type for an empty list (int 0 without a type).
function sum(list: unknown[]): unknown {
  if (list.length === 0) return 0n;
  if (list.every((x) => typeof x === 'bigint')) return (list as bigint[]).reduce((a, b) => a + b, 0n);
  if (list.every((x) => typeof x === 'number')) return (list as number[]).reduce((a, b) => a + b, 0);
  throw celError('no such overload');
}

// lists.go cmp: keeps the first of equal elements; an empty list is an error.
function extreme(name: string, sign: number): (list: unknown[]) => unknown {
  return (list) => {
    if (list.length === 0) throw celError(`${name} called on empty list`);
    return list.reduce((best, x) => (celCompare(best, x) === sign ? x : best));
  };
}

/** Registers the library. */
export const listsLibrary: CelLibrary = (env) => {
  env.registerFunction('list.isSorted(): bool', isSorted);
  env.registerFunction('list.sum(): dyn', sum);
  env.registerFunction('list.min(): dyn', extreme('min', 1));
  env.registerFunction('list.max(): dyn', extreme('max', -1));
  env.registerFunction('list.indexOf(dyn): int', (list: unknown[], x: unknown) => BigInt(list.findIndex((y) => celEquals(y, x))));
  env.registerFunction('list.lastIndexOf(dyn): int', (list: unknown[], x: unknown) => BigInt(list.findLastIndex((y) => celEquals(y, x))));
  env.registerFunction('list.includes(dyn): bool', (list: unknown[], x: unknown) => list.some((y) => celEquals(y, x)));
};
