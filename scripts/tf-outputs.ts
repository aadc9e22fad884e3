/**
 * `npm run tf:outputs -- <env> [--from <file> | --stdin] [--out <file>]` (usage in
 * scripts/commands/tf-outputs.ts)
 *
 * Turns `terraform output -json` of the six layer roots terraform/environments/<env>/<layer> (merged;
 * scripts/tf-layers.ts) into the committed
 * apps/environments/<env>.terraform.json (sorted keys, 2-space indent, trailing newline), validated
 * with apps/schema/terraform-outputs.ts. Refuses any output marked sensitive: `output -json` prints
 * sensitive values in clear, and nothing secret may end up in git.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT, isEntry, parseCommand, usageError, type CommandOutput } from './cli.ts';
import { TF_OUTPUTS_SPEC } from './commands/tf-outputs.ts';
import { repoRoot, terraformCliEnv, terraformDir } from './tf-cli.ts';
import { terraformOutputsSchema, type TerraformOutputs } from '../apps/schema/terraform-outputs.ts';
import { layerDir, layers, terraformEnvironments, type Layer, type TerraformEnvironment } from './tf-layers.ts';

/** Terraform root output name → field of the committed file (only what synth cannot derive; other outputs are ignored). */
export const outputFields = {
  account_id: 'accountId',
  region: 'region',
  cluster_name: 'clusterName',
  ecr_registry: 'ecrRegistry',
  vpc_id: 'vpcId',
  edge_certificate_arn: 'edgeCertificateArn',
  edge_waf_acl_arn: 'edgeWafAclArn',
} as const satisfies Record<string, keyof TerraformOutputs>;

/** Outputs that may be absent: Terraform drops an output whose value is null (the edge ARNs before their resources exist). */
const optionalOutputs: ReadonlySet<string> = new Set(['edge_certificate_arn', 'edge_waf_acl_arn']);

const environments = terraformEnvironments;

/** Error with a message naming the offending output or field. */
export class TerraformOutputsError extends Error {
  override readonly name = 'TerraformOutputsError';
}

/** Maps parsed `terraform output -json` to the committed shape; throws TerraformOutputsError. */
export function mapTerraformOutputs(raw: unknown, env: string): TerraformOutputs {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new TerraformOutputsError(
      `terraform output -json for ${env}: expected an object of outputs, got ${Array.isArray(raw) ? 'array' : typeof raw}`,
    );
  }
  const outputs = raw as Record<string, unknown>;
  const sensitive = Object.entries(outputs)
    .filter(([, o]) => typeof o === 'object' && o !== null && (o as { sensitive?: unknown }).sensitive === true)
    .map(([n]) => n);
  if (sensitive.length) {
    throw new TerraformOutputsError(
      `refusing sensitive output(s) ${sensitive.map((s) => `'${s}'`).join(', ')} in ${env}: sensitive values must never be written to git; remove them from the root outputs`,
    );
  }
  const mapped: Record<string, unknown> = {};
  for (const [output, field] of Object.entries(outputFields)) {
    const entry = outputs[output];
    if (entry === undefined && optionalOutputs.has(output)) {
      mapped[field] = null;
      continue;
    }
    if (entry === undefined)
      throw new TerraformOutputsError(
        `missing output '${output}' (→ ${field}) in ${env}: apply the layers of terraform/environments/${env} in order`,
      );
    if (typeof entry !== 'object' || entry === null || !('value' in entry)) {
      throw new TerraformOutputsError(`output '${output}' (→ ${field}) in ${env} is not a terraform output object ({"value": …})`);
    }
    mapped[field] = (entry as { value: unknown }).value;
  }
  const parsed = terraformOutputsSchema.safeParse(mapped);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => {
      const field = i.path.join('.');
      const output = Object.entries(outputFields).find(([, f]) => f === i.path[0])?.[0];
      return `'${field}'${output ? ` (output '${output}')` : ''}: ${i.message}`;
    });
    throw new TerraformOutputsError(`invalid terraform outputs for ${env}:\n  ${issues.join('\n  ')}`);
  }
  return parsed.data;
}

/** Stable JSON: keys sorted at every level, 2-space indent, trailing newline. */
export function formatOutputs(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}

/** Committed file of an environment. */
export function outputsPath(env: string): string {
  return join(repoRoot, 'apps', 'environments', `${env}.terraform.json`);
}

/**
 * The outputs of every layer root of `env` as one `terraform output -json` object; an output
 * name two layers declare is refused (each layer's outputs are its own).
 */
export function mergeLayerOutputs(byLayer: ReadonlyArray<readonly [Layer, Record<string, unknown>]>, env: string): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  const owner = new Map<string, Layer>();
  for (const [layer, outputs] of byLayer) {
    for (const [name, value] of Object.entries(outputs)) {
      const first = owner.get(name);
      if (first)
        throw new TerraformOutputsError(
          `output '${name}' in ${env} comes from both the ${first} and the ${layer} layer; a name belongs to one layer`,
        );
      owner.set(name, layer);
      merged[name] = value;
    }
  }
  return merged;
}

function readTerraformOutput(env: TerraformEnvironment): string {
  const byLayer = layers.map((layer): readonly [Layer, Record<string, unknown>] => {
    const dir = join(terraformDir, layerDir(env, layer));
    const r = spawnSync('terraform', [`-chdir=${dir}`, 'output', '-json'], { encoding: 'utf8', env: terraformCliEnv() });
    if (r.error)
      throw new TerraformOutputsError(`cannot run terraform (${r.error.message}); install Terraform 1.11.4 or use --from <file>`);
    if (r.status !== 0)
      throw new TerraformOutputsError(
        `terraform output -json failed for ${env}/${layer} (run terraform init in terraform/${layerDir(env, layer)} first):\n${r.stderr}`,
      );
    return [layer, JSON.parse(r.stdout) as Record<string, unknown>];
  });
  return JSON.stringify(mergeLayerOutputs(byLayer, env));
}

/** Prints `output` and returns its exit code. */
function print(output: CommandOutput): number {
  for (const line of output.out) console.log(line);
  for (const line of output.err) console.error(line);
  return output.exitCode;
}

/** CLI entry point; returns the process exit code (0 written, 2 usage or input error). */
export function main(argv: readonly string[]): number {
  const parsed = parseCommand(TF_OUTPUTS_SPEC, argv);
  if (!parsed.ok) return print(parsed);
  const [env = ''] = parsed.positionals;
  if (!(environments as readonly string[]).includes(env))
    return print(usageError(TF_OUTPUTS_SPEC, `unknown environment "${env}": expected one of ${environments.join(', ')}`));
  if (parsed.values.from && parsed.values.stdin) return print(usageError(TF_OUTPUTS_SPEC, '--from and --stdin exclude each other'));
  try {
    const from = parsed.values.from;
    const text = from
      ? readFileSync(from, 'utf8')
      : parsed.values.stdin
        ? readFileSync(0, 'utf8')
        : readTerraformOutput(env as TerraformEnvironment);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new TerraformOutputsError(`terraform output -json for ${env} is not JSON: ${(e as Error).message}`);
    }
    const outputs = mapTerraformOutputs(raw, env);
    const catalog = JSON.parse(readFileSync(join(terraformDir, 'environments', env, 'catalog.json'), 'utf8')) as {
      accountId: string;
      clusterName: string;
    };
    if (outputs.accountId !== catalog.accountId || outputs.clusterName !== catalog.clusterName) {
      throw new TerraformOutputsError(
        `'accountId'/'clusterName' (${outputs.accountId}/${outputs.clusterName}) do not match terraform/environments/${env}/catalog.json (${catalog.accountId}/${catalog.clusterName})`,
      );
    }
    const out = parsed.values.out ?? outputsPath(env);
    writeFileSync(out, formatOutputs(outputs));
    console.log(`wrote ${out}`);
    return 0;
  } catch (e) {
    console.error(`tf-outputs: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT.usage;
  }
}

if (isEntry(import.meta.url)) process.exitCode = main(process.argv.slice(2));
