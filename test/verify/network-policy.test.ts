/** NetworkPolicy semantics of the evaluator (k8s.io/api networking/v1). */
import { describe, expect, it } from 'vitest';
import { parseIp } from '../../scripts/verify/ipv4.ts';
import type { KubeObject } from '../../scripts/verify/model.ts';
import { egressAllows, egressIpRanges, ingressAllows, policyTypes, type PolicyWorld } from '../../scripts/verify/network-policy.ts';
import type { PodEndpoint } from '../../scripts/verify/pod-endpoint.ts';

const pod = (namespace: string, app: string, ports = [{ name: 'http', port: 8080, protocol: 'TCP' }]): PodEndpoint => ({
  kind: 'pod',
  name: `${namespace}/${app}`,
  namespace,
  labels: { app },
  ports,
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
const ip = (s: string) => ({ kind: 'ip' as const, ip: parseIp(s) ?? 0 });

describe('NetworkPolicy evaluator', () => {
  it('defaults policyTypes to Ingress, plus Egress when egress rules exist', () => {
    expect(policyTypes(np('a', { podSelector: {} }))).toEqual(['Ingress']);
    expect(policyTypes(np('a', { podSelector: {}, egress: [] }))).toEqual(['Ingress', 'Egress']);
  });

  it('allows everything for pods no policy selects, and nothing else once one isolates them', () => {
    const w = world(np('a', { podSelector: { matchLabels: { app: 'web' } }, ingress: [] }));
    expect(ingressAllows(w, pod('a', 'other'), pod('b', 'x'), 8080)).toBe(true);
    expect(ingressAllows(w, pod('a', 'web'), pod('b', 'x'), 8080)).toBe(false);
    // Ingress-only policy: egress stays open
    expect(egressAllows(w, pod('a', 'web'), ip('1.2.3.4'), 443)).toBe(true);
  });

  it('reads a podSelector-only peer in the policy namespace and a namespaceSelector with podSelector as their intersection', () => {
    const w = world(
      np('a', {
        podSelector: {},
        ingress: [
          {
            from: [
              { podSelector: { matchLabels: { app: 'c' } } },
              { namespaceSelector: { matchLabels: { team: 'b' } }, podSelector: { matchLabels: { app: 'd' } } },
            ],
          },
        ],
      }),
    );
    expect(ingressAllows(w, pod('a', 'web'), pod('a', 'c'), 8080)).toBe(true);
    expect(ingressAllows(w, pod('a', 'web'), pod('b', 'c'), 8080)).toBe(false);
    expect(ingressAllows(w, pod('a', 'web'), pod('b', 'd'), 8080)).toBe(true);
    expect(ingressAllows(w, pod('a', 'web'), pod('c', 'd'), 8080)).toBe(false);
  });

  it('matches named ports on the destination pod, port ranges and protocols (TCP by default)', () => {
    const w = world(np('a', { podSelector: {}, ingress: [{ ports: [{ port: 'http' }, { protocol: 'UDP', port: 5000, endPort: 5010 }] }] }));
    expect(ingressAllows(w, pod('a', 'web'), pod('b', 'x'), 8080)).toBe(true);
    expect(ingressAllows(w, pod('a', 'web'), pod('b', 'x'), 9090)).toBe(false);
    expect(ingressAllows(w, pod('a', 'web'), pod('b', 'x'), 5005, 'UDP')).toBe(true);
    expect(ingressAllows(w, pod('a', 'web'), pod('b', 'x'), 5005, 'TCP')).toBe(false);
  });

  it('applies ipBlock except, unions policies, and does not apply ipBlocks to pods', () => {
    const w = world(
      np('a', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.1.0/24'] } }], ports: [{ port: 443 }] }],
      }),
      np('a', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '10.0.1.128/25' } }], ports: [{ port: 443 }] }],
      }),
    );
    const web = pod('a', 'web');
    expect(egressAllows(w, web, ip('10.0.2.1'), 443)).toBe(true);
    expect(egressAllows(w, web, ip('10.0.1.1'), 443)).toBe(false);
    expect(egressAllows(w, web, ip('10.0.1.200'), 443)).toBe(true);
    expect(egressAllows(w, web, pod('b', 'x'), 443)).toBe(false);
    expect(egressIpRanges(w, web, 443).length).toBe(3);
    expect(egressIpRanges(w, web, 80)).toEqual([]);
  });
});
