/**
 * Argo CD's glob as AppProject destinations and resource lists use it (argo-cd util/glob Match):
 * `*` matches any run of characters; everything else is literal.
 */

const compiled = new Map<string, RegExp>();

/** Whether `value` matches the Argo CD glob `pattern` (each pattern compiled once). */
export function argoGlob(pattern: string, value: string): boolean {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(
      `^${pattern
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    compiled.set(pattern, re);
  }
  return re.test(value);
}
