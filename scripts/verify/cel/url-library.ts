/**
 * The Kubernetes CEL URL library (k8s.io/apiserver/pkg/cel/library/urls.go): `url()`, `isURL()`
 * and the URL accessors. Go's url.ParseRequestURI accepts an absolute URI or an absolute path;
 * WHATWG's URL parser is close enough for the accessors once that gate is applied.
 */
import { celError, type CelLibrary } from './library.ts';

/** A parsed URL, a CEL object of type `URL`. */
export class CelURL {
  public constructor(
    public readonly scheme: string,
    public readonly host: string,
    public readonly hostname: string,
    public readonly port: string,
    public readonly escapedPath: string,
    public readonly query: Map<string, string[]>,
  ) {}
}

// Go's url.URL.EscapedPath (shouldEscape with encodePath): RFC 3986 pchar stays, the rest is %XX.
function escapePath(path: string): string {
  return [...new TextEncoder().encode(path)]
    .map((b) => {
      const c = String.fromCharCode(b);
      return /[A-Za-z0-9\-._~$&+,/:;=@!'()*]/.test(c) && b < 0x80 ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

// urls.go stringToUrl: ParseRequestURI, i.e. `scheme:` prefix or a leading '/', no fragment-only.
function parseUrl(s: string): CelURL | undefined {
  const abs = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(s);
  if (!abs && !s.startsWith('/')) return undefined;
  // Go rejects control characters and malformed %-escapes.
  if ([...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f) || /%(?![0-9A-Fa-f]{2})/.test(s)) return undefined;
  let u: globalThis.URL;
  try {
    u = new globalThis.URL(s, 'http://relative.invalid');
  } catch {
    return undefined;
  }
  const authority = abs ? /^[^:]+:\/\/([^/?#]*)/.exec(s)?.[1] : undefined;
  const hostPart = authority === undefined ? '' : authority.slice(authority.lastIndexOf('@') + 1);
  // Go rejects a host with more than one port separator (urls.go example: 'https://a:b:c/').
  if (hostPart && !hostPart.startsWith('[') && (hostPart.match(/:/g) ?? []).length > 1) return undefined;
  if (hostPart && /:[^0-9\]]/.test(hostPart.replace(/^\[[^\]]*\]/, ''))) return undefined;
  const port = /:(\d*)$/.exec(hostPart.replace(/^\[[^\]]*\]/, ''))?.[1] ?? '';
  const hostname = hostPart.replace(/:\d*$/, '').replace(/^\[(.*)\]$/, '$1');
  const query = new Map<string, string[]>();
  for (const [k, v] of u.searchParams) query.set(k, [...(query.get(k) ?? []), v]);
  const rawPath = authority === undefined ? (abs ? s.slice(abs[0].length) : s) : s.slice(`${abs?.[1]}://${authority}`.length);
  const path = rawPath.replace(/[?#].*$/, '');
  let escapedPath: string;
  try {
    escapedPath = escapePath(decodeURIComponent(path));
  } catch {
    return undefined;
  }
  return new CelURL(abs?.[1] ?? '', hostPart, hostname, port, escapedPath, query);
}

/** Registers the library. */
export const urlLibrary: CelLibrary = (env) => {
  env.registerType('URL', CelURL);
  env.registerFunction('url(string): URL', (s: string) => {
    const u = parseUrl(s);
    if (!u) throw celError(`URL parse error during conversion from string: parse "${s}": invalid URI for request`);
    return u;
  });
  env.registerFunction('isURL(string): bool', (s: string) => parseUrl(s) !== undefined);
  env.registerFunction('URL.getScheme(): string', (u: CelURL) => u.scheme);
  env.registerFunction('URL.getHost(): string', (u: CelURL) => u.host);
  env.registerFunction('URL.getHostname(): string', (u: CelURL) => u.hostname);
  env.registerFunction('URL.getPort(): string', (u: CelURL) => u.port);
  env.registerFunction('URL.getEscapedPath(): string', (u: CelURL) => u.escapedPath);
  env.registerFunction('URL.getQuery(): map', (u: CelURL) => u.query);
};
