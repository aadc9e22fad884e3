/**
 * CRD schemas carry Go (RE2) patterns. RE2's inline `(?i)` is a flag in JavaScript: ajv compiles
 * patterns through this so such schemas load.
 */
export const goRegExp = Object.assign(
  (pattern: string, flags: string): RegExp =>
    pattern.includes('(?i)') ? new RegExp(pattern.replaceAll('(?i)', ''), `${flags}i`) : new RegExp(pattern, flags),
  { code: 'goRegExp' },
);
