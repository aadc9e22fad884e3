/** The network check: declared traffic is allowed end to end, and nothing undeclared is. */
import { describe, expect, it } from 'vitest';
import { networkCheck } from '../../scripts/verify/checks/network.ts';
import type { KubeObject } from '../../scripts/verify/model.ts';
import type { NetworkContract } from '../../scripts/verify/network-contract.ts';
import { clone, CRDS_DIR, deployment, inApp, model } from './fixtures.ts';

const NS = 'kubernetes.io/metadata.name';
const NAME = 'app.kubernetes.io/name';

/** A Deployment `name` in `namespace`, with an http port unless it is a worker. */
function workload(name: string, namespace: string, http = true): KubeObject {
  const d = { ...clone(deployment()), metadata: { name, namespace, labels: { [NAME]: name } } };
  d.spec.selector.matchLabels = { [NAME]: name };
  d.spec.template.metadata.labels = { [NAME]: name };
  if (!http) d.spec.template.spec.containers[0].ports = [{ name: 'metrics', containerPort: 9090 }];
  return d;
}
const peer = (name: string, namespace: string) => ({
  namespaceSelector: { matchLabels: { [NS]: namespace } },
  podSelector: { matchLabels: { [NAME]: name } },
});
const dns = {
  to: [{ namespaceSelector: { matchLabels: { [NS]: 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
  ports: [
    { protocol: 'UDP', port: 53 },
    { protocol: 'TCP', port: 53 },
  ],
};
const scrape = {
  from: [{ namespaceSelector: { matchLabels: { [NS]: 'monitoring' } }, podSelector: { matchLabels: { [NAME]: 'prometheus' } } }],
  ports: [{ protocol: 'TCP', port: 9090 }],
};
const policy = (name: string, namespace: string, ingress: unknown[], egress: unknown[]): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace },
  spec: { podSelector: { matchLabels: { [NAME]: name } }, policyTypes: ['Ingress', 'Egress'], ingress, egress },
});
const defaultDeny = (namespace: string): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'default-deny', namespace },
  spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
});

/** `web` (team a, port 8080) is called by the worker `client` (team b), which also reads AWS APIs. */
const contract: NetworkContract = {
  network: {
    vpcCidr: '10.0.0.0/16',
    targets: {
      'aws-apis': { cidrs: ['10.0.0.0/16'], except: [], ports: [443] },
      postgres: { cidrs: ['10.0.21.0/24'], except: [], ports: [5432] },
    },
  },
  services: [
    { name: 'web', namespace: 'a', network: { callers: ['client'], public: false, egress: [] } },
    { name: 'client', namespace: 'b', network: { callers: [], public: false, egress: ['aws-apis'] } },
  ],
};
const awsApis = { to: [{ ipBlock: { cidr: '10.0.0.0/16' } }], ports: [{ protocol: 'TCP', port: 443 }] };
const webPolicy = (): KubeObject =>
  policy('web', 'a', [{ from: [peer('client', 'b')], ports: [{ protocol: 'TCP', port: 8080 }] }, scrape], [dns]);
const clientPolicy = (
  egress: unknown[] = [dns, { to: [peer('web', 'a')], ports: [{ protocol: 'TCP', port: 8080 }] }, awsApis],
): KubeObject => policy('client', 'b', [scrape], egress);

async function messages(objects: KubeObject[], c: NetworkContract = contract): Promise<string[]> {
  const m = { ...model(inApp('svc', objects)), networkContracts: new Map([['prod', c]]) };
  return (await networkCheck.run(m, { crdsDir: CRDS_DIR })).map((f) => `${f.rule} ${f.name}: ${f.message}`);
}
const base = (): KubeObject[] => [
  workload('web', 'a'),
  workload('client', 'b', false),
  defaultDeny('a'),
  defaultDeny('b'),
  webPolicy(),
  clientPolicy(),
];

describe('network check', () => {
  it('passes policies that allow exactly the declared callers, scrapes, DNS and egress targets', async () => {
    expect(await messages(base())).toEqual([]);
  });

  it('fails a missing allow: the callee does not admit a declared caller', async () => {
    // GIVEN web's ingress without the client rule
    const objects = base().map((o) => (o.metadata.name === 'web' && o.kind === 'NetworkPolicy' ? policy('web', 'a', [scrape], [dns]) : o));
    expect(await messages(objects)).toEqual([
      'missing-allow a/web: web: b/client → port 8080 is denied (by its ingress), but network.callers lists client',
    ]);
  });

  it('fails an extra allow: a namespace-wide peer admits pods nobody declared', async () => {
    // GIVEN web admitting every pod of namespace b, not just client
    const wide = policy(
      'web',
      'a',
      [{ from: [{ namespaceSelector: { matchLabels: { [NS]: 'b' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }, scrape],
      [dns],
    );
    const objects = base().map((o) => (o.metadata.name === 'web' && o.kind === 'NetworkPolicy' ? wide : o));
    expect(await messages(objects)).toEqual([
      'extra-allow a/web: web: ingress from b/<any other pod> to port 8080/TCP is allowed but not declared',
    ]);
  });

  it('fails an egress CIDR that misses the endpoint, and the undeclared range it opens instead', async () => {
    // GIVEN client's aws-apis rule narrowed to the data subnet, while the endpoints are anywhere in the VPC
    const narrow = { to: [{ ipBlock: { cidr: '10.0.21.0/24' } }], ports: [{ protocol: 'TCP', port: 443 }] };
    const objects = base().map((o) =>
      o.metadata.name === 'client' && o.kind === 'NetworkPolicy'
        ? clientPolicy([dns, { to: [peer('web', 'a')], ports: [{ protocol: 'TCP', port: 8080 }] }, narrow])
        : o,
    );
    expect(await messages(objects)).toEqual([
      'missing-allow b/client: client: egress "aws-apis" needs 10.0.0.0/16 port 443, but 10.0.0.0–10.0.20.255 is denied',
    ]);
  });

  it('fails egress to addresses no declared target covers (postgres not declared)', async () => {
    const db = { to: [{ ipBlock: { cidr: '10.0.21.0/24' } }], ports: [{ protocol: 'TCP', port: 5432 }] };
    const objects = base().map((o) =>
      o.metadata.name === 'client' && o.kind === 'NetworkPolicy'
        ? clientPolicy([dns, { to: [peer('web', 'a')], ports: [{ protocol: 'TCP', port: 8080 }] }, awsApis, db])
        : o,
    );
    expect(await messages(objects)).toEqual([
      'extra-allow b/client: client: egress to 10.0.21.0–10.0.21.255 port 5432 is allowed but no declared egress target covers it',
    ]);
  });

  it('fails a pod without any policy: everything is allowed, nothing is declared', async () => {
    const objects = base().filter((o) => o.kind !== 'NetworkPolicy' || o.metadata.namespace !== 'b');
    const found = await messages(objects);
    expect(found).toContain(
      'extra-allow b/client: client: egress to 0.0.0.0–255.255.255.255 port 1 is allowed but no declared egress target covers it',
    );
    expect(found).toContain('extra-allow b/client: client: ingress from 0.0.0.0–255.255.255.255 to port 9090 is allowed but not declared');
  });

  it('fails a declared caller that dist/ does not render', async () => {
    const c = structuredClone(contract);
    c.services[0]!.network.callers.push('ghost');
    expect(await messages(base(), c)).toEqual([
      'missing-allow a/web: web: network.callers lists ghost, which dist/ does not render in prod: its calls cannot be allowed',
    ]);
  });

  it('reports nothing where no contract was loaded', async () => {
    expect((await networkCheck.run(model(inApp('svc', base())), { crdsDir: CRDS_DIR })).length).toBe(0);
  });
});

describe('network check with pod targets and a public ingress controller (k3s contract)', () => {
  // `web` is public through Traefik's pods and reads the in-cluster `db` (namespace data, port 5432).
  const k3s: NetworkContract = {
    network: {
      vpcCidr: '10.42.0.0/16',
      targets: {},
      podTargets: { postgres: { namespace: 'data', labels: { [NAME]: 'db' }, ports: [5432] } },
      publicFrom: { namespace: 'kube-system', labels: { [NAME]: 'traefik' }, ports: [] },
    },
    services: [{ name: 'web', namespace: 'a', network: { callers: [], public: true, egress: ['postgres'] } }],
  };
  const traefik = { from: [peer('traefik', 'kube-system')], ports: [{ protocol: 'TCP', port: 8080 }] };
  const toDb = { to: [peer('db', 'data')], ports: [{ protocol: 'TCP', port: 5432 }] };
  const db = (): KubeObject => {
    const d = workload('db', 'data', false);
    (d as any).spec.template.spec.containers[0].ports = [{ name: 'tcp', containerPort: 5432 }];
    return d;
  };
  const dbPolicy = (from = [peer('web', 'a')]): KubeObject =>
    policy('db', 'data', [{ from, ports: [{ protocol: 'TCP', port: 5432 }] }], []);
  const objects = (webIngress: unknown[] = [traefik, scrape], webEgress: unknown[] = [dns, toDb], store = dbPolicy()): KubeObject[] => [
    workload('web', 'a'),
    db(),
    defaultDeny('a'),
    policy('web', 'a', webIngress, webEgress),
    store,
  ];

  it('passes: Traefik reaches the public port, the service reaches its store and nothing else', async () => {
    expect(await messages(objects(), k3s)).toEqual([]);
  });

  it('fails when the store does not admit the service that declares it', async () => {
    expect(await messages(objects(undefined, undefined, dbPolicy([peer('other', 'a')])), k3s)).toEqual([
      'missing-allow a/web: web: egress "postgres" → data/db port 5432 is denied (by data/db\'s ingress)',
    ]);
  });

  it('fails when the public port does not admit the ingress controller', async () => {
    expect(await messages(objects([scrape]), k3s)).toEqual([
      'missing-allow a/web: web: public: kube-system/<ingress controller> → port 8080 is denied',
    ]);
  });

  it('fails an undeclared egress to a store: a service that does not declare postgres reaches it', async () => {
    const undeclared: NetworkContract = { ...k3s, services: [{ ...k3s.services[0]!, network: { callers: [], public: true, egress: [] } }] };
    expect(await messages(objects(), undeclared)).toEqual([
      'extra-allow a/web: web: egress to data/db port 5432/TCP is allowed but not declared',
    ]);
  });
});
