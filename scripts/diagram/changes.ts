/**
 * Which Applications a change touches, for highlighting: added (new Application object), changed
 * (its object changed, or anything in the folder it syncs changed), and removed; plus whether the
 * picture itself changed (an Application or AppProject was added, removed or edited: waves,
 * projects and sources all live in those objects).
 */
import type { DiffReport } from '../diff/compare.ts';
import type { DistObject } from '../diff/objects.ts';

/** What changed in one environment's picture. */
export interface PictureChange {
  readonly added: ReadonlySet<string>;
  readonly changed: ReadonlySet<string>;
  readonly removed: ReadonlySet<string>;
  /** An Application or AppProject itself was added, removed or changed. */
  readonly pictureChanged: boolean;
}

const ARGO_KINDS = new Set(['Application', 'AppProject']);

/** The {@link PictureChange} of `env` in `report`, with `after` the objects of the new dist/. */
export function pictureChange(report: DiffReport, env: string, after: Iterable<DistObject>, dist = 'dist'): PictureChange {
  const apps = report.envs.find((e) => e.env === env)?.apps ?? [];
  const added = new Set<string>();
  const removed = new Set<string>();
  const changed = new Set<string>();
  let pictureChanged = false;
  for (const app of apps) {
    for (const o of app.added) if (o.kind === 'Application') added.add(o.name);
    for (const o of app.removed) if (o.kind === 'Application') removed.add(o.name);
    for (const c of app.changed) if (c.after.kind === 'Application') changed.add(c.after.name);
    pictureChanged ||= [...app.added, ...app.removed, ...app.changed.map((c) => c.after)].some((o) => ARGO_KINDS.has(o.kind));
  }
  const touchedFolders = new Set(apps.map((a) => `${dist.replace(/\/+$/, '')}/${env}${a.app ? `/${a.app}` : ''}`));
  for (const o of after) {
    if (o.env !== env || o.kind !== 'Application') continue;
    const path = (o.body as { spec?: { source?: { path?: string } } }).spec?.source?.path?.replace(/\/+$/, '');
    if (path !== undefined && touchedFolders.has(path) && !added.has(o.name)) changed.add(o.name);
  }
  return { added, changed, removed, pictureChanged };
}
