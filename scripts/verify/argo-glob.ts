/**
 * Argo CD's glob as AppProject destinations and resource lists use it (argo-cd util/glob Match):
 * `*` matches any run of characters; everything else is literal.
 */

/** Whether `value` matches the Argo CD glob `pattern`. */
export function argoGlob(pattern: string, value: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(value);
}
