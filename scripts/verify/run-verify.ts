/**
 * Runs every check on a dist/ folder. Checks are independent and read only the loaded model.
 */
import { admissionCheck } from './checks/admission.ts';
import { apiserverCheck } from './checks/apiserver.ts';
import { argocdCheck } from './checks/argocd.ts';
import { capacityCheck } from './checks/capacity.ts';
import { immutableCheck } from './checks/immutable.ts';
import { contractCheck, CONTRACTS_DIR } from './checks/contract.ts';
import { integrityCheck } from './checks/integrity.ts';
import { podSecurityCheck } from './checks/pod-security.ts';
import { referencesCheck } from './checks/references.ts';
import { resilienceCheck } from './checks/resilience.ts';
import { schemaCheck } from './checks/schema.ts';
import { storageCheck } from './checks/storage.ts';
import { dirname, join, resolve } from 'node:path';
import { loadDist } from './load-dist.ts';
import { loadNetworkContracts } from './network-contract.ts';
import { networkCheck } from './checks/network.ts';
import type { Check, DistModel, Finding, VerifyOptions } from './model.ts';
import { platformCheck } from './checks/platform.ts';
import { notApplicable, platformsByEnv } from './platform.ts';

/** Every check, in report order. */
export const CHECKS: readonly Check[] = [
  schemaCheck,
  apiserverCheck,
  podSecurityCheck,
  referencesCheck,
  admissionCheck,
  immutableCheck,
  integrityCheck,
  storageCheck,
  networkCheck,
  argocdCheck,
  resilienceCheck,
  capacityCheck,
  contractCheck,
  platformCheck,
];

/** A check that does not apply to an environment's platform, and why (printed instead of its findings). */
export interface NotApplicable {
  readonly env: string;
  readonly platform: string;
  readonly check: string;
  readonly reason: string;
}

/** The checks of `checks` that do not apply to each environment of `model` (by its platform marker). */
export function notApplicableChecks(model: DistModel, checks: readonly Check[] = CHECKS): NotApplicable[] {
  const out: NotApplicable[] = [];
  for (const [env, { platform }] of [...platformsByEnv(model.objects)].sort(([a], [b]) => a.localeCompare(b)))
    for (const check of checks) {
      const reason = notApplicable(platform, check.name);
      if (reason) out.push({ env, platform, check: check.name, reason });
    }
  return out;
}

/** What a run produced. */
export interface VerifyResult {
  /** Objects checked. */
  readonly objects: number;
  /** App folders read. */
  readonly apps: number;
  /** Every finding, loading problems first. */
  readonly findings: readonly Finding[];
  /** Rules per check (including `load`). */
  readonly rules: Readonly<Record<string, number>>;
  /** Checks skipped per environment because its platform makes them meaningless. @default [] */
  readonly notApplicable?: readonly NotApplicable[];
}

/** `check` with a stopwatch: reports its name, time and finding count to `progress` when done. */
function timed(check: Check, progress: (line: string) => void): Check {
  return {
    ...check,
    async run(model, options) {
      const started = performance.now();
      const findings = await check.run(model, options);
      progress(`verify: ${check.name} ${Math.round(performance.now() - started)} ms, ${findings.length} finding(s)`);
      return findings;
    },
  };
}

/** Runs the checks on an in-memory model (tests build these from small object lists). */
export async function verifyModel(model: DistModel, options: VerifyOptions, checks: readonly Check[] = CHECKS): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const check of checks) findings.push(...(await check.run(model, options)));
  // A check that does not apply to a platform (contract on k3s: no AWS) reports nothing there.
  const skipped = new Set(notApplicableChecks(model, checks).map((n) => `${n.env}\0${n.check}`));
  return skipped.size === 0 ? findings : findings.filter((f) => !skipped.has(`${f.env}\0${f.check}`));
}

/**
 * Loads `distDir` (optionally one environment), the network contracts synth wrote beside it
 * (`<distDir>/../terraform/environments/<env>/catalog.json`) and runs every check.
 */
export async function verifyDist(
  distDir: string,
  options: VerifyOptions & { readonly env?: string; readonly progress?: (line: string) => void },
): Promise<VerifyResult> {
  const started = performance.now();
  const progress = options.progress ?? (() => {});
  const loaded = loadDist(distDir, options.env);
  progress(`verify: load ${Math.round(performance.now() - started)} ms, ${loaded.findings.length} finding(s)`);
  const platforms = platformsByEnv(loaded.objects);
  const envs = [...new Set(loaded.apps.map((a) => a.env))].filter((e) => !notApplicable(platforms.get(e)?.platform ?? 'eks', 'network'));
  const { contracts, findings: contractFindings } = loadNetworkContracts(dirname(resolve(distDir)), envs, resolve(distDir));
  // The contracts sit in the same checkout as dist/: terraform/environments/<env>/contract.json.
  const contractsDir = options.contractsDir ?? join(dirname(resolve(distDir)), CONTRACTS_DIR);
  const findings = [
    ...loaded.findings,
    ...contractFindings,
    ...(await verifyModel(
      { ...loaded, networkContracts: contracts },
      { ...options, contractsDir },
      CHECKS.map((c) => timed(c, progress)),
    )),
  ];
  progress(`verify: ${loaded.objects.length} objects in ${Math.round(performance.now() - started)} ms`);
  const rules: Record<string, number> = { load: 8 };
  for (const c of CHECKS) rules[c.name] = c.rules.length;
  const skipped = notApplicableChecks(loaded);
  for (const n of skipped) progress(`verify: ${n.check} does not apply to ${n.env} (${n.platform}): ${n.reason}`);
  return { objects: loaded.objects.length, apps: loaded.apps.length, findings, rules, notApplicable: skipped };
}
