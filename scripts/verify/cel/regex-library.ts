/**
 * The Kubernetes CEL regex library (k8s.io/apiserver/pkg/cel/library/regex.go): `find` and
 * `findAll` on strings. RE2 and JavaScript agree on the patterns these rules use (anchors,
 * classes, groups); go-regexp.ts translates the RE2-only syntax.
 */
import { goRegExp } from '../go-regexp.ts';
import type { CelLibrary } from './library.ts';

function findAll(s: string, re: string, n: bigint): string[] {
  const all: string[] = [];
  let previousEnd = -1;
  for (const m of s.matchAll(goRegExp(re, 'g'))) {
    // Go's regexp allMatches ignores an empty match abutting the previous one (accepted or not).
    const abutting = m[0] === '' && m.index === previousEnd;
    previousEnd = m.index + m[0].length;
    if (!abutting) all.push(m[0]);
  }
  return n < 0n ? all : all.slice(0, Number(n));
}

/** Registers the library. */
export const regexLibrary: CelLibrary = (env) => {
  env.registerFunction('string.find(string): string', (s: string, re: string) => goRegExp(re, '').exec(s)?.[0] ?? '');
  env.registerFunction('string.findAll(string): list<string>', (s: string, re: string) => findAll(s, re, -1n));
  env.registerFunction('string.findAll(string, int): list<string>', (s: string, re: string, n: bigint) => findAll(s, re, n));
};
