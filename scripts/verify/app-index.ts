/**
 * The objects and folders of a dist model by `<env>/<app>`, built once per model: checks that look
 * up an app folder per Application would otherwise scan every object per lookup (quadratic).
 */
import type { DistApp, DistModel, DistObject } from './model.ts';

/** Objects and folders of one model, by `<env>/<app>`. */
export interface AppIndex {
  readonly objects: ReadonlyMap<string, readonly DistObject[]>;
  readonly apps: ReadonlyMap<string, DistApp>;
}

const cache = new WeakMap<DistModel, AppIndex>();

/** The key of an app folder. */
export const appKey = (env: string, app: string): string => `${env}/${app}`;

/** The index of `model` (built on first use, then remembered for that model). */
export function appIndex(model: DistModel): AppIndex {
  let index = cache.get(model);
  if (!index) {
    const objects = new Map<string, DistObject[]>();
    for (const o of model.objects) {
      const key = appKey(o.env, o.app);
      const list = objects.get(key);
      if (list) list.push(o);
      else objects.set(key, [o]);
    }
    index = { objects, apps: new Map(model.apps.map((a) => [appKey(a.env, a.app), a])) };
    cache.set(model, index);
  }
  return index;
}
