/**
 * Compiled JSON-schema validators, cached on disk by content. Compiling the big upstream CRD
 * schemas (Application, AlertmanagerConfig, ClusterSecretStore, …) with ajv is most of verify's
 * time; ajv's standalone code generation turns each compiled validator into a CommonJS module
 * that later runs load in milliseconds. The key hashes the schema, the ajv version and this
 * file's format, so a changed CRD or a new ajv compiles afresh; a broken cache entry is ignored.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { goRegExp } from './go-regexp.ts';

/** A compiled validator (ajv's shape). */
export type Validator = ((data: unknown) => boolean) & {
  errors?: { instancePath: string; message?: string; params?: Record<string, unknown> }[] | null;
};

/** Bump when the generated module's contract changes. */
const FORMAT = 'verify-validator-v1';
/** Name under which generated modules find the Go-pattern RegExp engine (see go-regexp.ts). */
const REGEXP_GLOBAL = '__fintrackGoRegExp';

const require = createRequire(import.meta.url);
type AjvLike = { compile(schema: object): Validator };
let ajv: AjvLike | undefined;
let standalone: ((ajv: AjvLike, v: Validator) => string) | undefined;
let ajvVersion = '';
let ajvPath = '';
const memory = new Map<string, Validator>();

async function compiler(): Promise<{ ajv: AjvLike; standalone: (ajv: AjvLike, v: Validator) => string }> {
  if (!ajv || !standalone) {
    const { Ajv } = (await import('ajv')) as unknown as { Ajv: new (o: object) => AjvLike };
    const mod = (await import('ajv/dist/standalone/index.js')) as unknown as { default: (a: AjvLike, v: Validator) => string };
    (globalThis as Record<string, unknown>)[REGEXP_GLOBAL] = goRegExp;
    const regExp = Object.assign((p: string, f: string) => goRegExp(p, f), { code: `globalThis.${REGEXP_GLOBAL}` });
    ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, code: { regExp, source: true } });
    standalone = mod.default;
    ajvPath = require.resolve('ajv/package.json');
    ajvVersion = (JSON.parse(readFileSync(ajvPath, 'utf8')) as { version: string }).version;
  }
  return { ajv, standalone };
}

/** Forgets the validators of this process (as a new run would start). */
export function forgetValidators(): void {
  memory.clear();
}

/** The validator of `schema`, from memory, the disk cache, or a fresh compile (then cached). */
export async function cachedValidator(
  schema: Record<string, unknown>,
  cacheDir = process.env.VERIFY_CACHE_DIR ?? 'build/verify-cache',
): Promise<Validator> {
  const text = JSON.stringify(schema);
  const hit = memory.get(text);
  if (hit) return hit;
  (globalThis as Record<string, unknown>)[REGEXP_GLOBAL] = goRegExp;
  const c = await compiler();
  const key = createHash('sha256').update(`${FORMAT}\0${ajvVersion}\0${ajvPath}\0${text}`).digest('hex').slice(0, 32);
  const file = resolve(join(cacheDir, `${key}.cjs`));
  let validator: Validator | undefined;
  if (existsSync(file)) {
    try {
      const mod = require(file) as Validator | { default: Validator };
      validator = typeof mod === 'function' ? mod : mod.default;
    } catch {
      validator = undefined;
    }
  }
  if (!validator) {
    validator = c.ajv.compile(schema);
    try {
      mkdirSync(cacheDir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      // The module may live outside this package (VERIFY_CACHE_DIR): point ajv's runtime helpers at this ajv.
      const code = c
        .standalone(c.ajv, validator)
        .replace(/require\("(ajv\/dist\/runtime\/[a-z0-9]+)"\)/g, (_m, id: string) => `require(${JSON.stringify(require.resolve(id))})`);
      writeFileSync(tmp, code);
      renameSync(tmp, file);
    } catch {
      // A read-only or full disk only costs the next run a compile.
    }
  }
  memory.set(text, validator);
  return validator;
}
