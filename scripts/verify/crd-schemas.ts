/**
 * Schemas of custom kinds: upstream CRDs read from the CRDs folder at run time (never copied into
 * the repo), loaded per API group on first use because some files are megabytes of YAML.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { parseAllDocuments } from 'yaml';
import { arr, rec } from './model.ts';

/** One served version of a CRD. */
export interface CrdVersion {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly schema: Record<string, unknown>;
}

const byFile = new Map<string, CrdVersion[]>();

/** The parsed documents of a CRD file, from a JSON copy cached by content (JSON parses ~5× faster than YAML). */
function crdDocuments(text: string): unknown[] {
  const cacheDir = process.env.VERIFY_CACHE_DIR ?? 'build/verify-cache';
  const file = join(cacheDir, `crd-${createHash('sha256').update(text).digest('hex').slice(0, 32)}.json`);
  if (existsSync(file)) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as unknown[];
    } catch {
      // a broken cache entry: parse the YAML again below
    }
  }
  let docs: unknown[];
  try {
    docs = loadAll(text);
  } catch {
    docs = parseAllDocuments(text).map((d) => d.toJS() as unknown);
  }
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(docs));
    renameSync(tmp, file);
  } catch {
    // read-only or full disk: the next run parses the YAML again
  }
  return docs;
}

/** Parses a CRD file: js-yaml is several times faster; `yaml` (YAML 1.2) when js-yaml fails. */
function parseCrdFile(path: string): CrdVersion[] {
  const cached = byFile.get(path);
  if (cached) return cached;
  const docs = crdDocuments(readFileSync(path, 'utf8'));
  const out: CrdVersion[] = [];
  for (const doc of docs) {
    const crd = rec(doc);
    if (crd.kind !== 'CustomResourceDefinition') continue;
    const spec = rec(crd.spec);
    const kind = String(rec(spec.names).kind);
    for (const v of arr(spec.versions).map(rec)) {
      if (v.served === false) continue;
      out.push({
        group: String(spec.group),
        version: String(v.name),
        kind,
        namespaced: spec.scope === 'Namespaced',
        schema: rec(rec(v.schema).openAPIV3Schema),
      });
    }
  }
  byFile.set(path, out);
  return out;
}

/**
 * The CRD versions of `group`/`kind` in `crdsDir`. Files are named `<group>_<plural>.yaml`, so the
 * file whose plural starts with the lower-cased kind is read first; the whole group only if needed.
 */
export function crdVersions(crdsDir: string, group: string, kind?: string): CrdVersion[] {
  const files = existsSync(crdsDir)
    ? readdirSync(crdsDir)
        .filter((f) => f.startsWith(`${group}_`) && /\.ya?ml$/.test(f))
        .sort()
    : [];
  if (kind) {
    // Shortest plural first: `applications` before `applicationsets` for kind Application.
    const likely = files
      .filter((f) => f.slice(group.length + 1).startsWith(kind.toLowerCase()))
      .sort((a, b) => a.length - b.length || a.localeCompare(b));
    for (const f of likely) {
      const hit = parseCrdFile(join(crdsDir, f)).filter((c) => c.kind === kind);
      if (hit.length > 0) return hit;
    }
  }
  return files.flatMap((f) => parseCrdFile(join(crdsDir, f))).filter((c) => !kind || c.kind === kind);
}

/**
 * A structural schema as strict JSON Schema for ajv: int-or-string becomes a oneOf, objects
 * with properties reject unknown fields unless `x-kubernetes-preserve-unknown-fields`, and
 * Kubernetes-only keywords are dropped.
 */
export function toJsonSchema(schema: unknown): Record<string, unknown> {
  const s = rec(schema);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) {
    if (k.startsWith('x-kubernetes-') || k === 'nullable' || k === 'format') continue;
    if (k === 'properties') out.properties = Object.fromEntries(Object.entries(rec(v)).map(([p, ps]) => [p, toJsonSchema(ps)]));
    else if (k === 'items') out.items = toJsonSchema(v);
    else if (k === 'additionalProperties') out.additionalProperties = typeof v === 'boolean' ? v : toJsonSchema(v);
    else if (k === 'allOf' || k === 'anyOf' || k === 'oneOf') out[k] = arr(v).map(toJsonSchema);
    else if (k === 'not') out.not = toJsonSchema(v);
    else out[k] = v;
  }
  if (s['x-kubernetes-int-or-string'] === true) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }, ...arr(out.anyOf)];
  }
  if (s.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  if (s.type === 'object' && out.properties && out.additionalProperties === undefined && !preserve) out.additionalProperties = false;
  return out;
}

/** A rule of `x-kubernetes-validations` found at `path` in an object. */
export interface CelRuleAt {
  readonly path: string;
  readonly value: unknown;
  readonly rule: string;
  readonly message?: string;
  readonly messageExpression?: string;
}

/** Every `x-kubernetes-validations` rule applicable to `value`, each with the node it binds `self` to. */
export function celRules(schema: unknown, value: unknown, path = ''): CelRuleAt[] {
  const s = rec(schema);
  if (value === undefined) return [];
  const out: CelRuleAt[] = [];
  for (const r of arr(s['x-kubernetes-validations']).map(rec)) {
    // Transition rules need the old object; on create they are skipped, as the API server does.
    if (typeof r.rule !== 'string' || r.rule.includes('oldSelf')) continue;
    out.push({
      path: path || '<root>',
      value,
      rule: r.rule,
      ...(typeof r.message === 'string' ? { message: r.message } : {}),
      ...(typeof r.messageExpression === 'string' ? { messageExpression: r.messageExpression } : {}),
    });
  }
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...celRules(s.items, item, `${path}[${i}]`)));
  else if (value !== null && typeof value === 'object') {
    const props = rec(s.properties);
    for (const [k, v] of Object.entries(value)) {
      const sub = props[k] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
      if (sub) out.push(...celRules(sub, v, path ? `${path}.${k}` : k));
    }
  }
  return out;
}
