/**
 * AlertmanagerConfig routes (prometheus-operator pkg/alertmanager/validation/v1alpha1
 * ValidateAlertmanagerConfig): every receiver a route names is defined, and so is every time
 * interval it mutes or activates on. The operator refuses the whole config otherwise.
 */
import { arr, rec, type DistObject } from '../model.ts';
import type { Emit, EnvIndex } from './env-index.ts';

/** Rules of this module. */
export const ALERTMANAGER_RULES = ['alertmanager-receiver', 'alertmanager-time-interval'] as const;

function walk(route: Record<string, unknown>, path: string, visit: (r: Record<string, unknown>, path: string) => void): void {
  visit(route, path);
  arr(route.routes).forEach((child, i) => walk(rec(child), `${path}.routes[${i}]`, visit));
}

function checkConfig(amc: DistObject, emit: Emit): void {
  const spec = rec(amc.object.spec);
  const receivers = new Set(arr(spec.receivers).map((r) => String(rec(r).name)));
  const intervals = new Set(arr(spec.muteTimeIntervals).map((r) => String(rec(r).name)));
  if (spec.route === undefined) return;
  // validateAlertManagerRoutes: the top route needs a receiver; each named one must exist
  walk(rec(spec.route), 'spec.route', (r, path) => {
    if (typeof r.receiver === 'string' && r.receiver !== '' && !receivers.has(r.receiver))
      emit(
        amc,
        'alertmanager-receiver',
        'error',
        `${amc.file}: ${path}.receiver: receiver "${r.receiver}" not found (defined: ${[...receivers].join(', ')})`,
      );
    if (path === 'spec.route' && (typeof r.receiver !== 'string' || r.receiver === ''))
      emit(amc, 'alertmanager-receiver', 'error', `${amc.file}: ${path}.receiver: the top-level route must name a receiver`);
    for (const k of ['muteTimeIntervals', 'activeTimeIntervals'])
      for (const name of arr(r[k]).map(String))
        if (!intervals.has(name))
          emit(
            amc,
            'alertmanager-time-interval',
            'error',
            `${amc.file}: ${path}.${k}: time interval "${name}" not found in spec.muteTimeIntervals`,
          );
  });
}

/** Runs the AlertmanagerConfig rules on one environment. */
export function checkAlertmanager(ix: EnvIndex, emit: Emit): void {
  for (const amc of ix.of('monitoring.coreos.com/AlertmanagerConfig')) checkConfig(amc, emit);
}
