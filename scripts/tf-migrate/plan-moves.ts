/**
 * The state moves that split an environment's single state (root `module "platform"`) into the six
 * layer states of scripts/tf-layers.ts, computed from the resources the state holds. Pure: no file,
 * no terraform; scripts/tf-migrate-layers.ts turns the result into a reviewed bash script.
 *
 * How `terraform state mv` treats the addresses (hashicorp/terraform v1.11.4
 * internal/command/state_mv.go, `StateMvCommand.sourceObjectAddrs`): a module address selects that
 * module instance and every module below it, matched step by step including the instance key, so
 * `module.platform.module.tenant` does not select `module.platform.module.tenant["x"]`: each
 * instance of a module called with count or for_each is moved on its own. A resource address
 * without a key selects every instance of the resource, keys kept. A move into a module that the
 * destination state already holds fails ("destination module already exists", same function), so a
 * whole module is always moved before single resources are moved into a module of the same name.
 */
import { layerOfModule, layers, movedResources, type Layer } from '../tf-layers.ts';
import { instanceAddresses, parseModulePath, resourceAddress, type StateResource } from './state-file.ts';

/** Name of the single root's module call (terraform/environments/<env>/main.tf before the split). */
export const MONOLITH_MODULE = 'platform';

/** One `terraform state mv -state=<old> -state-out=<layer>.tfstate <from> <to>`. */
export interface StateMove {
  readonly layer: Layer;
  /** `module`: a whole module instance (and the modules below it); `resource`: every instance of one resource. */
  readonly kind: 'module' | 'resource';
  readonly from: string;
  readonly to: string;
}

/** The moves, in the order they must run, and what each state holds afterwards. */
export interface LayerMovePlan {
  readonly moves: readonly StateMove[];
  /** Resource instance addresses each layer state holds after the moves, sorted. */
  readonly layers: Readonly<Record<Layer, readonly string[]>>;
  /** Instances left in the old state: data sources no layer module declares (re-read by whichever root declares them). */
  readonly left: readonly string[];
  /** `file: field: message` for every resource no layer owns; the plan must not run when non-empty. */
  readonly errors: readonly string[];
}

const prefix = `module.${MONOLITH_MODULE}.`;
const firstModule = (address: string): string | undefined => /^module\.([A-Za-z_][A-Za-z0-9_-]*)/.exec(address)?.[1];

/** Module calls whose resources leave by movedResources: their whole-module move must come after those. */
const movedSourceModules: ReadonlySet<string> = new Set(movedResources.map((m) => firstModule(m.from) ?? ''));

/** 0: whole modules, 1: movedResources, 2: whole modules that movedResources leave (module.network). */
function phase(move: StateMove): number {
  if (move.kind === 'resource') return 1;
  return movedSourceModules.has(firstModule(move.to) ?? '') ? 2 : 0;
}

/**
 * Plans the moves of `resources` (the `resources[]` of the single state, read from `file`) into the
 * layer states: `module.platform.module.<call>[key]` → `module.<call>[key]` in the layer whose
 * `layerModules` lists `<call>`, and each movedResources entry on its own. Every environment has
 * the same module calls, so the plan depends only on what the state holds.
 */
export function planLayerMoves(resources: readonly StateResource[], file: string): LayerMovePlan {
  const errors: string[] = [];
  const left: string[] = [];
  const moves = new Map<string, StateMove>();
  const owner = new Map<StateResource, StateMove>();
  const movedByFrom = new Map(movedResources.map((m) => [`${prefix}${m.from}`, m]));
  for (const r of resources) {
    const address = resourceAddress(r);
    const where = `${file}: resources[${r.index}] (${address})`;
    const steps = parseModulePath(r.module) ?? [];
    const [top, call] = steps;
    const underMonolith = top?.name === MONOLITH_MODULE && top.key === '';
    if (!underMonolith || call === undefined) {
      // A data source owns no remote object: leaving it behind loses nothing, the root that declares it reads it again.
      if (r.mode === 'data') left.push(...instanceAddresses(r));
      else
        errors.push(
          underMonolith
            ? `${where}: declared in modules/${MONOLITH_MODULE} itself, not in a module call, so no layer owns it (scripts/tf-layers.ts layerModules)`
            : `${where}: not under module.${MONOLITH_MODULE}, so no layer owns it (scripts/tf-layers.ts maps module.${MONOLITH_MODULE}.module.<call>)`,
        );
      continue;
    }
    const moved = movedByFrom.get(address);
    if (moved) {
      const layer = layerOfModule(firstModule(moved.to) ?? '');
      if (!layer) {
        errors.push(`${where}: movedResources sends it to ${moved.to}, whose module no layer calls (scripts/tf-layers.ts layerModules)`);
        continue;
      }
      const move: StateMove = { layer, kind: 'resource', from: address, to: moved.to };
      moves.set(move.from, move);
      owner.set(r, move);
      continue;
    }
    const layer = layerOfModule(call.name);
    if (!layer) {
      errors.push(
        `${where}: module "${call.name}" is called by no layer: add it to layerModules in scripts/tf-layers.ts (or the resource to movedResources)`,
      );
      continue;
    }
    const from = `${prefix}module.${call.name}${call.key}`;
    const move = moves.get(from) ?? { layer, kind: 'module', from, to: `module.${call.name}${call.key}` };
    moves.set(from, move);
    owner.set(r, move);
  }

  const states = Object.fromEntries(layers.map((l) => [l, [] as string[]])) as Record<Layer, string[]>;
  const seen = new Map<string, string>();
  for (const [r, move] of owner) {
    for (const from of instanceAddresses(r)) {
      const to = `${move.to}${from.slice(move.from.length)}`;
      const other = seen.get(`${move.layer} ${to}`);
      if (other !== undefined) errors.push(`${file}: resources[${r.index}] (${from}): moves to ${to}, where ${other} moves too`);
      seen.set(`${move.layer} ${to}`, from);
      states[move.layer].push(to);
    }
  }
  for (const l of layers) states[l].sort();
  const order = (m: StateMove) => [phase(m), layers.indexOf(m.layer)] as const;
  const sorted = [...moves.values()].sort((a, b) => {
    const [pa, la] = order(a);
    const [pb, lb] = order(b);
    return pa - pb || la - lb || (a.from < b.from ? -1 : a.from > b.from ? 1 : 0);
  });
  return { moves: sorted, layers: states, left: left.sort(), errors };
}

/** The moves of one layer, in run order. */
export function movesOfLayer(plan: LayerMovePlan, layer: Layer): StateMove[] {
  return plan.moves.filter((m) => m.layer === layer);
}
