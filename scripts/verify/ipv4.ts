/**
 * IPv4 addresses and CIDR blocks as integer ranges, and sets of ranges, for NetworkPolicy
 * `ipBlock` arithmetic (`cidr` minus `except`, coverage of one block by several).
 */

/** A closed range of IPv4 addresses as unsigned 32-bit integers. */
export interface IpRange {
  readonly first: number;
  readonly last: number;
}

/** The address `a.b.c.d` as an integer, or undefined when it is not one. */
export function parseIp(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

/** The dotted form of an address. */
export function formatIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** The range of a CIDR block (host bits ignored, as the API server's ParseCIDR does), or undefined. */
export function cidrRange(cidr: string): IpRange | undefined {
  const [ip, bits] = cidr.split('/');
  const base = ip === undefined ? undefined : parseIp(ip);
  const len = Number(bits);
  if (base === undefined || bits === undefined || !/^\d{1,2}$/.test(bits) || len > 32) return undefined;
  const size = 2 ** (32 - len);
  const first = Math.floor(base / size) * size;
  return { first, last: first + size - 1 };
}

/** Sorted, merged copy of `ranges`. */
export function normalize(ranges: readonly IpRange[]): IpRange[] {
  const sorted = [...ranges].sort((a, b) => a.first - b.first);
  const out: IpRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.first <= last.last + 1) out[out.length - 1] = { first: last.first, last: Math.max(last.last, r.last) };
    else out.push({ ...r });
  }
  return out;
}

/** `from` minus every range of `minus`. */
export function subtract(from: readonly IpRange[], minus: readonly IpRange[]): IpRange[] {
  let current = normalize(from);
  for (const m of minus) {
    const next: IpRange[] = [];
    for (const r of current) {
      if (m.last < r.first || m.first > r.last) {
        next.push(r);
        continue;
      }
      if (m.first > r.first) next.push({ first: r.first, last: m.first - 1 });
      if (m.last < r.last) next.push({ first: m.last + 1, last: r.last });
    }
    current = next;
  }
  return current;
}

/** True when `ip` lies in one of `ranges`. */
export function contains(ranges: readonly IpRange[], ip: number): boolean {
  return ranges.some((r) => ip >= r.first && ip <= r.last);
}
