/**
 * CRD files are read through a JSON copy cached by content: the same versions either way, and a
 * broken cache entry only costs a YAML parse.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crdVersions } from '../../scripts/verify/crd-schemas.ts';
import { CRDS_DIR } from './fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'crd-cache-'));
const previous = process.env.VERIFY_CACHE_DIR;
afterAll(() => {
  if (previous === undefined) delete process.env.VERIFY_CACHE_DIR;
  else process.env.VERIFY_CACHE_DIR = previous;
  rmSync(dir, { recursive: true, force: true });
});

/** A folder holding one upstream CRD file (a new path each time: the per-process memo is by path). */
function crdFolder(name: string): string {
  const folder = join(dir, name);
  mkdirSync(folder);
  copyFileSync(join(CRDS_DIR, 'argoproj.io_applications.yaml'), join(folder, 'argoproj.io_applications.yaml'));
  return folder;
}

describe('crdVersions with the JSON cache', () => {
  it('reads the same versions from the YAML and from its cached JSON, and ignores a broken entry', () => {
    process.env.VERIFY_CACHE_DIR = join(dir, 'cache');
    const fromYaml = crdVersions(crdFolder('a'), 'argoproj.io', 'Application');
    const cached = readdirSync(join(dir, 'cache')).filter((f) => f.startsWith('crd-'));
    expect(cached).toHaveLength(1);
    expect(crdVersions(crdFolder('b'), 'argoproj.io', 'Application')).toEqual(fromYaml);
    writeFileSync(join(dir, 'cache', cached[0]!), '{ not json');
    expect(crdVersions(crdFolder('c'), 'argoproj.io', 'Application')).toEqual(fromYaml);
    expect(fromYaml.map((v) => `${v.kind} ${v.version}`)).toEqual(['Application v1alpha1']);
  });
});
