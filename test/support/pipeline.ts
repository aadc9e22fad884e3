/**
 * The synth pipeline up to the point where it would write, run in-process on a catalog folder:
 * load, render, and (when a dist/ is given) plan. Returns every error as synth prints it, so
 * bad-input tests need no dist/ copy and no process.
 */
import { relative, resolve } from 'node:path';
import { loadCatalog } from '../../apps/catalog.ts';
import { CatalogError, formatIssue, type CatalogIssue } from '../../apps/issues.ts';
import { withLines } from '../../apps/yaml-file.ts';
import { planDist } from '../../scripts/synth/dist-writer.ts';
import { objectLimitIssues } from '../../scripts/synth/object-limits.ts';
import { renderCatalog } from '../../scripts/synth/render.ts';

/** Errors synth would print for the catalog under `cwd`/apps (and `cwd`/dist when `dist`). */
export function pipelineErrors(cwd: string, options: { dist?: boolean } = {}): string[] {
  const show = (issues: readonly CatalogIssue[]): string[] =>
    withLines(issues, cwd).map((i) => formatIssue({ ...i, file: relative(cwd, resolve(cwd, i.file)) }));
  let catalog;
  try {
    catalog = loadCatalog({ root: resolve(cwd, 'apps'), cwd });
  } catch (e) {
    if (e instanceof CatalogError) return show(e.issues);
    throw e;
  }
  const rendered = renderCatalog(catalog);
  if (rendered.issues.length > 0) return show(rendered.issues);
  const tooLarge = objectLimitIssues(catalog, rendered.apps);
  if (tooLarge.length > 0) return show(tooLarge);
  if (!options.dist) return [];
  return show(planDist(resolve(cwd, 'dist'), rendered.apps).issues);
}
