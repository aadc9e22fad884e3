/**
 * The tenancy check: a tenant namespace talks to no other namespace. GIVEN a tenant namespace
 * (label fintrack.io/tenant) and a team namespace with default-deny and per-workload policies
 * THEN nothing crosses; each broken fixture (a namespace-wide egress, an ingress from another
 * namespace, a tenant namespace without default-deny) is reported.
 */
import { describe, expect, it } from 'vitest';
import { tenancyCheck, TENANT_LABEL } from '../../scripts/verify/checks/tenancy.ts';
import type { KubeObject } from '../../scripts/verify/model.ts';
import { clone, CRDS_DIR, deployment, inApp, model } from './fixtures.ts';

const NS = 'kubernetes.io/metadata.name';
const NAME = 'app.kubernetes.io/name';

const namespace = (name: string, labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
});
function workload(name: string, ns: string): KubeObject {
  const d = { ...clone(deployment()), metadata: { name, namespace: ns, labels: { [NAME]: name } } };
  d.spec.selector.matchLabels = { [NAME]: name };
  d.spec.template.metadata.labels = { [NAME]: name };
  return d;
}
const defaultDeny = (ns: string): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'default-deny', namespace: ns },
  spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
});
const dns = {
  to: [{ namespaceSelector: { matchLabels: { [NS]: 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
  ports: [{ protocol: 'UDP', port: 53 }],
};
const scrape = {
  from: [{ namespaceSelector: { matchLabels: { [NS]: 'monitoring' } }, podSelector: { matchLabels: { [NAME]: 'prometheus' } } }],
  ports: [{ protocol: 'TCP', port: 9090 }],
};
const policy = (name: string, ns: string, ingress: unknown[], egress: unknown[]): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace: ns },
  spec: { podSelector: { matchLabels: { [NAME]: name } }, policyTypes: ['Ingress', 'Egress'], ingress, egress },
});

/** Tenant namespaces tenant-a and tenant-b (each a `reports` copy) and team namespace `team` (`api`). */
function base(): KubeObject[] {
  return [
    namespace('tenant-a', { [TENANT_LABEL]: 'a' }),
    namespace('tenant-b', { [TENANT_LABEL]: 'b' }),
    namespace('team'),
    ...['tenant-a', 'tenant-b', 'team'].map(defaultDeny),
    workload('reports', 'tenant-a'),
    workload('reports', 'tenant-b'),
    workload('api', 'team'),
    policy('reports', 'tenant-a', [scrape], [dns]),
    policy('reports', 'tenant-b', [scrape], [dns]),
    policy('api', 'team', [scrape], [dns]),
  ];
}

async function messages(objects: KubeObject[]): Promise<string[]> {
  return (await tenancyCheck.run(model(inApp('x', objects)), { crdsDir: CRDS_DIR })).map((f) => f.message);
}
const replace = (objects: KubeObject[], ns: string, name: string, by: KubeObject): KubeObject[] =>
  objects.map((o) => (o.kind === 'NetworkPolicy' && o.metadata.namespace === ns && o.metadata.name === name ? by : o));

describe('tenancy check', () => {
  it('passes tenant namespaces that allow only DNS and Prometheus', async () => {
    expect(await messages(base())).toEqual([]);
  });

  it('fails a tenant pod whose egress reaches every namespace', async () => {
    const wide = policy(
      'reports',
      'tenant-a',
      [scrape],
      [dns, { to: [{ namespaceSelector: {} }], ports: [{ protocol: 'TCP', port: 8080 }] }],
    );
    const found = await messages(replace(base(), 'tenant-a', 'reports', wide));
    // Both ends must allow: the other tenant's and the team's default-deny refuse it; namespaces
    // without policies (default, and kube-system and monitoring beyond their two platform paths) admit it.
    const m = (to: string): string =>
      `tenant a: tenant-a/reports → ${to} port 8080/TCP is allowed; a tenant namespace talks to no other namespace (only DNS and Prometheus)`;
    expect(found).toEqual([
      m('kube-system/kube-dns'),
      m('monitoring/prometheus'),
      m('default/<any other pod>'),
      m('kube-system/<any other pod>'),
      m('monitoring/<any other pod>'),
    ]);
  });

  it("fails a tenant pod that admits another tenant's pods", async () => {
    const open = policy(
      'reports',
      'tenant-a',
      [scrape, { from: [{ namespaceSelector: { matchLabels: { [NS]: 'tenant-b' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }],
      [dns],
    );
    const egress = policy(
      'reports',
      'tenant-b',
      [scrape],
      [dns, { to: [{ namespaceSelector: { matchLabels: { [NS]: 'tenant-a' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }],
    );
    const found = await messages(replace(replace(base(), 'tenant-a', 'reports', open), 'tenant-b', 'reports', egress));
    expect(found).toContain(
      'tenant a: tenant-b/reports → tenant-a/reports port 8080/TCP is allowed; a tenant namespace talks to no other namespace (only DNS and Prometheus)',
    );
    expect(found).toContain(
      'tenant b: tenant-b/reports → tenant-a/reports port 8080/TCP is allowed; a tenant namespace talks to no other namespace (only DNS and Prometheus)',
    );
  });

  it('fails a tenant pod reaching more of monitoring than Prometheus, or more of kube-system than DNS', async () => {
    const wide = policy(
      'reports',
      'tenant-a',
      [scrape],
      [dns, { to: [{ namespaceSelector: { matchLabels: { [NS]: 'monitoring' } } }], ports: [{ protocol: 'TCP', port: 443 }] }],
    );
    expect(await messages(replace(base(), 'tenant-a', 'reports', wide))).toEqual([
      'tenant a: tenant-a/reports → monitoring/prometheus port 443/TCP is allowed; a tenant namespace talks to no other namespace (only DNS and Prometheus)',
      'tenant a: tenant-a/reports → monitoring/<any other pod> port 443/TCP is allowed; a tenant namespace talks to no other namespace (only DNS and Prometheus)',
    ]);
  });

  it('fails a tenant namespace without default-deny where a pod has no policy', async () => {
    const objects = base().filter((o) => !(o.kind === 'NetworkPolicy' && o.metadata.namespace === 'tenant-a'));
    const found = await messages(objects);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((m) => m.startsWith('tenant a: '))).toBe(true);
  });

  it('ignores environments without tenant namespaces', async () => {
    expect(await messages(base().filter((o) => o.kind !== 'Namespace'))).toEqual([]);
  });
});
