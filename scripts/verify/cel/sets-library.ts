/**
 * The CEL sets extension Kubernetes enables (cel-go ext/sets.go, registered in
 * k8s.io/apiserver/pkg/cel/environment/base.go): `sets.contains`, `sets.equivalent`,
 * `sets.intersects`, with CEL equality (so `sets.contains([1], [1.0])` is true).
 */
import { registerNamespace, type CelLibrary } from './library.ts';
import { celEquals } from './values.ts';

function contains(list: unknown[], sub: unknown[]): boolean {
  return sub.every((x) => list.some((y) => celEquals(x, y)));
}

/** Registers the library. */
export const setsLibrary: CelLibrary = (env) => {
  registerNamespace(env, 'sets', 'SetsNamespace');
  env.registerFunction('SetsNamespace.contains(list, list): bool', (_: unknown, a: unknown[], b: unknown[]) => contains(a, b));
  env.registerFunction(
    'SetsNamespace.equivalent(list, list): bool',
    (_: unknown, a: unknown[], b: unknown[]) => contains(a, b) && contains(b, a),
  );
  env.registerFunction('SetsNamespace.intersects(list, list): bool', (_: unknown, a: unknown[], b: unknown[]) =>
    a.some((x) => b.some((y) => celEquals(x, y))),
  );
};
