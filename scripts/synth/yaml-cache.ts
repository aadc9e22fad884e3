/**
 * Memoises object → YAML across synth runs, keyed by a hash of the object's JSON. Emitting YAML is
 * the largest cost of a synth in which little changed; the same object always gives the same YAML,
 * so a content-addressed cache cannot go stale. Only the entries a run used are kept.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { YAML_FORMAT, toStableYaml } from './yaml.ts';

/** A YAML memo persisted in one JSON file (under build/, never committed). */
export class YamlCache {
  private readonly previous: ReadonlyMap<string, string>;
  private readonly used = new Map<string, string>();

  public constructor(private readonly file: string) {
    let entries: Record<string, string> = {};
    try {
      const saved = existsSync(file)
        ? (JSON.parse(readFileSync(file, 'utf8')) as { format?: string; entries?: Record<string, string> })
        : {};
      // A different serializer or option set means different bytes: start afresh.
      if (saved.format === YAML_FORMAT && saved.entries) entries = saved.entries;
    } catch {
      // an unreadable cache is an empty one
    }
    this.previous = new Map(Object.entries(entries));
  }

  /** The stable YAML of `value`, from the cache when this exact object was emitted before. */
  public readonly serialize = (value: unknown): string => {
    const key = createHash('sha1').update(JSON.stringify(value)).digest('base64url');
    const yaml = this.used.get(key) ?? this.previous.get(key) ?? toStableYaml(value);
    this.used.set(key, yaml);
    return yaml;
  };

  /** Writes the entries this run used, replacing the file (never a half-written cache, and a hard-linked copy keeps its own). */
  public save(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ format: YAML_FORMAT, entries: Object.fromEntries(this.used) }));
    renameSync(tmp, this.file);
  }
}
