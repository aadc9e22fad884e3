import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { YamlCache } from '../../scripts/synth/yaml-cache.ts';
import { YAML_FORMAT, toStableYaml } from '../../scripts/synth/yaml.ts';

describe('YamlCache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yaml-cache-'));
  const file = join(dir, 'cache.json');
  afterEach(() => rmSync(file, { force: true }));

  it('gives exactly the bytes of toStableYaml, across runs', () => {
    const obj = { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'a' }, data: { b: '1', a: 'x: y' } };
    const first = new YamlCache(file);
    expect(first.serialize(obj)).toBe(toStableYaml(obj));
    first.save();
    expect(new YamlCache(file).serialize(obj)).toBe(toStableYaml(obj));
  });

  it('keeps only the entries the last run used', () => {
    const first = new YamlCache(file);
    first.serialize({ a: 1 });
    first.serialize({ b: 2 });
    first.save();
    const second = new YamlCache(file);
    second.serialize({ b: 2 });
    second.save();
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).entries)).toHaveLength(1);
  });

  it('ignores entries written with another serializer format', () => {
    // GIVEN a cache holding wrong YAML under the object's real key
    const key = createHash('sha1')
      .update(JSON.stringify({ a: 1 }))
      .digest('base64url');
    writeFileSync(file, JSON.stringify({ format: YAML_FORMAT, entries: { [key]: 'stale: true\n' } }));
    expect(new YamlCache(file).serialize({ a: 1 })).toBe('stale: true\n');
    // WHEN the same entries claim another format THEN the object is emitted afresh
    writeFileSync(file, JSON.stringify({ format: 'other', entries: { [key]: 'stale: true\n' } }));
    expect(new YamlCache(file).serialize({ a: 1 })).toBe('a: 1\n');
  });

  it('treats an unreadable cache as empty', () => {
    writeFileSync(file, '{not json');
    expect(new YamlCache(file).serialize({ a: 1 })).toBe('a: 1\n');
  });
});
