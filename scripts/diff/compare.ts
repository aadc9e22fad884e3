/**
 * Compares two sets of rendered objects into a report grouped environment → Application →
 * object: prod first, then staging, dev, then any other folder alphabetically.
 */
import { diffFields, type FieldChange } from './field-diff.ts';
import { objectLabel, type DistObject } from './objects.ts';
import { summarise } from './summaries.ts';

/** One changed object: its one-line summaries and the field changes they leave over. */
export interface ObjectChange {
  readonly before: DistObject;
  readonly after: DistObject;
  readonly summaries: readonly string[];
  readonly fields: readonly FieldChange[];
}

/** Everything that changed in one Application folder. */
export interface AppDiff {
  readonly env: string;
  readonly app: string;
  readonly added: readonly DistObject[];
  readonly removed: readonly DistObject[];
  readonly changed: readonly ObjectChange[];
}

/** Everything that changed in one environment. */
export interface EnvDiff {
  readonly env: string;
  readonly apps: readonly AppDiff[];
}

/** Object counts. */
export interface Counts {
  readonly apps: number;
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
}

/** The whole diff, environments in display order. */
export interface DiffReport {
  readonly envs: readonly EnvDiff[];
}

const ENV_ORDER = ['prod', 'staging', 'dev'];

/** Display rank of an environment: prod, staging, dev, then the rest. */
export function envRank(env: string): number {
  const i = ENV_ORDER.indexOf(env);
  return i >= 0 ? i : ENV_ORDER.length;
}

const byLabel = (a: DistObject, b: DistObject): number =>
  objectLabel(a).localeCompare(objectLabel(b)) || a.namespace.localeCompare(b.namespace);

/** Diffs `before` against `after` (both from {@link collectObjects}). */
export function compare(before: ReadonlyMap<string, DistObject>, after: ReadonlyMap<string, DistObject>): DiffReport {
  const apps = new Map<string, { env: string; app: string; added: DistObject[]; removed: DistObject[]; changed: ObjectChange[] }>();
  const bucket = (o: DistObject) => {
    const key = `${o.env}\0${o.app}`;
    let b = apps.get(key);
    if (b === undefined) apps.set(key, (b = { env: o.env, app: o.app, added: [], removed: [], changed: [] }));
    return b;
  };
  for (const [key, b] of before) {
    const a = after.get(key);
    if (a === undefined) {
      bucket(b).removed.push(b);
      continue;
    }
    const fields = diffFields(b.body, a.body);
    if (fields.length === 0) continue;
    const { lines, rest } = summarise(objectLabel(a), fields);
    bucket(a).changed.push({ before: b, after: a, summaries: lines, fields: rest });
  }
  for (const [key, a] of after) if (!before.has(key)) bucket(a).added.push(a);

  const envs = new Map<string, AppDiff[]>();
  for (const b of apps.values()) {
    b.added.sort(byLabel);
    b.removed.sort(byLabel);
    b.changed.sort((x, y) => byLabel(x.after, y.after));
    envs.set(b.env, [...(envs.get(b.env) ?? []), b]);
  }
  return {
    envs: [...envs]
      .sort(([x], [y]) => envRank(x) - envRank(y) || x.localeCompare(y))
      .map(([env, list]) => ({ env, apps: list.sort((x, y) => x.app.localeCompare(y.app)) })),
  };
}

/** Counts for a list of app diffs. */
export function countApps(apps: readonly AppDiff[]): Counts {
  return apps.reduce(
    (c, a) => ({
      apps: c.apps + 1,
      added: c.added + a.added.length,
      removed: c.removed + a.removed.length,
      changed: c.changed + a.changed.length,
    }),
    { apps: 0, added: 0, removed: 0, changed: 0 },
  );
}

/** Counts for the whole report. */
export function countReport(report: DiffReport): Counts {
  return countApps(report.envs.flatMap((e) => e.apps));
}
