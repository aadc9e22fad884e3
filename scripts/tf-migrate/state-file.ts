/**
 * The part of a Terraform state file (format version 4) the layer migration reads: each resource's
 * module path, mode, type and name, and the instance keys under it. Attribute values are never
 * read: the migration moves bindings, it does not look at what they hold.
 */
import { z } from 'zod';

/** One step of a module path: the call name and its instance key as written in addresses (`["x"]`, `[0]` or ''). */
export interface ModuleStep {
  readonly name: string;
  readonly key: string;
}

/** One `resources[]` entry of a state file. */
export interface StateResource {
  /** Position in `resources[]`, for error messages. */
  readonly index: number;
  /** Module instance path (`module.a.module.b["x"]`), '' for the root module. */
  readonly module: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** Instance keys: null for an instance without count or for_each. */
  readonly instanceKeys: readonly (string | number | null)[];
}

/** What a v4 state file holds for the migration: lineage and serial identify the snapshot. */
export interface StateSnapshot {
  readonly lineage: string;
  readonly serial: number;
  readonly resources: readonly StateResource[];
}

// Field names as terraform writes them (hashicorp/terraform internal/states/statefile/version4.go,
// stateV4 / resourceStateV4 / instanceObjectStateV4): index_key is absent, a number or a string.
const stateV4 = z.object({
  version: z.literal(4, { error: 'expected state format version 4 (Terraform >= 0.12)' }),
  lineage: z.string().min(1),
  serial: z.number().int().nonnegative(),
  resources: z.array(
    z.object({
      module: z.string().optional(),
      mode: z.enum(['managed', 'data']),
      type: z.string().min(1),
      name: z.string().min(1),
      instances: z.array(z.object({ index_key: z.union([z.string(), z.number().int()]).optional() })),
    }),
  ),
});

/** `resources[3].mode` from a zod issue path. */
function fieldOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), '') || '(root)';
}

/** Parses the text of a state file; errors read `file: field: message`. */
export function parseStateFile(text: string, file: string): StateSnapshot | { readonly errors: readonly string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { errors: [`${file}: (root): not JSON: ${(e as Error).message}`] };
  }
  const parsed = stateV4.safeParse(raw);
  if (!parsed.success) return { errors: parsed.error.issues.map((i) => `${file}: ${fieldOf(i.path)}: ${i.message}`) };
  const errors: string[] = [];
  const resources = parsed.data.resources.map((r, index): StateResource => {
    const module = r.module ?? '';
    if (parseModulePath(module) === undefined) errors.push(`${file}: resources[${index}].module: not a module instance path: "${module}"`);
    return { index, module, mode: r.mode, type: r.type, name: r.name, instanceKeys: r.instances.map((i) => i.index_key ?? null) };
  });
  if (errors.length) return { errors };
  return { lineage: parsed.data.lineage, serial: parsed.data.serial, resources };
}

const STEP = /^module\.([A-Za-z_][A-Za-z0-9_-]*)(\[(?:\d+|"(?:[^"\\]|\\.)*")\])?/;

/** Splits `module.a.module.b["x"]` into steps; undefined when it is not a module instance path. */
export function parseModulePath(path: string): ModuleStep[] | undefined {
  const steps: ModuleStep[] = [];
  let rest = path;
  while (rest !== '') {
    const m = STEP.exec(rest);
    if (!m) return undefined;
    steps.push({ name: m[1] ?? '', key: m[2] ?? '' });
    rest = rest.slice(m[0].length);
    if (rest.startsWith('.')) rest = rest.slice(1);
    else if (rest !== '') return undefined;
  }
  return steps;
}

/** Address of a resource (no instance key): `module.a.data.aws_x.y`. */
export function resourceAddress(r: Pick<StateResource, 'module' | 'mode' | 'type' | 'name'>): string {
  const local = `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
  return r.module ? `${r.module}.${local}` : local;
}

/** Instance key as written in an address: `[0]`, `["x"]`, or '' for none. */
export function keySuffix(key: string | number | null): string {
  return key === null ? '' : typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

/**
 * Every resource instance address of a resource, as `terraform state list` prints them (a deposed
 * object repeats its instance's key, so keys are deduplicated).
 */
export function instanceAddresses(r: StateResource): string[] {
  return [...new Set(r.instanceKeys.map((k) => `${resourceAddress(r)}${keySuffix(k)}`))];
}
