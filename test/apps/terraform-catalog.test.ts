/**
 * The contract synth writes for Terraform and verify (`terraform/environments/<env>/catalog.json`):
 * the network and KEDA fields mirror the catalog for every service and environment.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../apps/catalog.ts';
import { effectiveSettings, egressRule } from '../../apps/resolve.ts';
import { EGRESS_TARGETS } from '../../apps/schema/service.ts';
import { terraformCatalog, terraformEnvironments } from '../../apps/terraform-catalog.ts';
import { networkContractSchema } from '../../scripts/verify/network-contract.ts';
import { resolveEnvironment } from '../../apps/resolved-environment.ts';

const catalog = loadCatalog();

describe('terraformEnvironments', () => {
  it('leaves out every environment without cloud IAM (k3s: no AWS base, no terraform/environments/<env>)', () => {
    const names = terraformEnvironments(catalog).map((e) => e.spec.name);
    for (const env of catalog.environments) expect(names.includes(env.spec.name)).toBe(env.platform.cloudIam);
    expect(catalog.environments.some((e) => !e.platform.cloudIam)).toBe(true);
    // and synth wrote no Terraform folder for them
    for (const env of catalog.environments) expect(existsSync(`terraform/environments/${env.spec.name}`)).toBe(env.platform.cloudIam);
  });
});

describe('terraformCatalog', () => {
  for (const env of terraformEnvironments(catalog)) {
    const written = terraformCatalog(resolveEnvironment(catalog, env)) as any;

    it(`${env.spec.name}: is a network contract verify accepts, locating every egress target`, () => {
      expect(networkContractSchema.safeParse(written).success).toBe(true);
      expect(Object.keys(written.network.targets).sort()).toEqual([...EGRESS_TARGETS].sort());
      for (const t of EGRESS_TARGETS) expect(written.network.targets[t].cidrs).toEqual(egressRule(t, env).cidrs);
      expect(written.network.vpcCidr).toBe(env.spec.network.vpcCidr);
    });

    it(`${env.spec.name}: carries each service's declared network needs and whether KEDA scales it`, () => {
      for (const { spec } of catalog.services) {
        const entry = written.services.find((s: any) => s.name === spec.name);
        expect(entry.network).toEqual({ callers: spec.network.callers, public: spec.network.public, egress: spec.network.egress });
        const autoscaling = effectiveSettings(spec, env).autoscaling;
        expect(entry.kedaScaled).toBe(Boolean(autoscaling && autoscaling.queue));
      }
    });
  }
});
