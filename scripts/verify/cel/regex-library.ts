/**
 * The Kubernetes CEL regex library (k8s.io/apiserver/pkg/cel/library/regex.go): `find` and
 * `findAll` on strings, which upstream CRDs (Karpenter) use in their validation rules. RE2 and
 * JavaScript agree on the patterns these rules use (anchors, classes, groups).
 */
import { CelScalar, celMethod, type CelFunc } from '@bufbuild/cel';
import { goRegExp } from '../go-regexp.ts';

/** `s.find(re)`: the first match, or '' when there is none. */
function find(s: string, re: string): string {
  return goRegExp(re, '').exec(s)?.[0] ?? '';
}

/** `s.findAll(re[, n])`: all matches (at most n when n >= 0). */
function findAll(s: string, re: string, n = -1n): string[] {
  const all = [...s.matchAll(goRegExp(re, 'g'))].map((m) => m[0]);
  return n < 0n ? all : all.slice(0, Number(n));
}

/** The functions, ready for `celEnv({ funcs })`. */
export const REGEX_FUNCS: readonly CelFunc[] = [
  celMethod('find', CelScalar.STRING, [CelScalar.STRING], CelScalar.STRING, function (re) {
    return find(this as string, re);
  }),
  celMethod('findAll', CelScalar.STRING, [CelScalar.STRING], CelScalar.DYN, function (re) {
    return findAll(this as string, re);
  }),
  celMethod('findAll', CelScalar.STRING, [CelScalar.STRING, CelScalar.INT], CelScalar.DYN, function (re, n) {
    return findAll(this as string, re, n);
  }),
];
