/**
 * Reads a YAML file and validates it with a zod schema, mapping every zod issue back to the
 * file, dotted path and line of the offending field.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';
import { load } from 'js-yaml';
import type { Document, LineCounter as LineCounterType } from 'yaml';
import type { z } from 'zod';
import type { CatalogIssue } from './issues.ts';

/** The result of reading one file: the value, or the issues that stop it being used. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: CatalogIssue[] };

// `yaml` keeps source positions; it is loaded only when a file is invalid (it costs startup time).
const require = createRequire(import.meta.url);
const precise = (): typeof import('yaml') => require('yaml') as typeof import('yaml');

/** Line (1-based) of the node at `path`, or of its closest existing parent. */
function lineOf(doc: Document, counter: LineCounterType, path: readonly PropertyKey[]): number | undefined {
  const { isNode } = precise();
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

/** Joins a zod path as `a.b[2].c`. */
export function dottedPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc === '' ? String(key) : `${acc}.${String(key)}`),
    '',
  );
}

/** Parses YAML text (read from `file`) and validates it against `schema`. */
export function parseYaml<S extends z.ZodType>(file: string, text: string, schema: S): Parsed<z.infer<S>> {
  // Fast path: js-yaml parses valid files several times faster than `yaml`, whose source
  // positions are only needed to point at an error.
  try {
    const result = schema.safeParse(load(text));
    if (result.success) return { ok: true, value: result.data };
  } catch {
    // fall through: the precise parser below reports the syntax error with its line
  }
  const { LineCounter, parseDocument } = precise();
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => ({
        file,
        path: '',
        line: counter.linePos(e.pos[0]).line,
        message: `YAML syntax: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  const result = schema.safeParse(doc.toJS());
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => {
      // zod reports unknown keys on the parent object: point at the key itself.
      const path = issue.code === 'unrecognized_keys' && issue.keys.length === 1 ? [...issue.path, issue.keys[0] as string] : issue.path;
      return { file, path: dottedPath(path), line: lineOf(doc, counter, path), message: describe(issue) };
    }),
  };
}

// Decoding with `fatal` throws on the first ill-formed sequence instead of substituting U+FFFD
// (WHATWG Encoding "decode" with error mode "fatal", as Node's TextDecoder implements it).
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a file's bytes as UTF-8, or reports the line of the first invalid byte. Node's
 * `readFileSync(path, 'utf8')` would silently replace it with U+FFFD and render that.
 */
export function decodeUtf8(file: string, bytes: Uint8Array): Parsed<string> {
  try {
    return { ok: true, value: strictUtf8.decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
    const hex = [...bytes.subarray(at, at + 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    return { ok: false, issues: [{ file, path: '', line, message: `invalid UTF-8 at byte ${at} (${hex}): save the file as UTF-8` }] };
  }
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    // Well-formed sequences per the Unicode Standard, table 3-7 (no overlongs, no surrogates, <= U+10FFFF).
    const [n, lo, hi] =
      b < 0x80
        ? [1, 0, 0]
        : b >= 0xc2 && b <= 0xdf
          ? [2, 0x80, 0xbf]
          : b === 0xe0
            ? [3, 0xa0, 0xbf]
            : b === 0xed
              ? [3, 0x80, 0x9f]
              : b >= 0xe1 && b <= 0xef
                ? [3, 0x80, 0xbf]
                : b === 0xf0
                  ? [4, 0x90, 0xbf]
                  : b >= 0xf1 && b <= 0xf3
                    ? [4, 0x80, 0xbf]
                    : b === 0xf4
                      ? [4, 0x80, 0x8f]
                      : [0, 0, 0];
    if (n === 0 || i + n > bytes.length) return i;
    if (n > 1 && (bytes[i + 1]! < lo || bytes[i + 1]! > hi)) return i;
    for (let k = 2; k < n; k++) if (bytes[i + k]! < 0x80 || bytes[i + k]! > 0xbf) return i;
    i += n;
  }
  return bytes.length;
}

/** Reads a text file strictly as UTF-8 (see {@link decodeUtf8}). */
export function readUtf8(path: string, displayName = path): Parsed<string> {
  return decodeUtf8(displayName, readFileSync(path));
}

/** Reads and validates one YAML file. */
export function readYaml<S extends z.ZodType>(file: string, schema: S, displayName = file): Parsed<z.infer<S>> {
  const text = readUtf8(file, displayName);
  return text.ok ? parseYaml(displayName, text.value, schema) : text;
}

/** Splits a dotted path (`a.b[2].c`) back into keys; keys holding dots cannot be told apart. */
function splitPath(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return [...keys, part];
    if (m[1]) keys.push(m[1]);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) keys.push(Number(idx[1]));
  }
  return keys;
}

/**
 * The 1-based line of `path` (dotted, as in issues) in a YAML or JSON text, or of its closest
 * existing parent; undefined when the text does not parse. Used for issues found after parsing
 * (rules across files, Terraform outputs, kustomizations), which carry no position.
 */
export function lineOfPath(text: string, path: string): number | undefined {
  const { LineCounter, parseDocument } = precise();
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) return undefined;
  return path === '' ? undefined : lineOf(doc, counter, splitPath(path));
}

/** A message for a zod issue that says what was expected and what was received. */
function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) return 'is required';
  return issue.message;
}

/**
 * Adds the line to every issue that has a field path but no line, by locating the path in its
 * file (`file` is resolved against `cwd`). Files that are missing or do not parse stay without.
 */
export function withLines(issues: readonly CatalogIssue[], cwd: string): CatalogIssue[] {
  const texts = new Map<string, string | undefined>();
  const textOf = (file: string): string | undefined => {
    if (!texts.has(file)) {
      let text: string | undefined;
      try {
        const read = readUtf8(resolve(cwd, file));
        text = read.ok ? read.value : undefined;
      } catch {
        text = undefined;
      }
      texts.set(file, text);
    }
    return texts.get(file);
  };
  const locate = (file: string, path: string): number | undefined => {
    const text = path === '' ? undefined : textOf(file);
    return text === undefined ? undefined : lineOfPath(text, path);
  };
  return issues.map((issue) => {
    const line = issue.line ?? locate(issue.file, issue.path);
    const r = issue.related;
    const related = r && r.line === undefined ? { ...r, line: locate(r.file, r.path) } : r;
    return {
      ...issue,
      ...(line === undefined ? {} : { line }),
      ...(related ? { related: related.line === undefined ? { file: related.file, path: related.path } : related } : {}),
    };
  });
}
