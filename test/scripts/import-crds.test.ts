/**
 * `npm run import` with cdk8s import replaced by a stand-in that behaves like it: writes classes
 * into the output folder and rewrites cdk8s.yaml (without its comments, naming the bundle).
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IMPORTED_CRDS, importCrds } from '../../scripts/import-crds.ts';

const CONFIG = '# a comment people wrote\nlanguage: typescript\napp: node_modules/.bin/tsx cdk8s-main.ts\n';
let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

function workspace(): { cwd: string; crdsDir: string } {
  root = mkdtempSync(join(tmpdir(), 'import-crds-'));
  const cwd = join(root, 'repo');
  const crdsDir = join(root, 'crds');
  mkdirSync(join(cwd, 'imports'), { recursive: true });
  mkdirSync(crdsDir);
  writeFileSync(join(cwd, 'cdk8s.yaml'), CONFIG);
  writeFileSync(join(cwd, 'imports', 'old.ts'), '// old\n');
  for (const file of IMPORTED_CRDS) writeFileSync(join(crdsDir, file), `# ${file}\n`);
  return { cwd, crdsDir };
}

/** Does what cdk8s import does to the files this test looks at. */
function fakeImport(bundle: string, output: string, cwd: string): void {
  mkdirSync(join(cwd, output), { recursive: true });
  writeFileSync(join(cwd, output, 'new.ts'), `// from ${readFileSync(bundle, 'utf8').split('\n---\n').length} CRDs\n`);
  writeFileSync(join(cwd, 'cdk8s.yaml'), `language: typescript\nimports:\n  - ${bundle}\n`);
}

describe('npm run import', () => {
  it('regenerates imports/ and leaves cdk8s.yaml byte-for-byte as it was', () => {
    const { cwd, crdsDir } = workspace();
    const result = importCrds([], { cwd, crdsDir, cdk8sImport: fakeImport });
    expect(result).toEqual({ exitCode: 0, out: [`imports/ regenerated from ${IMPORTED_CRDS.length} CRDs in ${crdsDir}`], err: [] });
    expect(readFileSync(join(cwd, 'cdk8s.yaml'), 'utf8')).toBe(CONFIG);
    expect(readdirSync(join(cwd, 'imports'))).toEqual(['new.ts']);
    expect(readdirSync(cwd).sort()).toEqual(['cdk8s.yaml', 'imports']);
  });

  it('fails with exit 2 and keeps imports/ and cdk8s.yaml when cdk8s import fails', () => {
    const { cwd, crdsDir } = workspace();
    const result = importCrds([], {
      cwd,
      crdsDir,
      cdk8sImport: (bundle, output, dir) => {
        fakeImport(bundle, output, dir);
        throw new Error('boom');
      },
    });
    expect(result).toEqual({ exitCode: 2, out: [], err: ['import: cdk8s import failed: boom'] });
    expect(readdirSync(join(cwd, 'imports'))).toEqual(['old.ts']);
    expect(readFileSync(join(cwd, 'cdk8s.yaml'), 'utf8')).toBe(CONFIG);
    expect(readdirSync(cwd).sort()).toEqual(['cdk8s.yaml', 'imports']);
  });

  it('fails with exit 2 naming a missing CRD file, before touching anything', () => {
    const { cwd, crdsDir } = workspace();
    rmSync(join(crdsDir, IMPORTED_CRDS[0]));
    const result = importCrds([], { cwd, crdsDir, cdk8sImport: fakeImport });
    expect(result).toEqual({ exitCode: 2, out: [], err: [`import: ${join(crdsDir, IMPORTED_CRDS[0])}: no such CRD file (set CRDS_DIR)`] });
    expect(readdirSync(join(cwd, 'imports'))).toEqual(['old.ts']);
  });
});
