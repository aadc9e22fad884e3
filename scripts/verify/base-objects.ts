/**
 * `verify --base <ref>`: the objects dist/ held at a git ref, read with the diff command's git
 * reader and object collector (scripts/diff), so verify can judge each change as the UPDATE the
 * API server will see.
 */
import { resolveBase } from '../diff/git.ts';
import { collectObjects } from '../diff/objects.ts';
import { snapshotAt } from '../diff/snapshot.ts';
import { groupOf, type KubeObject, type VerifyOptions } from './model.ts';

/** Objects at the base, keyed by {@link objectIdentity}. */
export type BaseObjects = ReadonlyMap<string, KubeObject>;

/** Verify options plus the objects at `--base`. */
export interface BaseOptions extends VerifyOptions {
  /** Objects dist/ held at the base ref. @default - none: every object is a CREATE */
  readonly base?: BaseObjects;
}

/** What the cluster identifies an object by within one environment: group, kind, namespace, name. */
export function objectIdentity(env: string, obj: KubeObject): string {
  return [env, groupOf(obj.apiVersion), obj.kind, obj.metadata.namespace ?? '', obj.metadata.name].join('\0');
}

/** The objects of `dist` at git `ref` in the repository at `cwd`. */
export function loadBaseObjects(cwd: string, ref: string, dist: string): BaseObjects {
  const base = resolveBase(cwd, ref);
  const out = new Map<string, KubeObject>();
  for (const o of collectObjects(snapshotAt(cwd, base.commit, dist), dist).values()) {
    const obj = o.body as KubeObject;
    if (typeof obj?.apiVersion !== 'string' || typeof obj.metadata?.name !== 'string') continue;
    out.set(objectIdentity(o.env, obj), obj);
  }
  return out;
}

/** The object at the base when `obj` existed there and changed since; else undefined. */
export function changedFrom(options: BaseOptions, env: string, obj: KubeObject): KubeObject | undefined {
  const old = options.base?.get(objectIdentity(env, obj));
  return old !== undefined && canonical(old) !== canonical(obj) ? old : undefined;
}

/** JSON with sorted keys: equal for semantically equal objects. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
