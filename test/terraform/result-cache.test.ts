/**
 * The Terraform result cache keys on everything a root reads: a change in a sourced module or in a
 * file() it reads changes the digest; a path it cannot resolve falls back to the whole folder; a
 * result is only read back for the same digest.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/tf-cli.ts';
import { cacheEnabled, digestOf, inputsOf, readCached, rootDigest, writeCached } from './result-cache.ts';

const tf = mkdtempSync(join(tmpdir(), 'fintrack-tf-cache-'));
afterAll(() => {
  rmSync(tf, { recursive: true, force: true });
  rmSync(join(repoRoot, 'build', 'terraform-cache', 'result-cache-test.json'), { force: true });
});

function write(file: string, text: string): void {
  mkdirSync(join(tf, file, '..'), { recursive: true });
  writeFileSync(join(tf, file), text);
}

write('modules/leaf/main.tf', 'resource "x" "y" {}\n');
write('modules/mid/main.tf', 'module "leaf" {\n  source = "../leaf"\n}\n');
write('environments/prod/main.tf', 'module "mid" {\n  source = "../../modules/mid"\n}\nlocals {\n  c = jsondecode(file("catalog.json"))\n}\n');
write('environments/prod/catalog.json', '{"services":[]}\n');
write('environments/prod/tests/prod.tftest.hcl', 'run "x" {\n  command = plan\n}\n');
write('modules/other/main.tf', 'resource "z" "z" {}\n');

describe('terraform result cache', () => {
  it('lists the root, its tests, the modules it sources transitively and the files it reads, nothing else', () => {
    const files = inputsOf(join(tf, 'environments/prod'))!.map((f) => f.slice(tf.length + 1));
    expect(files).toEqual([
      'environments/prod/catalog.json',
      'environments/prod/main.tf',
      'environments/prod/tests/prod.tftest.hcl',
      'modules/leaf/main.tf',
      'modules/mid/main.tf',
    ]);
  });

  it('changes the digest when a transitively sourced module or a read file changes, not when an unrelated one does', () => {
    const root = join(tf, 'environments/prod');
    const before = rootDigest(root, tf);
    write('modules/other/main.tf', 'resource "z" "changed" {}\n');
    expect(rootDigest(root, tf)).toBe(before);
    write('modules/leaf/main.tf', 'resource "x" "changed" {}\n');
    const afterLeaf = rootDigest(root, tf);
    expect(afterLeaf).not.toBe(before);
    write('environments/prod/catalog.json', '{"services":["a"]}\n');
    expect(rootDigest(root, tf)).not.toBe(afterLeaf);
  });

  it('gives up on listing inputs when a file() path is not static', () => {
    write('modules/dyn/main.tf', 'locals {\n  x = file("${var.name}.json")\n}\n');
    expect(inputsOf(join(tf, 'modules/dyn'))).toBeUndefined();
  });

  it('reads a stored result back only for the same digest (and never in CI)', () => {
    const digest = digestOf([join(tf, 'modules/leaf/main.tf')], tf, ['test']);
    writeCached('result-cache-test', digest, 'Success! 1 passed, 0 failed.');
    expect(readCached('result-cache-test', `${digest}x`)).toBeUndefined();
    expect(readCached('result-cache-test', digest)).toBe(cacheEnabled ? 'Success! 1 passed, 0 failed.' : undefined);
  });
});
