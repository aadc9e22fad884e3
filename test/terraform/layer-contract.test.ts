/**
 * The layer roots' contract (layer-contract.ts) holds for the repository, and each rule fails on a
 * fixture that breaks it.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { terraformDir } from '../../scripts/tf-cli.ts';
import { outputFields } from '../../scripts/tf-outputs.ts';
import { layerContractProblems, layerRootProblems, readLayerSources, type LayerSources } from './layer-contract.ts';

const real = readLayerSources(terraformDir);
const tools = Object.keys(outputFields);
const withLayer = (layer: keyof LayerSources, change: Partial<LayerSources[keyof LayerSources]>): LayerSources => ({ ...real, [layer]: { ...real[layer], ...change } });

describe('layer contract (terraform/environments/_layers)', () => {
  it('holds for the repository: module calls, upstream reads, outputs read and readers of every output', () => {
    expect(layerContractProblems(real, tools)).toEqual([]);
  });

  it('refuses a module call the layer map does not list, and a listed call the layer dropped', () => {
    const added = withLayer('compute', { main: `${real.compute.main}\nmodule "extra" {\n  source = "../../../modules/ecr"\n}\n` });
    expect(layerContractProblems(added, tools)).toEqual([expect.stringMatching(/compute\/main.tf: module "extra" is not in layerModules.compute/)]);
    const dropped = withLayer('networking', { main: real.networking.main.replace('module "network"', 'module "vpc"') });
    expect(layerContractProblems(dropped, tools)).toEqual(
      expect.arrayContaining([expect.stringMatching(/module "vpc" is not in layerModules/), expect.stringMatching(/lists module "network", which this layer does not call/)]),
    );
  });

  it('refuses reading a layer applied later (or itself)', () => {
    const upstream = real.data.upstream!.replace(/layers\s*=\s*\[/, 'layers = ["platform", ');
    expect(layerContractProblems(withLayer('data', { upstream }), tools)).toEqual([expect.stringMatching(/data\/upstream.tf: reads "platform", which is not a layer applied before data/)]);
  });

  it('downstream side: refuses an output the upstream layer does not declare, or a layer it does not read', () => {
    const renamed = withLayer('networking', { outputs: real.networking.outputs.replace('output "nat_gateway_ids"', 'output "nat_ids"') });
    expect(layerContractProblems(renamed, tools)).toEqual(
      expect.arrayContaining([expect.stringMatching(/local.networking.nat_gateway_ids: the networking layer has no output "nat_gateway_ids"/)]),
    );
    const unread = withLayer('compute', { main: `${real.compute.main}\nlocals {\n  x = local.data.bucket_arns\n}\n` });
    expect(layerContractProblems(unread, tools)).toEqual([expect.stringMatching(/local.data.bucket_arns: compute does not read the data layer/)]);
  });

  it('upstream side: refuses an output nobody reads', () => {
    const orphan = withLayer('security', { outputs: `${real.security.outputs}\noutput "kms_key_ids" {\n  value = module.kms.key_ids\n}\n` });
    expect(layerContractProblems(orphan, tools)).toEqual([expect.stringMatching(/security\/outputs.tf: output "kms_key_ids" has no reader/)]);
  });
});

describe('layer roots of every environment (terraform/environments/<env>/<layer>)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'fintrack-layer-roots-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('hold for the repository: backend key and bucket, links to _layers, _shared and environment.tf', () => {
    expect(layerRootProblems(terraformDir)).toEqual([]);
  });

  it('refuse a backend storing another layer\'s key, a copied file instead of a link, and an environment-only file', () => {
    const copy = join(scratch, 'terraform');
    cpSync(join(terraformDir, 'environments'), join(copy, 'environments'), { recursive: true, verbatimSymlinks: true });
    const dir = join(copy, 'environments', 'staging', 'data');
    writeFileSync(join(dir, 'backend.tf'), 'terraform {\n  backend "s3" {\n    bucket = "fintrack-staging-tfstate-222233334444"\n    key = "layers/compute.tfstate"\n    encrypt = true\n    kms_key_id = "alias/fintrack-staging-tfstate"\n    use_lockfile = true\n  }\n}\n');
    unlinkSync(join(dir, 'main.tf'));
    writeFileSync(join(dir, 'main.tf'), '# a copy\n');
    writeFileSync(join(dir, 'extra.tf'), '# staging only\n');
    symlinkSync('../../_shared/providers.tf', join(copy, 'environments', 'prod', 'data', 'zz.tf'));
    const devBackend = join(copy, 'environments', 'dev', 'security', 'backend.tf');
    writeFileSync(devBackend, readFileSync(devBackend, 'utf8').replace(/\n\s*kms_key_id.*\n/, '\n'));
    expect(layerRootProblems(copy)).toEqual([
      'environments/dev/security/backend.tf: kms_key_id: expected the state bucket\'s CMK "alias/fintrack-dev-tfstate", got undefined',
      'environments/staging/data/backend.tf: key: expected "layers/data.tfstate", got "layers/compute.tfstate"',
      'environments/staging/data/main.tf: must link to ../../_layers/data/main.tf',
      expect.stringMatching(/staging\/data\/extra.tf: a file of one environment's layer only/),
      expect.stringMatching(/prod\/data\/zz.tf: a file of one environment's layer only/),
    ]);
  });
});
