/** peerCandidates: the pods a service's policies can admit, found through the pod index. */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../scripts/verify/model.ts';
import { ingressAllows, peerCandidates, type PolicyWorld } from '../../scripts/verify/network-policy.ts';
import type { PodEndpoint } from '../../scripts/verify/pod-endpoint.ts';
import { PodIndex } from '../../scripts/verify/pod-index.ts';

const pod = (namespace: string, app: string): PodEndpoint => ({
  kind: 'pod',
  name: `${namespace}/${app}`,
  namespace,
  labels: { app },
  ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
});
const np = (namespace: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'p', namespace },
  spec,
});
const world = (...policies: KubeObject[]): PolicyWorld => ({
  policies,
  namespaceLabels: (ns) => ({ 'kubernetes.io/metadata.name': ns, team: ns }),
});

describe('peerCandidates', () => {
  const web = pod('a', 'web');
  const api = pod('a', 'api');
  const other = pod('b', 'api');
  const worker = pod('a', 'worker');
  const index = new PodIndex([web, api, other, worker]);

  it('names only the pods a peer selects, and every pod ingressAllows admits is among them', () => {
    const w = world(
      np('a', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }] }] }),
    );
    const set = peerCandidates(w, web, 'Ingress', index);
    expect(set).toEqual(new Set([api]));
    for (const x of index.pods) expect(ingressAllows(w, web, x, 8080) ? set !== 'all' && set.has(x) : true).toBe(true);
  });

  it('follows a namespaceSelector across namespaces', () => {
    const w = world(
      np('a', {
        podSelector: { matchLabels: { app: 'web' } },
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'b' } }, podSelector: { matchLabels: { app: 'api' } } }] }],
      }),
    );
    expect(peerCandidates(w, web, 'Ingress', index)).toEqual(new Set([other]));
  });

  it("is 'all' without an isolating policy or with a rule that names no peer", () => {
    expect(peerCandidates(world(), web, 'Ingress', index)).toBe('all');
    const open = world(np('a', { podSelector: {}, ingress: [{ ports: [{ port: 8080 }] }] }));
    expect(peerCandidates(open, web, 'Ingress', index)).toBe('all');
  });
});
