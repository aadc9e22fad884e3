/**
 * Terminal rendering: one line per change, each prefixed with `env/app:` so the output greps well
 * and groups by environment then Application; field changes indented beneath their object.
 */
import { appEntries, appPath } from './app-lines.ts';
import type { DiffReport } from './compare.ts';

/** The report as lines; `[]` when nothing changed. */
export function renderText(report: DiffReport): string[] {
  const lines: string[] = [];
  for (const env of report.envs) {
    for (const app of env.apps) {
      for (const entry of appEntries(app)) {
        lines.push(`${appPath(app)}: ${entry.text}`);
        lines.push(...entry.fields);
      }
    }
  }
  return lines;
}
