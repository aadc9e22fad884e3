/**
 * Add-on pins versus `<crdsDir>/versions.json`, which names the chart version each upstream CRD
 * file belongs to. verify validates custom resources against those files only, so an add-on that
 * installs its CRDs must be pinned at exactly that chart version.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogAddon } from './catalog.ts';
import type { CatalogIssue } from './issues.ts';

/** The fields of one versions.json entry this check reads. */
interface CrdSource {
  readonly addon: string;
  readonly chart: string;
  readonly chartVersion: string;
}

/** Every pin that disagrees with versions.json, naming both (empty when the file is absent). */
export function addonPinIssues(addons: readonly CatalogAddon[], crdsDir: string): CatalogIssue[] {
  const path = join(crdsDir, 'versions.json');
  if (!existsSync(path)) return [];
  const sources = JSON.parse(readFileSync(path, 'utf8')) as CrdSource[];
  const issues: CatalogIssue[] = [];
  for (const source of sources) {
    const addon = addons.find((a) => a.spec.name === source.addon);
    if (!addon || addon.spec.chart.version === source.chartVersion) continue;
    issues.push({
      file: addon.file,
      path: 'chart.version',
      message: `"${addon.spec.chart.version}" differs from ${path}: its ${source.chart} CRD schemas are chart version ${source.chartVersion}`,
    });
  }
  return issues;
}
