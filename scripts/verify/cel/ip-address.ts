/**
 * IP addresses and prefixes as Go's net/netip parses and prints them (ParseAddr, ParsePrefix,
 * Addr.String): what the Kubernetes CEL `ip` and `cidr` libraries build on.
 */

/** An address: 4 or 16 bytes. */
export type IPBytes = readonly number[];

function parseIPv4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    // netip.ParseAddr rejects leading zeros ("IPv4 field has octet with leading zero").
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255) return undefined;
    out.push(Number(p));
  }
  return out;
}

function parseIPv6(s: string): number[] | undefined {
  if (s.includes('%')) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string): number[] | undefined => {
    if (h === '') return [];
    const out: number[] = [];
    const parts = h.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i] ?? '';
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = parseIPv4(p);
        if (!v4) return undefined;
        out.push(...v4);
        continue;
      }
      if (!/^[0-9A-Fa-f]{1,4}$/.test(p)) return undefined;
      const n = parseInt(p, 16);
      out.push(n >> 8, n & 0xff);
    }
    return out;
  };
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  if (halves.length === 1) return head.length === 16 ? head : undefined;
  if (head.length + tail.length > 14) return undefined;
  return [...head, ...new Array<number>(16 - head.length - tail.length).fill(0), ...tail];
}

/** netip.ParseAddr: the bytes, or undefined. Zones are kept as a parse failure (the library rejects them). */
export function parseAddr(s: string): IPBytes | undefined {
  return s.includes(':') ? parseIPv6(s) : parseIPv4(s);
}

/** True for ::ffff:a.b.c.d (netip Addr.Is4In6). */
export function is4In6(ip: IPBytes): boolean {
  return ip.length === 16 && ip.slice(0, 10).every((b) => b === 0) && ip[10] === 0xff && ip[11] === 0xff;
}

/** netip Addr.String: dotted IPv4, RFC 5952 IPv6 (longest run of two or more zero groups as ::). */
export function formatAddr(ip: IPBytes): string {
  if (ip.length === 4) return ip.join('.');
  const g: number[] = [];
  for (let i = 0; i < 16; i += 2) g.push(((ip[i] ?? 0) << 8) | (ip[i + 1] ?? 0));
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) [best, bestLen] = [i, j - i];
    i = j;
  }
  const hex = (a: number[]): string => a.map((x) => x.toString(16)).join(':');
  return best < 0 ? hex(g) : `${hex(g.slice(0, best))}::${hex(g.slice(best + bestLen))}`;
}

/** The first `bits` bits of `ip`, the rest zeroed (netip Prefix.Masked). */
export function maskAddr(ip: IPBytes, bits: number): IPBytes {
  return ip.map((b, i) => {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    return b & (0xff << (8 - keep)) & 0xff;
  });
}

/** netip.ParsePrefix: address and prefix length, or undefined. */
export function parsePrefix(s: string): { ip: IPBytes; bits: number } | undefined {
  const slash = s.lastIndexOf('/');
  if (slash < 0) return undefined;
  const ip = parseAddr(s.slice(0, slash));
  const bitsText = s.slice(slash + 1);
  // ParsePrefix: decimal, no sign, no leading zero, at most the address length.
  if (!ip || !/^(0|[1-9][0-9]*)$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  if (bits > ip.length * 8) return undefined;
  return { ip, bits };
}
