/**
 * The catalog resolved once per environment: one entry per service, callers and callees mirror each
 * other, scheduling lands on a NodePool that exists with exactly its taints, and Gatekeeper exempts
 * only Kubernetes' namespaces and those add-ons run in.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../apps/catalog.ts';
import { NODE_POOLS, schedulingOf } from '../../apps/node-pools.ts';
import { policyExemptNamespaces } from '../../apps/policy-exemptions.ts';
import { resolveEnvironment } from '../../apps/resolved-environment.ts';

const catalog = loadCatalog();

describe('resolveEnvironment', () => {
  for (const env of catalog.environments) {
    const model = resolveEnvironment(catalog, env);

    it(`${env.spec.name}: resolves every service once, with the environment's image name and role`, () => {
      expect(model.services.map((s) => s.spec.name)).toEqual(catalog.services.map((s) => s.spec.name));
      expect(model.byName.size).toBe(catalog.services.length);
      for (const s of model.services) {
        expect(s.imageName).toBe(`${env.spec.ecrRegistry}/${s.spec.image.repository}`);
        expect(s.role.arn).toBe(env.names.serviceRoleArn(s.spec.name));
        expect(s.maxReplicas).toBe(s.settings.autoscaling ? s.settings.autoscaling.maxReplicas : s.settings.replicas);
      }
    });

    it(`${env.spec.name}: lists as callees exactly the services that name the caller`, () => {
      for (const caller of model.services) {
        const expected = model.services.filter((s) => s.spec.network.callers.includes(caller.spec.name)).map((s) => s.spec.name);
        expect((model.callees.get(caller.spec.name) ?? []).map((s) => s.spec.name)).toEqual(expected);
      }
    });

    it(`${env.spec.name}: groups services into teams sorted by name, each service in its namespace's team`, () => {
      expect(model.teams.map((t) => t.name)).toEqual([...new Set(model.services.map((s) => s.namespace))].sort());
      expect(model.teams.flatMap((t) => t.services).length).toBe(model.services.length);
      for (const t of model.teams) for (const s of t.services) expect(s.namespace).toBe(t.name);
    });
  }
});

describe('schedulingOf', () => {
  it.each(['on-demand', 'spot', 'gpu-spot'] as const)(
    '%s: selects a pool that exists, a capacity type it offers, and tolerates exactly its taints',
    (placement) => {
      const s = schedulingOf({ placement });
      const pool = NODE_POOLS[s.nodePool];
      expect(pool).toBeDefined();
      expect(pool.capacityTypes).toContain(s.capacityType);
      expect(s.taints).toEqual(pool.taints ?? []);
    },
  );

  it('keeps tainted pools for what asks for them: only gpu-spot lands on the GPU pool', () => {
    expect(schedulingOf({ placement: 'gpu-spot' }).nodePool).toBe('gpu-spot');
    expect(schedulingOf({ placement: 'on-demand' }).taints).toEqual([]);
    expect(schedulingOf({ placement: 'on-demand' }).capacityType).toBe('on-demand');
  });
});

describe('policyExemptNamespaces', () => {
  it('exempts Kubernetes namespaces and each add-on namespace once, sorted', () => {
    expect(
      policyExemptNamespaces([{ namespace: 'keda' }, { namespace: 'argocd' }, { namespace: 'argocd' }, { namespace: 'kube-system' }]),
    ).toEqual(['argocd', 'keda', 'kube-node-lease', 'kube-public', 'kube-system']);
  });

  it('does not exempt a namespace no add-on of the environment runs in', () => {
    for (const env of catalog.environments) {
      const model = resolveEnvironment(catalog, env);
      const exempt = policyExemptNamespaces(model.addons);
      for (const ns of exempt) if (!ns.startsWith('kube-')) expect(model.addons.some((a) => a.namespace === ns)).toBe(true);
      for (const team of model.teams) expect(exempt).not.toContain(team.name);
    }
  });
});
