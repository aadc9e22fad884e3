/**
 * The parts of the CEL strings extension (cel-go ext/strings.go, version 2+, enabled by
 * k8s.io/apiserver/pkg/cel/environment/base.go) that cel-js lacks: `charAt`, `replace`,
 * `reverse`, `strings.quote` and `format`.
 */
import { celError, registerNamespace, type CelLibrary } from './library.ts';

function codePoints(s: string): string[] {
  return [...s];
}

// ext/strings.go charAt: index == size returns ''; beyond it is an error.
function charAt(s: string, i: bigint): string {
  const cps = codePoints(s);
  if (i < 0n || i > BigInt(cps.length)) throw celError(`index out of range: ${i}`);
  return cps[Number(i)] ?? '';
}

// ext/strings.go replace: n < 0 replaces all, as Go's strings.Replace.
function replace(s: string, from: string, to: string, n = -1n): string {
  if (n < 0n) return s.split(from).join(to);
  let out = s;
  let at = 0;
  for (let k = 0n; k < n; k++) {
    const i = out.indexOf(from, at);
    if (i < 0) break;
    out = out.slice(0, i) + to + out.slice(i + from.length);
    at = i + to.length + (from === '' ? 1 : 0);
  }
  return out;
}

// ext/strings.go quote: a double-quoted CEL string literal.
function quote(s: string): string {
  const esc: Record<string, string> = {
    '\\': '\\\\',
    '"': '\\"',
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t',
    '\b': '\\b',
    '\f': '\\f',
    '\v': '\\v',
    '\x07': '\\a',
  };
  return `"${[...s].map((c) => esc[c] ?? c).join('')}"`;
}

function display(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e21 ? String(v) : String(v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map(display).join(', ')}]`;
  if (typeof v === 'object') {
    const e = v instanceof Map ? [...v.entries()] : Object.entries(v as object);
    return `{${e
      .map(([k, x]) => [display(k), display(x)] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => `${k}: ${x}`)
      .join(', ')}}`;
  }
  return String(v);
}

function integer(v: unknown, verb: string): bigint {
  if (typeof v === 'bigint') return v;
  throw celError(
    `error during formatting: ${verb} clause can only be used on integers, was given ${typeof v === 'number' ? 'double' : typeof v}`,
  );
}

// ext/strings.go format (formatting.go): %s %d %f %e %x %X %o %b and %%, precision on %f/%e.
function format(template: string, args: unknown[]): string {
  let i = 0;
  return template.replace(/%(?:\.(\d+))?([%sdfeXxob])/g, (_, precision: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    if (i >= args.length) throw celError(`index ${i} out of range`);
    const v = args[i++];
    const p = precision === undefined ? 6 : Number(precision);
    switch (verb) {
      case 's':
        return display(v);
      case 'd':
        return integer(v, 'decimal').toString();
      case 'f':
        return Number(v).toFixed(p);
      case 'e':
        return Number(v)
          .toExponential(p)
          .replace(/e([+-])(\d)$/, 'e$10$2');
      case 'x':
      case 'X': {
        const t = typeof v === 'string' ? Buffer.from(v).toString('hex') : integer(v, 'hex').toString(16);
        return verb === 'X' ? t.toUpperCase() : t;
      }
      case 'o':
        return integer(v, 'octal').toString(8);
      default:
        return integer(v, 'binary').toString(2);
    }
  });
}

/** Registers the library. */
export const stringsLibrary: CelLibrary = (env) => {
  env.registerFunction('string.charAt(int): string', charAt);
  env.registerFunction('string.replace(string, string): string', (s: string, a: string, b: string) => replace(s, a, b));
  env.registerFunction('string.replace(string, string, int): string', replace);
  env.registerFunction('string.reverse(): string', (s: string) => codePoints(s).reverse().join(''));
  env.registerFunction('string.format(list): string', format);
  registerNamespace(env, 'strings', 'StringsNamespace');
  env.registerFunction('StringsNamespace.quote(string): string', (_: unknown, s: string) => quote(s));
};
