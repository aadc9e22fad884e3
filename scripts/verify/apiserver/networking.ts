/**
 * NetworkPolicy and Ingress (k8s.io/kubernetes pkg/apis/networking/validation).
 */
import { arr, rec, type KubeObject } from '../model.ts';
import { isDNS1035Label, isDNS1123Subdomain, isHostName, isValidPortName, isValidPortNum, parseCIDR } from './names.ts';
import type { Problems } from './problems.ts';
import { validateLabelSelector } from './selectors.ts';

/** Rules of this module. */
export const NETWORKING_RULES = [
  'networkpolicy-peers',
  'networkpolicy-ports',
  'networkpolicy-types',
  'ingress-rules',
  'ingress-backend',
] as const;

function ipv4Range(cidr: string): [number, number] | undefined {
  const parsed = parseCIDR(cidr);
  if (typeof parsed === 'string' || parsed.family !== 4) return undefined;
  const [address = ''] = cidr.split('/');
  const ip = address.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  const size = 2 ** (32 - parsed.bits);
  const start = Math.floor(ip / size) * size;
  return [start, start + size - 1];
}

// networking/validation ValidateIPBlock: a valid CIDR; every except a strict subset of it
function ipBlock(block: Record<string, unknown>, f: string, p: Problems): void {
  const cidr = String(block.cidr ?? '');
  const parsed = parseCIDR(cidr);
  if (typeof parsed === 'string') return p.add('networkpolicy-peers', `${f}.cidr`, parsed);
  const outer = ipv4Range(cidr);
  arr(block.except).forEach((raw, i) => {
    const ex = String(raw);
    const inner = parseCIDR(ex);
    if (typeof inner === 'string') return p.add('networkpolicy-peers', `${f}.except[${i}]`, inner);
    const r = ipv4Range(ex);
    if (outer && r && !(r[0] >= outer[0] && r[1] <= outer[1] && inner.bits > parsed.bits))
      p.add('networkpolicy-peers', `${f}.except[${i}]`, `"${ex}" must be a strict subset of \`cidr\` ${cidr}`);
  });
}

// networking/validation ValidateNetworkPolicyPeer / ValidateNetworkPolicyPort
function rule(r: Record<string, unknown>, peersKey: string, f: string, p: Problems): void {
  arr(r.ports).forEach((raw, i) => {
    const port = rec(raw);
    const pf = `${f}.ports[${i}]`;
    if (port.protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(String(port.protocol)))
      p.add('networkpolicy-ports', `${pf}.protocol`, `Unsupported value: "${String(port.protocol)}"`);
    if (typeof port.port === 'number') {
      p.add('networkpolicy-ports', `${pf}.port`, ...isValidPortNum(port.port));
      if (port.endPort !== undefined && !(Number(port.endPort) >= port.port))
        p.add('networkpolicy-ports', `${pf}.endPort`, 'must be greater than or equal to `port`');
    } else if (typeof port.port === 'string') {
      p.add('networkpolicy-ports', `${pf}.port`, ...isValidPortName(port.port));
      if (port.endPort !== undefined) p.add('networkpolicy-ports', `${pf}.endPort`, 'may not be specified when `port` is non-numeric');
    } else if (port.endPort !== undefined) {
      p.add('networkpolicy-ports', `${pf}.endPort`, 'may not be specified when `port` is not specified');
    }
  });
  arr(r[peersKey]).forEach((raw, i) => {
    const peer = rec(raw);
    const pf = `${f}.${peersKey}[${i}]`;
    const selectors = ['podSelector', 'namespaceSelector'].filter((k) => peer[k] !== undefined);
    if (peer.ipBlock !== undefined && selectors.length > 0)
      p.add('networkpolicy-peers', pf, 'may not specify both ipBlock and another peer');
    if (peer.ipBlock === undefined && selectors.length === 0) p.add('networkpolicy-peers', pf, 'must specify a peer');
    for (const s of selectors) validateLabelSelector(peer[s], `${pf}.${s}`, 'networkpolicy-peers', p);
    if (peer.ipBlock !== undefined) ipBlock(rec(peer.ipBlock), `${pf}.ipBlock`, p);
  });
}

/** Checks a networking/v1 NetworkPolicy (ValidateNetworkPolicySpec). */
export function validateNetworkPolicy(obj: KubeObject, p: Problems): void {
  const spec = rec(obj.spec);
  validateLabelSelector(spec.podSelector, 'spec.podSelector', 'networkpolicy-peers', p);
  arr(spec.ingress).forEach((r, i) => rule(rec(r), 'from', `spec.ingress[${i}]`, p));
  arr(spec.egress).forEach((r, i) => rule(rec(r), 'to', `spec.egress[${i}]`, p));
  const types = arr(spec.policyTypes).map(String);
  if (types.length > 2) p.add('networkpolicy-types', 'spec.policyTypes', 'may not specify more than two policyTypes');
  for (const t of types)
    if (t !== 'Ingress' && t !== 'Egress') p.add('networkpolicy-types', 'spec.policyTypes', `Unsupported value: "${t}"`);
}

// networking/validation validateIngressBackend: exactly one of service and resource; a service
// names a DNS-1035 Service and exactly one of port.name / port.number
function backend(b: Record<string, unknown>, f: string, p: Problems): void {
  const svc = b.service === undefined ? undefined : rec(b.service);
  if ((svc === undefined) === (b.resource === undefined))
    return p.add('ingress-backend', f, 'must specify exactly one of service or resource');
  if (!svc) return;
  p.add('ingress-backend', `${f}.service.name`, ...isDNS1035Label(String(svc.name ?? '')));
  const port = rec(svc.port);
  if ((port.name === undefined) === (port.number === undefined))
    p.add('ingress-backend', `${f}.service.port`, 'must specify exactly one of name or number');
  else if (port.name !== undefined) p.add('ingress-backend', `${f}.service.port.name`, ...isValidPortName(String(port.name)));
  else p.add('ingress-backend', `${f}.service.port.number`, ...isValidPortNum(port.number));
}

/** Checks a networking/v1 Ingress (ValidateIngressSpec, validateIngressRules, validateHTTPIngressPath). */
export function validateIngress(obj: KubeObject, p: Problems): void {
  const spec = rec(obj.spec);
  if (typeof spec.ingressClassName === 'string')
    p.add('ingress-rules', 'spec.ingressClassName', ...isDNS1123Subdomain(spec.ingressClassName));
  if (spec.defaultBackend !== undefined) backend(rec(spec.defaultBackend), 'spec.defaultBackend', p);
  else if (arr(spec.rules).length === 0) p.add('ingress-rules', 'spec.rules', 'either `defaultBackend` or `rules` must be specified');
  arr(spec.rules).forEach((raw, i) => {
    const r = rec(raw);
    const f = `spec.rules[${i}]`;
    if (typeof r.host === 'string' && r.host !== '') {
      if (/^[\d.]+$/.test(r.host) || r.host.includes(':')) p.add('ingress-rules', `${f}.host`, 'must be a DNS name, not an IP address');
      else p.add('ingress-rules', `${f}.host`, ...isHostName(r.host));
    }
    arr(rec(r.http).paths).forEach((raw2, j) => {
      const path = rec(raw2);
      const pf = `${f}.http.paths[${j}]`;
      const type = path.pathType;
      if (type === undefined) p.add('ingress-rules', `${pf}.pathType`, 'Required value: pathType must be specified');
      else if (!['Exact', 'Prefix', 'ImplementationSpecific'].includes(String(type)))
        p.add('ingress-rules', `${pf}.pathType`, `Unsupported value: "${String(type)}"`);
      if ((type === 'Exact' || type === 'Prefix') && !String(path.path ?? '').startsWith('/'))
        p.add('ingress-rules', `${pf}.path`, 'must be an absolute path');
      backend(rec(path.backend), `${pf}.backend`, p);
    });
  });
  arr(spec.tls).forEach((raw, i) =>
    arr(rec(raw).hosts).forEach((h, j) => p.add('ingress-rules', `spec.tls[${i}].hosts[${j}]`, ...isHostName(String(h)))),
  );
}
