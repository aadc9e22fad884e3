/**
 * Offline plans of an environment's six layer roots, in apply order (scripts/tf-layers.ts), each
 * reading the layers before it the way `terraform_remote_state` will after apply: from a state
 * file holding the earlier layer's planned outputs. In a scratch copy only, an override file in
 * modules/layer-outputs points its `terraform_remote_state` at those local files instead of the S3
 * bucket (Terraform override files replace the arguments they set: hashicorp/terraform
 * internal/configs/module_merge.go).
 *
 * An output a plan cannot know (a VPC id, a KMS key's id, an endpoint) becomes a value shaped like
 * the one AWS assigns at apply (`unknownValue`), so every later layer plans against real
 * values, its variable validations included, instead of unknowns. An unknown output no rule knows
 * fails the chain, naming the layer and output.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { layers, type Layer } from '../../scripts/tf-layers.ts';
import { upstreamLayersIn } from './layer-contract.ts';

/** The `terraform show -json` parts the chain reads and merges. */
export interface LayerPlan {
  readonly resource_changes?: readonly unknown[];
  readonly planned_values?: { readonly outputs?: Record<string, { value?: unknown; sensitive?: boolean }> };
  readonly output_changes?: Record<string, { after?: unknown; after_unknown?: unknown; after_sensitive?: unknown }>;
  readonly prior_state?: { readonly values?: { readonly root_module?: { resources?: unknown[]; child_modules?: unknown[] } } };
  readonly configuration?: { readonly root_module?: { resources?: unknown[]; module_calls?: Record<string, unknown>; outputs?: Record<string, unknown> } };
}

/** Identity of the environment the placeholders are made for. */
export interface ChainContext {
  readonly accountId: string;
  readonly region: string;
}

/** Layers a layer root reads, from its upstream.tf (modules/layer-outputs `layers`). */
export function upstreamOf(layerDir: string): Layer[] {
  const names = upstreamLayersIn(readFileSync(join(layerDir, 'upstream.tf'), 'utf8'));
  const unknown = names.filter((n) => !(layers as readonly string[]).includes(n));
  if (unknown.length) throw new Error(`${layerDir}/upstream.tf: layers ${unknown.join(', ')}: not a layer of scripts/tf-layers.ts`);
  return names as Layer[];
}

/** Upstream layers of a root, or none when it has no upstream.tf (the first layers). */
export function upstreamIfAny(layerDir: string): Layer[] {
  try {
    return upstreamOf(layerDir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/**
 * The override (written into a scratch copy of modules/layer-outputs) that makes every layer read
 * its upstream layers from local state files `<stateDir>/<layer>.outputs.tfstate` instead of S3.
 */
export function remoteStateOverride(stateDir: string): string {
  return `data "terraform_remote_state" "layer" {\n  backend = "local"\n  config = {\n    path = "${stateDir}/\${each.key}.outputs.tfstate"\n  }\n}\n`;
}

const hex = (seed: string, n: number): string => createHash('sha256').update(seed).digest('hex').slice(0, n);

/**
 * A value shaped like what AWS assigns at apply to the unknown output `path` (output name, then
 * map keys / list indexes) of `layer`; undefined when no rule knows it.
 */
export function unknownValue(layer: Layer, path: readonly (string | number)[], ctx: ChainContext): string | undefined {
  const [output] = path;
  const seed = `${layer}.${path.join('.')}`;
  const uuid = `${hex(seed, 8)}-${hex(`${seed}1`, 4)}-4${hex(`${seed}2`, 3)}-8${hex(`${seed}3`, 3)}-${hex(`${seed}4`, 12)}`;
  const rules: Record<string, () => string> = {
    // EC2 ids: a type prefix and 17 hex digits (AWS EC2 API reference, "Resource IDs").
    vpc_id: () => `vpc-${hex(seed, 17)}`,
    private_subnet_ids: () => `subnet-${hex(seed, 17)}`,
    isolated_subnet_ids: () => `subnet-${hex(seed, 17)}`,
    nat_gateway_ids: () => `nat-${hex(seed, 17)}`,
    // A KMS key ARN names the key by a random UUID.
    kms_key_arns: () => `arn:aws:kms:${ctx.region}:${ctx.accountId}:key/${uuid}`,
    // RDS: resource id "db-" + 26 upper-case characters; endpoint <identifier>.<random>.<region>.rds.amazonaws.com.
    rds_resource_id: () => `db-${hex(seed, 26).toUpperCase()}`,
    rds_endpoint: () => `fintrack.${hex(seed, 12)}.${ctx.region}.rds.amazonaws.com`,
    redis_endpoint: () => `clustercfg.fintrack.${hex(seed, 6)}.use1.cache.amazonaws.com`,
    // EKS: the OIDC issuer is oidc.eks.<region>.amazonaws.com/id/<32 upper-case hex>.
    oidc_issuer_host: () => `oidc.eks.${ctx.region}.amazonaws.com/id/${hex('issuer', 32).toUpperCase()}`,
    oidc_provider_arn: () => `arn:aws:iam::${ctx.accountId}:oidc-provider/oidc.eks.${ctx.region}.amazonaws.com/id/${hex('issuer', 32).toUpperCase()}`,
    cluster_endpoint: () => `https://${hex(seed, 32).toUpperCase()}.gr7.${ctx.region}.eks.amazonaws.com`,
    // ACM certificates and WAFv2 web ACLs are named by random ids in their ARNs.
    edge_certificate_arn: () => `arn:aws:acm:${ctx.region}:${ctx.accountId}:certificate/${uuid}`,
    edge_waf_acl_arn: () => `arn:aws:wafv2:${ctx.region}:${ctx.accountId}:regional/webacl/fintrack-edge/${uuid}`,
    // CloudFront distribution ids: "E" and 13 upper-case characters.
    'spa.distribution_id': () => `E${hex(seed, 13).toUpperCase()}`,
  };
  return (rules[path.join('.')] ?? rules[String(output)])?.();
}

/** Terraform's JSON type of a value (state v4 outputs carry one). */
function ctyType(v: unknown): unknown {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (v === null || v === undefined) return 'dynamic';
  if (Array.isArray(v)) return ['tuple', v.map(ctyType)];
  return ['object', Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, ctyType(x)]))];
}

/** `after` with every unknown leaf (per `after_unknown`) replaced by `unknownValue`; throws naming a leaf no rule knows. */
export function fillUnknowns(layer: Layer, path: (string | number)[], after: unknown, unknown: unknown, ctx: ChainContext): unknown {
  if (unknown === true) {
    const v = unknownValue(layer, path, ctx);
    if (v === undefined)
      throw new Error(`layer ${layer}: output ${path.join('.')} is unknown until apply and test/terraform/layer-chain.ts unknownValue has no rule for it`);
    return v;
  }
  const unknownKeys = unknown && typeof unknown === 'object' ? Object.keys(unknown) : [];
  if (Array.isArray(after) || Array.isArray(unknown)) {
    const list = Array.isArray(after) ? after : [];
    const length = Math.max(list.length, Array.isArray(unknown) ? unknown.length : 0);
    return Array.from({ length }, (_, i) => fillUnknowns(layer, [...path, i], list[i], Array.isArray(unknown) ? unknown[i] : undefined, ctx));
  }
  if ((after && typeof after === 'object') || unknownKeys.length) {
    // The plan's `after` leaves out the keys whose values are unknown; `after_unknown` names them.
    const known = (after ?? {}) as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(known), ...unknownKeys])].sort();
    return Object.fromEntries(keys.map((k) => [k, fillUnknowns(layer, [...path, k], known[k], (unknown as Record<string, unknown> | undefined)?.[k], ctx)]));
  }
  return after;
}

/** The outputs a layer's plan will produce, unknown leaves filled (`fillUnknowns`); null outputs left out as Terraform does. */
export function filledOutputs(layer: Layer, plan: LayerPlan, ctx: ChainContext): Record<string, unknown> {
  const outputs: Record<string, unknown> = {};
  for (const [name, change] of Object.entries(plan.output_changes ?? {})) {
    const value = fillUnknowns(layer, [name], change.after, change.after_unknown, ctx);
    if (value !== null && value !== undefined) outputs[name] = value;
  }
  return outputs;
}

/** A state file (format v4) holding only the outputs a layer's plan will produce. */
export function outputsState(layer: Layer, plan: LayerPlan, ctx: ChainContext): string {
  return stateOf(layer, plan, filledOutputs(layer, plan, ctx));
}

function stateOf(layer: Layer, plan: LayerPlan, filled: Record<string, unknown>): string {
  const outputs = Object.fromEntries(
    Object.entries(filled).map(([name, value]) => [
      name,
      { value, type: ctyType(value), ...(plan.planned_values?.outputs?.[name]?.sensitive ? { sensitive: true } : {}) },
    ]),
  );
  return `${JSON.stringify({ version: 4, terraform_version: '1.11.4', serial: 1, lineage: `offline-${layer}`, outputs, resources: [], check_results: null }, null, 2)}\n`;
}

interface ConfigOutput {
  readonly expression?: { readonly references?: readonly string[] };
}
interface ConfigModuleCall {
  readonly module?: { readonly outputs?: Record<string, ConfigOutput> };
}
interface Change {
  address: string;
  mode: string;
  change: { after?: Record<string, unknown> | null; after_unknown?: Record<string, unknown> };
}

/**
 * Writes each filled scalar output back onto the resource attribute it exposes directly (root output
 * → `module.M.X` → `aws_T.N.attr`, e.g. networking's vpc_id → module.network.aws_vpc.this.id) when
 * the plan left it unknown, so the merged plan agrees with what later layers planned against: the
 * VPC carries the id the flow logs name. Returns the addresses patched.
 */
export function exposeOutputSources(plan: LayerPlan, outputs: Record<string, unknown>): string[] {
  const root = plan.configuration?.root_module as { outputs?: Record<string, ConfigOutput>; module_calls?: Record<string, ConfigModuleCall> } | undefined;
  const patched: string[] = [];
  for (const [name, value] of Object.entries(outputs)) {
    if (typeof value !== 'string') continue;
    const call = (root?.outputs?.[name]?.expression?.references ?? []).map((r) => /^module\.([^.[]+)\.([^.[]+)$/.exec(r)).find(Boolean);
    if (!call) continue;
    const refs = root?.module_calls?.[call[1]!]?.module?.outputs?.[call[2]!]?.expression?.references ?? [];
    const attrs = refs.map((r) => /^(aws_[a-z0-9_]+\.[a-z0-9_]+)\.([a-z_]+)$/.exec(r)).filter((m): m is RegExpExecArray => m !== null);
    if (attrs.length !== 1) continue;
    const address = `module.${call[1]}.${attrs[0]![1]}`;
    const attribute = attrs[0]![2]!;
    const change = (plan.resource_changes as Change[] | undefined)?.find((r) => r.mode === 'managed' && r.address === address);
    if (!change?.change.after || change.change.after_unknown?.[attribute] !== true) continue;
    change.change.after[attribute] = value;
    change.change.after_unknown[attribute] = false;
    patched.push(`${address}.${attribute}`);
  }
  return patched;
}

/** One plan of the six layers: resources, data sources, configuration and outputs of all (names are unique across layers). */
export function mergePlans(plans: ReadonlyMap<Layer, LayerPlan>): LayerPlan {
  const all = layers.map((l) => plans.get(l)).filter((p): p is LayerPlan => p !== undefined);
  const merged = <T>(pick: (p: LayerPlan) => Record<string, T> | undefined): Record<string, T> => Object.assign({}, ...all.map((p) => pick(p) ?? {}));
  return {
    resource_changes: all.flatMap((p) => p.resource_changes ?? []),
    planned_values: { outputs: merged((p) => p.planned_values?.outputs) },
    output_changes: merged((p) => p.output_changes),
    prior_state: {
      values: {
        root_module: {
          resources: all.flatMap((p) => p.prior_state?.values?.root_module?.resources ?? []),
          child_modules: all.flatMap((p) => p.prior_state?.values?.root_module?.child_modules ?? []),
        },
      },
    },
    configuration: {
      root_module: {
        resources: all.flatMap((p) => p.configuration?.root_module?.resources ?? []),
        module_calls: merged((p) => p.configuration?.root_module?.module_calls),
        outputs: merged((p) => p.configuration?.root_module?.outputs),
      },
    },
  };
}

/** Writes a layer's outputs state where its downstream layers' override reads it, and exposes them on their resources (`exposeOutputSources`). */
export function writeOutputsState(file: string, layer: Layer, plan: LayerPlan, ctx: ChainContext): void {
  const outputs = filledOutputs(layer, plan, ctx);
  writeFileSync(file, stateOf(layer, plan, outputs));
  exposeOutputSources(plan, outputs);
}
