/**
 * Field-level diff of two parsed objects: dotted paths with old → new. Lists whose items all carry
 * a distinct `name` (containers, env, ports, volumes) are matched by name, so inserting one env var
 * is one added entry instead of every later index "changing"; lists of distinct scalars report the
 * values that joined or left; any other list holding objects (NetworkPolicy `egress`, AppProject
 * `destinations`, PrometheusRule `rules`) is one change shown as a line diff of its YAML, as are
 * multi-line and long strings (see line-diff.ts).
 */
import { lineDiff, linesOf, needsLines, wholeValue } from './line-diff.ts';

/** One step of a path: a map key, a named list item (`[name]`) or a list index (`[0]`). */
export type PathSegment = { readonly key: string } | { readonly item: string } | { readonly index: number };

/** One differing field. `before` is absent for an added field, `after` for a removed one. */
export interface FieldChange {
  readonly path: readonly PathSegment[];
  readonly before?: unknown;
  readonly after?: unknown;
  readonly op: 'added' | 'removed' | 'changed';
}

type Json = Record<string, unknown>;
const isMap = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

function named(list: readonly unknown[]): Map<string, unknown> | undefined {
  const byName = new Map<string, unknown>();
  for (const item of list) {
    const name = isMap(item) ? item.name : undefined;
    if (typeof name !== 'string' || byName.has(name)) return undefined;
    byName.set(name, item);
  }
  return byName;
}

/** Every field that differs between `before` and `after`, in document order. */
export function diffFields(before: unknown, after: unknown, path: readonly PathSegment[] = []): FieldChange[] {
  if (isMap(before) && isMap(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => {
      const at = [...path, { key }];
      if (!(key in after)) return [{ path: at, before: before[key], op: 'removed' as const }];
      if (!(key in before)) return [{ path: at, after: after[key], op: 'added' as const }];
      return diffFields(before[key], after[key], at);
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const b = named(before);
    const a = named(after);
    if (b && a && (b.size > 0 || a.size > 0)) {
      const names = [...new Set([...b.keys(), ...a.keys()])];
      return names.flatMap((item) => {
        const at = [...path, { item }];
        if (!a.has(item)) return [{ path: at, before: b.get(item), op: 'removed' as const }];
        if (!b.has(item)) return [{ path: at, after: a.get(item), op: 'added' as const }];
        return diffFields(b.get(item), a.get(item), at);
      });
    }
    // Sets of scalars (sourceRepos, finalizers, syncOptions): name what joined or left.
    const scalars = (l: readonly unknown[]): boolean => l.every((v) => v === null || typeof v !== 'object') && new Set(l).size === l.length;
    if (scalars(before) && scalars(after)) {
      const gone = before.filter((v) => !after.includes(v));
      const come = after.filter((v) => !before.includes(v));
      if (gone.length + come.length > 0) {
        return [
          ...gone.map((v) => ({ path, before: v, op: 'removed' as const })),
          ...come.map((v) => ({ path, after: v, op: 'added' as const })),
        ];
      }
    }
    const structured = (l: readonly unknown[]): boolean => l.some((v) => v !== null && typeof v === 'object');
    if (!structured(before) && !structured(after) && before.length === after.length)
      return before.flatMap((item, index) => diffFields(item, after[index], [...path, { index }]));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path, before, after, op: 'changed' }];
}

/** `spec.template.spec.containers[api].image`. */
export function formatPath(path: readonly PathSegment[]): string {
  return path.map((s, i) => ('key' in s ? (i === 0 ? s.key : `.${s.key}`) : 'item' in s ? `[${s.item}]` : `[${s.index}]`)).join('');
}

/** A value on one line: scalars as YAML would show them, structures as compact JSON, long ones cut. */
export function formatValue(value: unknown, max = 120): string {
  const text =
    typeof value === 'string'
      ? value === '' || /^\s|\s$|^[\d.]+$|^(true|false|null)$/.test(value)
        ? JSON.stringify(value)
        : value
      : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `path: old → new`, `path: + value` or `path: - value`. */
export function formatChange(change: FieldChange): string {
  const path = formatPath(change.path) || '(object)';
  if (change.op === 'added') return `${path}: + ${formatValue(change.after)}`;
  if (change.op === 'removed') return `${path}: - ${formatValue(change.before)}`;
  return `${path}: ${formatValue(change.before)} → ${formatValue(change.after)}`;
}

/**
 * A change as the reviewer reads it: {@link formatChange}'s one line when the values fit on it;
 * otherwise `path:` (or `path: +` / `path: -`) followed by line-diff lines whose first column is
 * the `+`/`-`/` ` marker, for structures, multi-line strings and strings over 120 characters.
 */
export function formatChangeLines(change: FieldChange): string[] {
  const path = formatPath(change.path) || '(object)';
  if (change.op === 'added') return needsLines(change.after) ? [`${path}: +`, ...wholeValue('+', change.after)] : [formatChange(change)];
  if (change.op === 'removed')
    return needsLines(change.before) ? [`${path}: -`, ...wholeValue('-', change.before)] : [formatChange(change)];
  const lists = Array.isArray(change.before) && Array.isArray(change.after);
  const strings = typeof change.before === 'string' && typeof change.after === 'string';
  if ((lists || strings) && (needsLines(change.before) || needsLines(change.after)))
    return [`${path}:`, ...lineDiff(linesOf(change.before), linesOf(change.after))];
  return [formatChange(change)];
}
