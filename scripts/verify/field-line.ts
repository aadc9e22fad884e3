/**
 * Line numbers for findings: where a field path (`spec.template.spec.containers[0].ports[1].name`,
 * `metadata.labels[app.kubernetes.io/name]`) sits in a rendered YAML file, so a finding reads
 * `file:line: field: message`. Files are parsed only when a finding needs them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

/** Path segments of a field path: names, `[n]` indexes and `[key]` map keys. */
export function fieldSegments(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else out.push(/^\d+$/.test(m[2] ?? '') ? Number(m[2]) : (m[2] ?? ''));
  }
  return out;
}

/** The 1-based line of `field` in the YAML `text` (or of its nearest existing parent), or undefined. */
export function lineOf(text: string, field: string): number | undefined {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  let node: unknown = doc.contents;
  let offset: number | undefined = (doc.contents as Node | null)?.range?.[0];
  for (const seg of fieldSegments(field)) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => String((p.key as { value?: unknown } | null)?.value ?? p.key) === String(seg));
      if (pair) offset = (pair.key as Node | null)?.range?.[0] ?? offset;
      next = pair?.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      next = node.items[seg];
      offset = (next as Node | undefined)?.range?.[0] ?? offset;
    }
    if (next === undefined) break;
    node = next;
  }
  return offset === undefined ? undefined : counter.linePos(offset).line;
}

/** Resolves lines in the files of one run, reading each file once. */
export class FieldLines {
  private readonly texts = new Map<string, string | undefined>();

  /** The line of `field` in the file at `path`, or undefined when the file cannot be read. */
  line(path: string, field: string): number | undefined {
    if (!this.texts.has(path)) this.texts.set(path, existsSync(path) ? readFileSync(path, 'utf8') : undefined);
    const text = this.texts.get(path);
    return text === undefined ? undefined : lineOf(text, field);
  }
}

/** `file:line` (or `file` when the line is unknown) of `field` in `at`'s file, for objects of `model`. */
export function fileLocator(
  apps: readonly { env: string; app: string; dir: string }[],
): (at: { env: string; app: string; file: string }, field: string) => string {
  const dirs = new Map(apps.map((a) => [`${a.env}/${a.app}`, a.dir]));
  const lines = new FieldLines();
  return (at, field) => {
    const dir = dirs.get(`${at.env}/${at.app}`);
    const prefix = `${at.env}/${at.app}/`;
    const line = dir && at.file.startsWith(prefix) ? lines.line(`${dir}/${at.file.slice(prefix.length)}`, field) : undefined;
    return line === undefined ? at.file : `${at.file}:${line}`;
  };
}
