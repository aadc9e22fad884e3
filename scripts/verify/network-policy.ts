/**
 * A NetworkPolicy evaluator following k8s.io/api networking/v1 (types.go: NetworkPolicySpec,
 * NetworkPolicyIngressRule, NetworkPolicyEgressRule, NetworkPolicyPeer, NetworkPolicyPort, IPBlock):
 *
 * - a policy selects the pods of its own namespace matching `spec.podSelector` (empty: all);
 * - `policyTypes` defaults to Ingress, plus Egress when `spec.egress` is present;
 * - a pod is isolated in a direction when any policy selecting it has that type, and then only
 *   traffic some rule of those policies allows passes (policies are additive, never deny);
 * - a rule with no `from`/`to` matches every peer, with no `ports` every port;
 * - a peer with only `podSelector` means pods of the policy's namespace, with only
 *   `namespaceSelector` every pod of the matching namespaces, with both their intersection;
 *   `ipBlock` matches addresses in `cidr` outside every `except` and, as the API documents
 *   ("cluster-external IPs"), is not applied to pods here;
 * - a port's protocol defaults to TCP; no `port` matches every port of that protocol; a named port
 *   is the destination pod's container port of that name; `endPort` makes a range.
 *
 * A connection passes when the source's egress and the destination's ingress both allow it.
 */
import { cidrRange, contains, subtract, type IpRange } from './ipv4.ts';
import { matchesLabelSelector } from './label-selector.ts';
import { arr, rec, type KubeObject } from './model.ts';
import type { PodEndpoint } from './pod-endpoint.ts';
import type { PodIndex } from './pod-index.ts';

/** An address outside the pod network (a database, an AWS endpoint, the internet, a load balancer). */
export interface IpEndpoint {
  readonly kind: 'ip';
  readonly ip: number;
}

/** Either end of a connection. */
export type Endpoint = PodEndpoint | IpEndpoint;

/** What the evaluator knows about the cluster. */
export interface PolicyWorld {
  /** Every NetworkPolicy. */
  readonly policies: readonly KubeObject[];
  /** Labels of a namespace (including `kubernetes.io/metadata.name`). */
  namespaceLabels(namespace: string): Record<string, string>;
}

type Direction = 'Ingress' | 'Egress';

/** The effective `policyTypes` of a policy. */
export function policyTypes(policy: KubeObject): Direction[] {
  const spec = rec(policy.spec);
  const declared = arr(spec.policyTypes).map(String);
  if (declared.length > 0) return declared.filter((t): t is Direction => t === 'Ingress' || t === 'Egress');
  return spec.egress !== undefined ? ['Ingress', 'Egress'] : ['Ingress'];
}

// Remembered per world and pod (both read-only): checks ask for the same pod's policies once per
// peer and port, and scanning every policy each time made verify's network check cubic.
const isolatingMemo = new WeakMap<PolicyWorld, WeakMap<PodEndpoint, Partial<Record<Direction, KubeObject[]>>>>();

/** Policies that select `pod` and isolate it in `direction`. */
export function isolating(world: PolicyWorld, pod: PodEndpoint, direction: Direction): KubeObject[] {
  let pods = isolatingMemo.get(world);
  if (!pods) isolatingMemo.set(world, (pods = new WeakMap()));
  let directions = pods.get(pod);
  if (!directions) pods.set(pod, (directions = {}));
  return (directions[direction] ??= selecting(world, pod, direction));
}

function selecting(world: PolicyWorld, pod: PodEndpoint, direction: Direction): KubeObject[] {
  return world.policies.filter(
    (p) =>
      (p.metadata.namespace ?? 'default') === pod.namespace &&
      matchesLabelSelector(rec(p.spec).podSelector, pod.labels) &&
      policyTypes(p).includes(direction),
  );
}

/**
 * The pods among `index` that some `direction` rule of `pod`'s isolating policies names as a peer,
 * or 'all' when any pod may pass (no isolating policy, or a rule without peers). A pod outside the
 * set is denied whatever the port, so callers comparing every pair can skip it.
 */
export function peerCandidates(
  world: PolicyWorld,
  pod: PodEndpoint,
  direction: Direction,
  index: PodIndex,
): ReadonlySet<PodEndpoint> | 'all' {
  const policies = isolating(world, pod, direction);
  if (policies.length === 0) return 'all';
  const out = new Set<PodEndpoint>();
  for (const p of policies) {
    for (const rule of arr(rec(p.spec)[direction === 'Ingress' ? 'ingress' : 'egress']).map(rec)) {
      const peers = arr(rule[direction === 'Ingress' ? 'from' : 'to']).map(rec);
      if (peers.length === 0) return 'all';
      const ns = p.metadata.namespace ?? 'default';
      for (const peer of peers) {
        if (peer.ipBlock !== undefined) continue;
        for (const other of index.possible(peer, ns)) if (peerMatches(world, peer, ns, other)) out.add(other);
      }
    }
  }
  return out;
}

/** The addresses an ipBlock peer matches. */
export function ipBlockRanges(ipBlock: unknown): IpRange[] {
  const b = rec(ipBlock);
  const cidr = typeof b.cidr === 'string' ? cidrRange(b.cidr) : undefined;
  if (!cidr) return [];
  const except = arr(b.except)
    .map((e) => (typeof e === 'string' ? cidrRange(e) : undefined))
    .filter((r): r is IpRange => r !== undefined);
  return subtract([cidr], except);
}

function peerMatches(world: PolicyWorld, peer: Record<string, unknown>, policyNamespace: string, other: Endpoint): boolean {
  if (peer.ipBlock !== undefined) return other.kind === 'ip' && contains(ipBlockRanges(peer.ipBlock), other.ip);
  if (other.kind !== 'pod') return false;
  const nsOk =
    peer.namespaceSelector === undefined
      ? other.namespace === policyNamespace
      : matchesLabelSelector(peer.namespaceSelector, world.namespaceLabels(other.namespace));
  const podOk = peer.podSelector === undefined || matchesLabelSelector(peer.podSelector, other.labels);
  return nsOk && podOk;
}

function portMatches(ports: unknown, port: number, protocol: string, destination: Endpoint): boolean {
  const list = arr(ports).map(rec);
  if (list.length === 0) return true;
  return list.some((p) => {
    if (String(p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'string') {
      if (/^\d+$/.test(p.port)) return Number(p.port) === port;
      return destination.kind === 'pod' && destination.ports.some((c) => c.name === p.port && c.port === port && c.protocol === protocol);
    }
    const start = Number(p.port);
    const end = p.endPort === undefined ? start : Number(p.endPort);
    return port >= start && port <= end;
  });
}

/** Whether the policies selecting `pod` let it send to `to` on `port`/`protocol`. */
export function egressAllows(world: PolicyWorld, pod: PodEndpoint, to: Endpoint, port: number, protocol = 'TCP'): boolean {
  const policies = isolating(world, pod, 'Egress');
  if (policies.length === 0) return true;
  return policies.some((p) =>
    arr(rec(p.spec).egress)
      .map(rec)
      .some((rule) => {
        const peers = arr(rule.to).map(rec);
        const peerOk = peers.length === 0 || peers.some((peer) => peerMatches(world, peer, pod.namespace, to));
        return peerOk && portMatches(rule.ports, port, protocol, to);
      }),
  );
}

/** Whether the policies selecting `pod` let it receive from `from` on its `port`/`protocol`. */
export function ingressAllows(world: PolicyWorld, pod: PodEndpoint, from: Endpoint, port: number, protocol = 'TCP'): boolean {
  const policies = isolating(world, pod, 'Ingress');
  if (policies.length === 0) return true;
  return policies.some((p) =>
    arr(rec(p.spec).ingress)
      .map(rec)
      .some((rule) => {
        const peers = arr(rule.from).map(rec);
        const peerOk = peers.length === 0 || peers.some((peer) => peerMatches(world, peer, pod.namespace, from));
        return peerOk && portMatches(rule.ports, port, protocol, pod);
      }),
  );
}

/** Whether a connection passes both ends' policies. */
export function connectionAllowed(world: PolicyWorld, from: Endpoint, to: Endpoint, port: number, protocol = 'TCP'): boolean {
  const out = from.kind === 'pod' ? egressAllows(world, from, to, port, protocol) : true;
  const inn = to.kind === 'pod' ? ingressAllows(world, to, from, port, protocol) : true;
  return out && inn;
}

/**
 * The addresses `pod` may send to on `port`/`protocol` (pod peers aside): every address when no
 * policy isolates its egress or a matching rule has no `to`, else the union of matching ipBlocks.
 */
export function egressIpRanges(world: PolicyWorld, pod: PodEndpoint, port: number, protocol = 'TCP'): IpRange[] {
  const all: IpRange[] = [{ first: 0, last: 2 ** 32 - 1 }];
  const policies = isolating(world, pod, 'Egress');
  if (policies.length === 0) return all;
  const out: IpRange[] = [];
  for (const p of policies) {
    for (const rule of arr(rec(p.spec).egress).map(rec)) {
      if (!portMatches(rule.ports, port, protocol, { kind: 'ip', ip: 0 })) continue;
      const peers = arr(rule.to).map(rec);
      if (peers.length === 0) return all;
      for (const peer of peers) if (peer.ipBlock !== undefined) out.push(...ipBlockRanges(peer.ipBlock));
    }
  }
  return out;
}

/** The addresses `pod` accepts on `port`/`protocol` from outside the pod network. */
export function ingressIpRanges(world: PolicyWorld, pod: PodEndpoint, port: number, protocol = 'TCP'): IpRange[] {
  const all: IpRange[] = [{ first: 0, last: 2 ** 32 - 1 }];
  const policies = isolating(world, pod, 'Ingress');
  if (policies.length === 0) return all;
  const out: IpRange[] = [];
  for (const p of policies) {
    for (const rule of arr(rec(p.spec).ingress).map(rec)) {
      if (!portMatches(rule.ports, port, protocol, pod)) continue;
      const peers = arr(rule.from).map(rec);
      if (peers.length === 0) return all;
      for (const peer of peers) if (peer.ipBlock !== undefined) out.push(...ipBlockRanges(peer.ipBlock));
    }
  }
  return out;
}
