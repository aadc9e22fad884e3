/**
 * The lines describing one Application's change, shared by the terminal and Markdown renderers:
 * one-line summaries, `+ Kind/name`, `- Kind/name`, `~ Kind/name` (each with `(namespace x)` when
 * namespaced) with its field changes beneath.
 */
import type { AppDiff } from './compare.ts';
import { formatChangeLines } from './field-diff.ts';
import { objectRef } from './objects.ts';

/** One line about an object, with the field lines that belong under it. */
export interface Entry {
  readonly text: string;
  /** Lines printed as they are beneath `text`: field paths indented by four, line-diff lines starting with their marker. */
  readonly fields: readonly string[];
}

/** `prod/reconciliation-service` (or just `prod` for files directly under an environment). */
export function appPath(app: Pick<AppDiff, 'env' | 'app'>): string {
  return app.app ? `${app.env}/${app.app}` : app.env;
}

/**
 * The entries of `app`: changed objects first (summaries, then field lists), then added, then
 * removed. At most `maxFields` field lines per object, the rest counted in a final `…` line.
 */
export function appEntries(app: AppDiff, maxFields = Number.POSITIVE_INFINITY): Entry[] {
  const entries: Entry[] = [];
  for (const c of app.changed) {
    for (const line of c.summaries) entries.push({ text: line, fields: [] });
    if (c.fields.length === 0) continue;
    const shown = c.fields.slice(0, maxFields).flatMap((f) => {
      const [first = '', ...rest] = formatChangeLines(f);
      return [`    ${first}`, ...rest];
    });
    if (c.fields.length > maxFields) shown.push(`    … ${c.fields.length - maxFields} more field change(s)`);
    entries.push({ text: `~ ${objectRef(c.after)}`, fields: shown });
  }
  for (const o of app.added) entries.push({ text: `+ ${objectRef(o)}`, fields: [] });
  for (const o of app.removed) entries.push({ text: `- ${objectRef(o)}`, fields: [] });
  return entries;
}
