/**
 * Add-ons that install CRDs are pinned at exactly the chart version whose CRD files verify uses
 * (`<crdsDir>/versions.json`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addonPinIssues } from '../../apps/addon-pins.ts';
import { loadCatalog } from '../../apps/catalog.ts';
import { formatIssue } from '../../apps/issues.ts';
import { CRDS_DIR } from '../verify/fixtures.ts';

const catalog = loadCatalog();

describe('add-on pins', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'pins-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('equal the chart versions of versions.json', () => {
    expect(addonPinIssues(catalog.addons, CRDS_DIR).map(formatIssue)).toEqual([]);
  });

  it('fails a pin that differs, naming both versions', () => {
    // GIVEN a versions.json naming another version of a pinned chart
    const addon = catalog.addons[0]!;
    writeFileSync(
      join(scratch, 'versions.json'),
      JSON.stringify([{ addon: addon.spec.name, chart: addon.spec.chart.chart, chartVersion: '0.0.1' }]),
    );
    // WHEN checked THEN the add-on file and both versions are named
    expect(addonPinIssues(catalog.addons, scratch).map(formatIssue)).toEqual([
      `${addon.file}: chart.version: "${addon.spec.chart.version}" differs from ${join(scratch, 'versions.json')}: its ${addon.spec.chart.chart} CRD schemas are chart version 0.0.1`,
    ]);
  });
});
