/**
 * The network contract verify judges NetworkPolicies against: per service its declared callers,
 * public exposure and egress targets, and where each target is. Synth writes it into
 * `terraform/environments/<env>/catalog.json` (apps/terraform-catalog.ts) for Terraform; verify
 * reads that file, never the catalog YAML.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Finding } from './model.ts';
import { networkContractSchema, type NetworkContract } from './network-contract-schema.ts';

export { networkContractSchema, type NetworkContract };

/** Path of an environment's contract relative to the repository root. */
export function contractPath(env: string): string {
  return join('terraform', 'environments', env, 'catalog.json');
}

/** The contract synth writes beside an environment's app folders when Terraform has none for it (k3s). */
export const DIST_NETWORK_CONTRACT = 'network.json';

/**
 * Reads the contracts of `envs` from `repoDir` (`terraform/environments/<env>/catalog.json`, or
 * `<distDir>/<env>/network.json` for an environment without Terraform); problems become `load` findings.
 */
export function loadNetworkContracts(
  repoDir: string,
  envs: readonly string[],
  distDir?: string,
): { contracts: Map<string, NetworkContract>; findings: Finding[] } {
  const contracts = new Map<string, NetworkContract>();
  const findings: Finding[] = [];
  for (const env of envs) {
    const inDist = distDir === undefined ? undefined : join(distDir, env, DIST_NETWORK_CONTRACT);
    const useDist = inDist !== undefined && !existsSync(join(repoDir, contractPath(env))) && existsSync(inDist);
    const file = useDist ? join(basename(distDir as string), env, DIST_NETWORK_CONTRACT) : contractPath(env);
    const problem = (message: string): void => {
      findings.push({ check: 'load', env, app: '-', kind: 'Contract', name: file, rule: 'network-contract', severity: 'error', message });
    };
    const path = useDist ? (inDist as string) : join(repoDir, file);
    if (!existsSync(path)) {
      problem(`${file}: missing; run \`npm run synth\`, which writes it`);
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      problem(`${file}: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    const parsed = networkContractSchema.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problem(`${file}: ${issue.path.join('.')}: ${issue.message}`);
      continue;
    }
    contracts.set(env, parsed.data);
  }
  return { contracts, findings };
}
