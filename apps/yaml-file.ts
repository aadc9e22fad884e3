/**
 * Reads a YAML file and validates it with a zod schema, mapping every zod issue back to the
 * file, dotted path and line of the offending field.
 */
import { readFileSync } from 'node:fs';
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

/** Reads and validates one YAML file. */
export function readYaml<S extends z.ZodType>(file: string, schema: S, displayName = file): Parsed<z.infer<S>> {
  return parseYaml(displayName, readFileSync(file, 'utf8'), schema);
}

/** A message for a zod issue that says what was expected and what was received. */
function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) return 'is required';
  return issue.message;
}
