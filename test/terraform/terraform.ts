/**
 * Shared Terraform runner for the test/terraform suites: spawns the terraform binary with the
 * repo's CLI configuration (scripts/tf-cli.ts), limits concurrency to the machine's cores, gives
 * every root its own TF_DATA_DIR (no shared `.terraform` between concurrent runs), and produces
 * offline plans of environment roots.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { describe, it } from 'vitest';
import { requiredTerraformVersion, terraformCliEnv, terraformDir } from '../../scripts/tf-cli.ts';
import { awsContractSchema, type AwsContract } from '../../scripts/verify/aws-contract.ts';
import { readCached, rootDigest, writeCached } from './result-cache.ts';
import { layers, terraformEnvironments, type Layer, type TerraformEnvironment } from '../../scripts/tf-layers.ts';
import { mergePlans, remoteStateOverride, upstreamIfAny, writeOutputsState, type ChainContext, type LayerPlan } from './layer-chain.ts';

export { terraformDir };


/** Environment roots under terraform/environments. */
export const environments = terraformEnvironments;
export type Environment = TerraformEnvironment;

/** Every module and environment root with `tests/*.tftest.hcl`, relative to terraform/ (found on disk, so a new module is never left out). */
export const testedRoots: readonly string[] = ['modules', 'environments'].flatMap((parent) =>
  readdirSync(join(terraformDir, parent), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(terraformDir, parent, d.name, 'tests')))
    .filter((d) => readdirSync(join(terraformDir, parent, d.name, 'tests')).some((f) => f.endsWith('.tftest.hcl')))
    .map((d) => `${parent}/${d.name}`)
    .sort(),
);

/**
 * Whether a root calls no module (in its configuration or its test files): such leaves need only
 * the provider, so they can share one initialised TF_DATA_DIR instead of each running `init`.
 */
export function isLeafRoot(root: string): boolean {
  const dir = join(terraformDir, root);
  const texts = [
    ...readdirSync(dir).filter((f) => f.endsWith('.tf')).map((f) => join(dir, f)),
    ...readdirSync(join(dir, 'tests')).filter((f) => f.endsWith('.tftest.hcl')).map((f) => join(dir, 'tests', f)),
  ].map((f) => readFileSync(f, 'utf8'));
  return !texts.some((t) => /^\s*module\s*("[^"]*"\s*)?\{/m.test(t));
}

/** Result of one terraform invocation. */
export interface TerraformResult {
  readonly args: readonly string[];
  readonly cwd: string;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A readable report for a failed assertion: command, exit code and the tail of its output. */
export function describeResult(r: TerraformResult): string {
  const tail = (s: string) => (s.length > 6000 ? `…${s.slice(-6000)}` : s);
  return `terraform ${r.args.join(' ')} (in ${relative(terraformDir, r.cwd) || '.'}) exited ${r.code}\n--- stdout ---\n${tail(r.stdout)}\n--- stderr ---\n${tail(r.stderr)}`;
}

const concurrency = Number(process.env.TF_TEST_CONCURRENCY ?? Math.max(2, availableParallelism()));
let running = 0;
const queue: Array<() => void> = [];

async function withSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= concurrency) await new Promise<void>((r) => queue.push(r));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    queue.shift()?.();
  }
}

/** Per-run scratch directory (data dirs, plan copies). */
export const runDir = mkdtempSync(join(tmpdir(), 'fintrack-tf-test-'));
// Plans and data dirs are scratch: removed when the worker exits (TF_TEST_KEEP=1 keeps them to debug).
if (process.env.TF_TEST_KEEP !== '1') process.on('exit', () => rmSync(runDir, { recursive: true, force: true }));

/** Runs terraform with the repo CLI config; never rejects, the caller asserts on `code`. */
export function terraform(args: readonly string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<TerraformResult> {
  return withSlot(
    () =>
      new Promise<TerraformResult>((resolveResult) => {
        const child = spawn('terraform', [...args], {
          cwd: opts.cwd,
          env: { ...terraformCliEnv(), ...opts.env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', (err) => resolveResult({ args, cwd: opts.cwd, code: -1, stdout, stderr: `${stderr}${String(err)}` }));
        child.on('close', (code) => resolveResult({ args, cwd: opts.cwd, code, stdout, stderr }));
      }),
  );
}

/** TF_DATA_DIR for a root in this run, so concurrent runs never share a `.terraform` directory. */
export function dataDirFor(root: string): string {
  const dir = join(runDir, 'data', root.replace(/[\\/]/g, '__'));
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Whether a usable terraform binary is on PATH, and a message when it is not. */
export function terraformStatus(): { ok: true; version: string } | { ok: false; message: string } {
  const r = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8', env: terraformCliEnv() });
  const install = `Install Terraform ${requiredTerraformVersion} (https://releases.hashicorp.com/terraform/${requiredTerraformVersion}/) and put it on PATH.`;
  if (r.error || r.status !== 0) return { ok: false, message: `terraform binary not found or not runnable. ${install}` };
  const version = (JSON.parse(r.stdout) as { terraform_version: string }).terraform_version;
  const [major, minor] = version.split('.').map(Number);
  if (major !== 1 || (minor ?? 0) < 11) return { ok: false, message: `terraform ${version} is too old (need >= 1.11 for S3 use_lockfile and terraform test). ${install}` };
  return { ok: true, version };
}

/**
 * describe() for suites that need the terraform binary. Without it: in CI (CI=true) the suite
 * fails with a clear message; locally it is skipped with instructions.
 */
export function describeTerraform(name: string, fn: () => void): void {
  const status = terraformStatus();
  if (status.ok) {
    describe(name, fn);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs the terraform binary', () => {
        throw new Error(`${status.message} (CI=true: Terraform tests must not be skipped in CI)`);
      });
    });
  } else {
    console.warn(`[test/terraform] skipping "${name}": ${status.message}`);
    describe.skip(name, fn);
  }
}

/** Dummy credentials and provider flags that let the real aws provider plan without AWS. */
const offlineOverride = `# Written by test/terraform/terraform.ts into a scratch copy only: local backend, no AWS calls.
terraform {
  backend "local" {}
}

provider "aws" {
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  allowed_account_ids         = null
}

provider "aws" {
  alias                       = "dr"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  allowed_account_ids         = null
}

provider "aws" {
  alias                       = "chatbot"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  allowed_account_ids         = null
}
`;

/** Dummy credentials for the child only: with the `skip_*` provider flags nothing calls AWS. */
export const OFFLINE_AWS_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIAOFFLINEPLAN00000',
  AWS_SECRET_ACCESS_KEY: 'offline-plan-dummy-secret',
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
} as const;

/** Variables an environment root needs that CI normally provides (no real values in the repo). */
export const planVariables = ['-var', 'route53_zone_id=Z0EXAMPLE00000000000'];

/** Identity of an environment, from its settings (environments/<env>/environment.tf). */
function chainContext(tfDir: string, env: Environment): ChainContext {
  const text = readFileSync(join(tfDir, 'environments', env, 'environment.tf'), 'utf8');
  const value = (name: string): string => {
    const m = new RegExp(`^\\s*${name}\\s*=\\s*"([^"]+)"`, 'm').exec(text);
    if (!m) throw new Error(`environments/${env}/environment.tf: ${name}: no literal value`);
    return m[1]!;
  };
  return { accountId: value('account_id'), region: value('region') };
}

/**
 * Offline plans of the six layer roots of `env` from any terraform/ folder (e.g. a walkthrough's
 * scratch clone), in apply order, each reading its upstream layers' planned outputs
 * (layer-chain.ts), as `terraform show -json` by layer; `key` names the scratch copy and data dirs
 * in this run. Plans of the same inputs (every file the roots read, the overrides, the variables,
 * the chain's rules, the toolchain) made on this machine before are read back instead
 * (result-cache.ts; never in CI).
 */
export async function layerPlansOf(sourceDir: string, env: Environment, key: string): Promise<Map<Layer, LayerPlan>> {
  const chainRules = readFileSync(new URL('./layer-chain.ts', import.meta.url), 'utf8');
  const digest = createHash('sha256')
    .update(layers.map((l) => rootDigest(join(sourceDir, 'environments', env, l), sourceDir, [env, offlineOverride, chainRules, ...planVariables])).join('\n'))
    .digest('hex');
  const stored = readCached<Record<string, LayerPlan>>(`plans-${env}`, digest);
  if (stored !== undefined) return new Map(Object.entries(stored) as Array<[Layer, LayerPlan]>);
  const plans = await makeLayerPlans(sourceDir, env, key);
  writeCached(`plans-${env}`, digest, Object.fromEntries(plans));
  return plans;
}

/** The six layer plans of `env` as one plan (layer-chain.ts mergePlans): what the checks read. */
export async function planOf(sourceDir: string, env: Environment, key: string): Promise<LayerPlan> {
  return mergePlans(await layerPlansOf(sourceDir, env, key));
}

/**
 * One `init` per layer for all environments of a terraform/ folder: the same layer has the same
 * module calls and providers in every environment (only backend.tf and environment.tf differ, and
 * the override replaces the backend), so the environments' plans share its data dir.
 */
const layerInits = new Map<string, Promise<string>>();
function initLayer(sourceDir: string, layer: Layer, cwd: string): Promise<string> {
  const id = `${sourceDir}\0${layer}`;
  let p = layerInits.get(id);
  if (!p) {
    const dataDir = dataDirFor(`init-${layerInits.size}-${layer}`);
    p = terraform(['init', '-no-color', '-input=false'], { cwd, env: { TF_DATA_DIR: dataDir, ...OFFLINE_AWS_ENV } }).then((r) => {
      if (r.code !== 0) throw new Error(`layer ${layer}: ${describeResult(r)}`);
      return dataDir;
    });
    layerInits.set(id, p);
  }
  return p;
}

async function makeLayerPlans(sourceDir: string, env: Environment, key: string): Promise<Map<Layer, LayerPlan>> {
  const copy = join(runDir, key, 'terraform');
  cpSync(sourceDir, copy, { recursive: true, filter: (src) => basename(src) !== '.terraform' && !basename(src).includes('.tfstate') });
  const ctx = chainContext(copy, env);
  const stateDir = join(runDir, key);
  const stateOf = (layer: Layer): string => join(stateDir, `${layer}.outputs.tfstate`);
  writeFileSync(join(copy, 'modules', 'layer-outputs', 'zz_offline_override.tf'), remoteStateOverride(stateDir));
  const plans = new Map<Layer, LayerPlan>();
  const read = new Set(layers.flatMap((l) => upstreamIfAny(join(copy, 'environments', env, l))));
  for (const layer of layers) {
    const cwd = join(copy, 'environments', env, layer);
    writeFileSync(join(cwd, 'zz_offline_override.tf'), offlineOverride);
    const childEnv = { TF_DATA_DIR: await initLayer(sourceDir, layer, cwd), ...OFFLINE_AWS_ENV };
    const r = await terraform(['plan', '-no-color', '-input=false', '-refresh=false', '-lock=false', '-out=offline.tfplan', ...planVariables], { cwd, env: childEnv });
    if (r.code !== 0) throw new Error(`layer ${layer} of ${env}: ${describeResult(r)}`);
    const show = await terraform(['show', '-json', 'offline.tfplan'], { cwd, env: childEnv });
    if (show.code !== 0) throw new Error(`layer ${layer} of ${env}: ${describeResult(show)}`);
    writeFileSync(join(runDir, `${key}-${layer}.json`), show.stdout);
    const plan = JSON.parse(show.stdout) as LayerPlan;
    plans.set(layer, plan);
    if (read.has(layer)) writeOutputsState(stateOf(layer), layer, plan, ctx);
  }
  return plans;
}

/** Reads the contract.json of an environment (written by `npm run synth`), validated. */
export function readContract(env: Environment, dir: string = terraformDir): AwsContract {
  return awsContractSchema.parse(JSON.parse(readFileSync(join(dir, 'environments', env, 'contract.json'), 'utf8')));
}
