/**
 * The network contract verify judges NetworkPolicies against: per service its declared callers,
 * public exposure and egress targets, and where each target is. Synth writes it into
 * `terraform/environments/<env>/catalog.json` (apps/terraform-catalog.ts) for Terraform; verify
 * reads that file, never the catalog YAML.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from './model.ts';
import { networkContractSchema, type NetworkContract } from './network-contract-schema.ts';

export { networkContractSchema, type NetworkContract };

/** Path of an environment's contract relative to the repository root. */
export function contractPath(env: string): string {
  return join('terraform', 'environments', env, 'catalog.json');
}

/** Reads the contracts of `envs` from `repoDir`; problems become `load` findings. */
export function loadNetworkContracts(
  repoDir: string,
  envs: readonly string[],
): { contracts: Map<string, NetworkContract>; findings: Finding[] } {
  const contracts = new Map<string, NetworkContract>();
  const findings: Finding[] = [];
  for (const env of envs) {
    const file = contractPath(env);
    const problem = (message: string): void => {
      findings.push({ check: 'load', env, app: '-', kind: 'Contract', name: file, rule: 'network-contract', severity: 'error', message });
    };
    const path = join(repoDir, file);
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
