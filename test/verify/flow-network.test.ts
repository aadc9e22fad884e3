/**
 * verify's network check on the calls a flow derives (apps/flows/*.yaml): on the committed dist/
 * and its contract the flow's calls are allowed and nothing else is; a NetworkPolicy missing a
 * flow call, or a contract no longer stating one the policies still allow, fails. Service names
 * come from the flow declarations, never from this file.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../apps/catalog.ts';
import { networkCheck } from '../../scripts/verify/checks/network.ts';
import { loadDist } from '../../scripts/verify/load-dist.ts';
import type { DistModel, DistObject } from '../../scripts/verify/model.ts';
import { loadNetworkContracts, type NetworkContract } from '../../scripts/verify/network-contract.ts';
import { clone, CRDS_DIR } from './fixtures.ts';

const ENV = 'prod';
const NAME = 'app.kubernetes.io/name';
const flows = loadCatalog().flows.map((f) => f.spec);
const dist = loadDist('dist', ENV);
const contract = loadNetworkContracts('.', [ENV]).contracts.get(ENV)!;

async function findings(objects: readonly DistObject[], c: NetworkContract = contract): Promise<string[]> {
  const m: DistModel = { objects, apps: dist.apps, networkContracts: new Map([[ENV, c]]) };
  return (await networkCheck.run(m, { crdsDir: CRDS_DIR })).map((f) => `${f.rule}: ${f.message}`);
}

const serviceOf = (name: string) => contract.services.find((s) => s.name === name)!;

describe('network check on the flows', () => {
  it('states every flow call in the contract verify reads (callers of accept, data and notify)', () => {
    expect(flows.length).toBeGreaterThan(0);
    for (const f of flows) {
      expect(serviceOf(f.accept.service).network.callers).toContain(f.accept.via);
      expect(serviceOf(f.data).network.callers).toContain(f.worker);
      expect(serviceOf(f.notify.service).network.callers).toContain(f.worker);
      expect(serviceOf(f.notify.service).network.egress).toContain('internet-https');
    }
  });

  it('passes the committed dist/: the flow calls are allowed and nothing else is', async () => {
    expect(await findings(dist.objects)).toEqual([]);
  });

  it("fails when a data service's NetworkPolicy drops the worker's call", async () => {
    for (const f of flows) {
      // GIVEN the rendered objects with the worker removed from the data service's ingress peers
      const objects = dist.objects.map((o) => {
        if (o.object.kind !== 'NetworkPolicy' || o.object.metadata.name !== f.data) return o;
        const object = clone(o.object) as DistObject['object'] & {
          spec: { ingress: { from: { podSelector?: { matchLabels?: Record<string, string> } }[] }[] };
        };
        for (const rule of object.spec.ingress) rule.from = rule.from.filter((p) => p.podSelector?.matchLabels?.[NAME] !== f.worker);
        object.spec.ingress = object.spec.ingress.filter((r) => r.from.length > 0);
        return { ...o, object };
      });
      // WHEN verified THEN the declared call is missing, naming both sides
      const workerNs = serviceOf(f.worker).namespace;
      expect(await findings(objects)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^missing-allow: ${f.data}: ${workerNs}/${f.worker} → port \\d+ is denied \\(by its ingress\\), but network.callers lists ${f.worker}$`,
          ),
        ),
      ]);
    }
  });

  it('fails when the policies allow a call the flow no longer states', async () => {
    for (const f of flows) {
      // GIVEN a contract in which the data service no longer lists the worker (the flow without its data step)
      const c: NetworkContract = {
        ...contract,
        services: contract.services.map((s) =>
          s.name === f.data ? { ...s, network: { ...s.network, callers: s.network.callers.filter((x) => x !== f.worker) } } : s,
        ),
      };
      // WHEN the committed dist/ is verified against it THEN both ends of the call are extra
      const messages = await findings(dist.objects, c);
      const workerNs = serviceOf(f.worker).namespace;
      expect(messages.some((m) => m.startsWith(`extra-allow: ${f.data}: ingress from ${workerNs}/${f.worker} to port`))).toBe(true);
      expect(messages.some((m) => m.startsWith(`extra-allow: ${f.worker}: egress to ${serviceOf(f.data).namespace}/${f.data} port`))).toBe(
        true,
      );
    }
  });
});
