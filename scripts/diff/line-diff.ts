/**
 * Line diffs for values a one-line `old → new` cannot show: lists of objects (NetworkPolicy
 * `egress`, AppProject `destinations`, PrometheusRule `rules`) as YAML, and multi-line or long
 * strings (dashboard JSON in ConfigMap data, PromQL). The diff itself comes from jsdiff; this file
 * only lays its hunks out as lines a `diff` code block colours: the marker in column 0.
 */
import { dump } from 'js-yaml';
import { structuredPatch } from 'diff';

/** Indentation after the marker, so hunk text sits beneath the field path it belongs to. */
const PAD = '      ';

/** Longest string shown whole on one line; longer ones are shown as a line diff. */
export const MAX_INLINE = 120;

/** Whether `value` reads better as lines than as one `old → new` (structures, multi-line or long strings). */
export function needsLines(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\n') || value.length > MAX_INLINE;
  return value !== null && typeof value === 'object' && Object.keys(value).length > 0;
}

/** The text a value is diffed as: strings as they are, anything else as block YAML in document order. */
export function linesOf(value: unknown): string {
  const text = typeof value === 'string' ? value : dump(value, { lineWidth: -1, noRefs: true });
  return text.endsWith('\n') ? text : `${text}\n`;
}

/**
 * The changed lines between `before` and `after` with `context` unchanged lines around each hunk,
 * hunks separated by a `…` line; at most `max` lines, the rest counted.
 */
export function lineDiff(before: string, after: string, context = 3, max = 60): string[] {
  const patch = structuredPatch('before', 'after', before, after, undefined, undefined, { context });
  const out: string[] = [];
  patch.hunks.forEach((hunk, i) => {
    if (i > 0) out.push(` ${PAD}…`);
    // `\ No newline at end of file` markers cannot occur: linesOf ends every text with one.
    for (const line of hunk.lines) out.push(`${line.slice(0, 1)}${PAD}${line.slice(1)}`);
  });
  if (out.length <= max) return out;
  const hidden = out.slice(max).filter((l) => l.startsWith('+') || l.startsWith('-')).length;
  return [...out.slice(0, max), ` ${PAD}… ${hidden} more changed line(s)`];
}

/** Every line of `value` marked as added (`+`) or removed (`-`); at most `max` lines. */
export function wholeValue(marker: '+' | '-', value: unknown, max = 60): string[] {
  const lines = linesOf(value).replace(/\n$/, '').split('\n');
  const shown = lines.slice(0, max).map((l) => `${marker}${PAD}${l}`);
  return lines.length > max ? [...shown, ` ${PAD}… ${lines.length - max} more line(s)`] : shown;
}
