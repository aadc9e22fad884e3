/**
 * The Kubernetes CEL IP and CIDR libraries (k8s.io/apiserver/pkg/cel/library/ip.go and cidr.go):
 * `ip()`, `isIP()`, `ip.isCanonical()`, the IP predicates, `cidr()`, `isCIDR()`, `containsIP`,
 * `containsCIDR`, `ip()`, `masked()`, `prefixLength()` and `string()` of both.
 */
import { formatAddr, is4In6, maskAddr, parseAddr, parsePrefix, type IPBytes } from './ip-address.ts';
import { celError, registerNamespace, type CelLibrary } from './library.ts';

/** An IP address, a CEL object of type `net.IP`. */
export class CelIP {
  public constructor(public readonly bytes: IPBytes) {}
}

/** A prefix, a CEL object of type `net.CIDR`. */
export class CelCIDR {
  public constructor(
    public readonly ip: IPBytes,
    public readonly bits: number,
  ) {}
}

// ip.go parseIPAddr: netip.ParseAddr, then no zone and no IPv4-mapped IPv6.
function ipOf(s: string): CelIP {
  if (s.includes('%')) throw celError(`IP address "${s}" with zone value is not allowed`);
  const b = parseAddr(s);
  if (!b) throw celError(`IP Address "${s}" parse error during conversion from string: ParseAddr("${s}"): unable to parse IP`);
  if (is4In6(b)) throw celError(`IPv4-mapped IPv6 address "${s}" is not allowed`);
  return new CelIP(b);
}

// cidr.go parseCIDR: netip.ParsePrefix, then no IPv4-mapped IPv6; host bits may be set.
function cidrOf(s: string): CelCIDR {
  const p = parsePrefix(s);
  if (!p || s.includes('%'))
    throw celError(
      `network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix("${s}"): bad prefix`,
    );
  if (is4In6(p.ip))
    throw celError(`network address parse error during conversion from string: IPv4-mapped IPv6 address "${s}" is not allowed`);
  return new CelCIDR(p.ip, p.bits);
}

function ok(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch {
    return false;
  }
}

const same = (a: IPBytes, b: IPBytes): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
const v4 = (ip: IPBytes): boolean => ip.length === 4;

// netip Prefix.Contains: same family and equal under the prefix mask.
function containsIP(c: CelCIDR, ip: IPBytes): boolean {
  return c.ip.length === ip.length && same(maskAddr(c.ip, c.bits), maskAddr(ip, c.bits));
}

// cidr.go cidrContainsCIDR: masked networks equal at the outer length, and the inner is as long or longer.
function containsCIDR(c: CelCIDR, o: CelCIDR): boolean {
  return c.ip.length === o.ip.length && same(maskAddr(c.ip, c.bits), maskAddr(o.ip, c.bits)) && c.bits <= o.bits;
}

const isLoopback = (ip: IPBytes): boolean => (v4(ip) ? ip[0] === 127 : same(ip, [...new Array<number>(15).fill(0), 1]));
const isMulticast = (ip: IPBytes): boolean => (v4(ip) ? ((ip[0] ?? 0) & 0xf0) === 0xe0 : ip[0] === 0xff);
const isLinkLocalUnicast = (ip: IPBytes): boolean =>
  v4(ip) ? ip[0] === 169 && ip[1] === 254 : ip[0] === 0xfe && ((ip[1] ?? 0) & 0xc0) === 0x80;
const isUnspecified = (ip: IPBytes): boolean => ip.every((b) => b === 0);

/** Registers the library. */
export const ipLibrary: CelLibrary = (env) => {
  env.registerType('net.IP', CelIP);
  env.registerType('net.CIDR', CelCIDR);
  env.registerFunction('ip(string): net.IP', ipOf);
  env.registerFunction('isIP(string): bool', (s: string) => ok(() => ipOf(s)));
  registerNamespace(env, 'ip', 'IPNamespace');
  // ip.go ipIsCanonical: the text equals netip's String of the parsed address.
  env.registerFunction('IPNamespace.isCanonical(string): bool', (_: unknown, s: string) => formatAddr(ipOf(s).bytes) === s);
  env.registerFunction('net.IP.family(): int', (a: CelIP) => (v4(a.bytes) ? 4n : 6n));
  env.registerFunction('net.IP.isUnspecified(): bool', (a: CelIP) => isUnspecified(a.bytes));
  env.registerFunction('net.IP.isLoopback(): bool', (a: CelIP) => isLoopback(a.bytes));
  env.registerFunction('net.IP.isLinkLocalMulticast(): bool', (a: CelIP) =>
    v4(a.bytes) ? a.bytes[0] === 224 && a.bytes[1] === 0 && a.bytes[2] === 0 : a.bytes[0] === 0xff && ((a.bytes[1] ?? 0) & 0x0f) === 0x02,
  );
  env.registerFunction('net.IP.isLinkLocalUnicast(): bool', (a: CelIP) => isLinkLocalUnicast(a.bytes));
  // netip Addr.IsGlobalUnicast: not broadcast, unspecified, loopback, multicast or link-local unicast.
  env.registerFunction(
    'net.IP.isGlobalUnicast(): bool',
    (a: CelIP) =>
      !(v4(a.bytes) && a.bytes.every((b) => b === 255)) &&
      !isUnspecified(a.bytes) &&
      !isLoopback(a.bytes) &&
      !isMulticast(a.bytes) &&
      !isLinkLocalUnicast(a.bytes),
  );
  env.registerFunction('string(net.IP): string', (a: CelIP) => formatAddr(a.bytes));
  env.registerOperator('net.IP == net.IP', (a: CelIP, b: CelIP) => same(a.bytes, b.bytes));

  env.registerFunction('cidr(string): net.CIDR', cidrOf);
  env.registerFunction('isCIDR(string): bool', (s: string) => ok(() => cidrOf(s)));
  env.registerFunction('net.CIDR.containsIP(net.IP): bool', (c: CelCIDR, a: CelIP) => containsIP(c, a.bytes));
  env.registerFunction('net.CIDR.containsIP(string): bool', (c: CelCIDR, s: string) => containsIP(c, ipOf(s).bytes));
  env.registerFunction('net.CIDR.containsCIDR(net.CIDR): bool', containsCIDR);
  env.registerFunction('net.CIDR.containsCIDR(string): bool', (c: CelCIDR, s: string) => containsCIDR(c, cidrOf(s)));
  env.registerFunction('net.CIDR.ip(): net.IP', (c: CelCIDR) => new CelIP(c.ip));
  env.registerFunction('net.CIDR.masked(): net.CIDR', (c: CelCIDR) => new CelCIDR(maskAddr(c.ip, c.bits), c.bits));
  env.registerFunction('net.CIDR.prefixLength(): int', (c: CelCIDR) => BigInt(c.bits));
  env.registerFunction('string(net.CIDR): string', (c: CelCIDR) => `${formatAddr(c.ip)}/${c.bits}`);
  env.registerOperator('net.CIDR == net.CIDR', (a: CelCIDR, b: CelCIDR) => a.bits === b.bits && same(a.ip, b.ip));
};
