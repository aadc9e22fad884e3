/**
 * The contract between the layer roots (terraform/environments/_layers/<layer>/), checked from both
 * sides without running Terraform:
 * - each layer calls exactly the modules scripts/tf-layers.ts `layerModules` gives it (what the
 *   state migration and CI rely on), and reads only layers applied before it;
 * - downstream: every `local.<layer>.<output>` a layer uses is an output of that earlier layer it
 *   reads (Terraform itself would only fail after apply, when the remote state lacks it);
 * - upstream: every output of a layer has a reader: a later layer, `npm run tf:outputs`
 *   (scripts/tf-outputs.ts outputFields) or an operator (`operatorOutputs`), so nothing is exported
 *   that nobody reads and nothing a reader needs is missing.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { layerModules, layers, layerStateKey, operatorOutputs, terraformEnvironments, type Layer } from '../../scripts/tf-layers.ts';

/** The .tf text of one layer root's own files. */
export interface LayerSource {
  readonly main: string;
  readonly outputs: string;
  readonly upstream?: string;
}

export type LayerSources = Readonly<Record<Layer, LayerSource>>;

/** Reads the layer sources under terraform/environments/_layers. */
export function readLayerSources(terraformDir: string): LayerSources {
  const read = (layer: Layer, file: string): string | undefined => {
    try {
      return readFileSync(join(terraformDir, 'environments', '_layers', layer, file), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  };
  return Object.fromEntries(layers.map((l) => [l, { main: read(l, 'main.tf') ?? '', outputs: read(l, 'outputs.tf') ?? '', upstream: read(l, 'upstream.tf') }])) as LayerSources;
}

const names = (text: string, block: string): string[] => [...text.matchAll(new RegExp(`^${block}\\s+"([^"]+)"`, 'gm'))].map((m) => m[1]!);
/** The layers an upstream.tf reads: the `layers` list of its modules/layer-outputs call. */
export function upstreamLayersIn(text: string): string[] {
  const list = /\blayers\s*=\s*\[([^\]]*)\]/.exec(text)?.[1] ?? '';
  return [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
}
const upstreamOf = (s: LayerSource): string[] => upstreamLayersIn(s.upstream ?? '');

/** Problems of the layer contract, as `_layers/<layer>/<file>: message`. */
export function layerContractProblems(sources: LayerSources, toolOutputs: readonly string[]): string[] {
  const problems: string[] = [];
  const outputsOf = (l: Layer): string[] => names(sources[l].outputs, 'output');
  const readers = new Set<string>([...toolOutputs, ...operatorOutputs].map((o) => `*.${o}`));

  for (const [i, layer] of layers.entries()) {
    const s = sources[layer];
    const calls = names(s.main, 'module');
    for (const c of calls.filter((c) => !layerModules[layer].includes(c)))
      problems.push(`_layers/${layer}/main.tf: module "${c}" is not in layerModules.${layer} (scripts/tf-layers.ts): the state migration and CI would not know it`);
    for (const c of layerModules[layer].filter((c) => !calls.includes(c))) problems.push(`_layers/${layer}/main.tf: layerModules.${layer} lists module "${c}", which this layer does not call`);

    const upstream = upstreamOf(s);
    for (const u of upstream) {
      const j = (layers as readonly string[]).indexOf(u);
      if (j < 0 || j >= i) problems.push(`_layers/${layer}/upstream.tf: reads "${u}", which is not a layer applied before ${layer}`);
    }
    for (const m of `${s.main}\n${s.outputs}`.matchAll(/\blocal\.([a-z]+)\.([a-z0-9_]+)/g)) {
      const [, u, output] = m as unknown as [string, string, string];
      if (!(layers as readonly string[]).includes(u)) continue;
      if (!upstream.includes(u)) problems.push(`_layers/${layer}: local.${u}.${output}: ${layer} does not read the ${u} layer (upstream.tf)`);
      else if (!outputsOf(u as Layer).includes(output)) problems.push(`_layers/${layer}: local.${u}.${output}: the ${u} layer has no output "${output}"`);
      else readers.add(`${u}.${output}`);
    }
  }
  for (const layer of layers)
    for (const o of outputsOf(layer).filter((o) => !readers.has(`${layer}.${o}`) && !readers.has(`*.${o}`)))
      problems.push(`_layers/${layer}/outputs.tf: output "${o}" has no reader (a later layer, npm run tf:outputs, or operatorOutputs in scripts/tf-layers.ts)`);
  return problems;
}

/**
 * Problems of the per-environment layer roots on disk: every layer of every environment exists,
 * its backend.tf stores exactly `layers/<layer>.tfstate` in the environment's own state bucket, and
 * its other files are the links to _layers/<layer>, _shared and the environment's settings.
 */
export function layerRootProblems(terraformDir: string): string[] {
  const problems: string[] = [];
  for (const env of terraformEnvironments) {
    const settings = readFileSync(join(terraformDir, 'environments', env, 'environment.tf'), 'utf8');
    // modules/settings and modules/state-bucket name the state bucket fintrack-<env>-tfstate-<account>.
    const bucket = `fintrack-${env}-tfstate-${/account_id\s*=\s*"([0-9]{12})"/.exec(settings)?.[1]}`;
    for (const layer of layers) {
      const dir = join(terraformDir, 'environments', env, layer);
      const where = `environments/${env}/${layer}`;
      if (!existsSync(dir)) {
        problems.push(`${where}: missing (every environment has every layer of scripts/tf-layers.ts)`);
        continue;
      }
      const backend = existsSync(join(dir, 'backend.tf')) ? readFileSync(join(dir, 'backend.tf'), 'utf8') : '';
      const value = (k: string) => new RegExp(`^\\s*${k}\\s*=\\s*"?([^"\\n]+)"?`, 'm').exec(backend)?.[1];
      if (value('key') !== layerStateKey(layer)) problems.push(`${where}/backend.tf: key: expected "${layerStateKey(layer)}", got ${JSON.stringify(value('key'))}`);
      if (value('bucket') !== bucket) problems.push(`${where}/backend.tf: bucket: expected the environment's state bucket "${bucket}", got ${JSON.stringify(value('bucket'))}`);
      if (value('use_lockfile') !== 'true' || value('encrypt') !== 'true') problems.push(`${where}/backend.tf: encrypt and use_lockfile must be true`);
      // modules/state-bucket names the state CMK alias/<name_prefix>-tfstate.
      const key = `alias/fintrack-${env}-tfstate`;
      if (value('kms_key_id') !== key) problems.push(`${where}/backend.tf: kms_key_id: expected the state bucket's CMK "${key}", got ${JSON.stringify(value('kms_key_id'))}`);
      const expected: Record<string, string> = {
        'environment.tf': '../environment.tf',
        'providers.tf': '../../_shared/providers.tf',
        'variables.tf': '../../_shared/variables.tf',
        'versions.tf': '../../_shared/versions.tf',
        ...Object.fromEntries(readdirSync(join(terraformDir, 'environments', '_layers', layer)).map((f) => [f, `../../_layers/${layer}/${f}`])),
      };
      for (const [file, target] of Object.entries(expected)) {
        const path = join(dir, file);
        const actual = existsSync(path) && lstatSync(path).isSymbolicLink() ? readlinkSync(path) : undefined;
        if (actual !== target) problems.push(`${where}/${file}: must link to ${target}${actual ? `, links to ${actual}` : ''}`);
      }
      const extra = readdirSync(dir).filter((f) => f.endsWith('.tf') && f !== 'backend.tf' && !(f in expected));
      for (const f of extra) problems.push(`${where}/${f}: a file of one environment's layer only; layers differ between environments only in backend.tf and environment.tf`);
    }
  }
  return problems;
}
