/**
 * The Kubernetes CEL format library (k8s.io/apiserver/pkg/cel/library/format.go):
 * `format.named(name)` and `format.<name>()` give a Format whose `validate(s)` is
 * `optional.none()` when `s` is valid, else the list of problems. The checks follow
 * k8s.io/apimachinery/pkg/util/validation (IsDNS1123Label, IsDNS1123Subdomain,
 * IsDNS1035Label, IsQualifiedName, IsValidLabelValue); the messages are ours.
 */
import { Optional } from '@marcbachmann/cel-js';
import { registerNamespace, type CelLibrary } from './library.ts';

/** A named format, a CEL object of type `kubernetes.NamedFormat`. */
export class CelFormat {
  public constructor(
    public readonly name: string,
    public readonly check: (s: string) => string[],
  ) {}
}

const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const SUBDOMAIN = `${LABEL}(\\.${LABEL})*`;
const DNS1035 = '[a-z]([-a-z0-9]*[a-z0-9])?';
const QUALIFIED = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';

function pattern(re: string, max: number, what: string): (s: string) => string[] {
  const rx = new RegExp(`^${re}$`);
  return (s) => [...(s.length > max ? [`must be no more than ${max} characters`] : []), ...(rx.test(s) ? [] : [`must be ${what}`])];
}

// apimachinery/pkg/api/validation NameIsDNS*(prefix=true): a generateName prefix may end in '-'.
function prefix(check: (s: string) => string[]): (s: string) => string[] {
  return (s) => check(s.endsWith('-') ? `${s.slice(0, -1)}a` : s);
}

const dns1123Label = pattern(LABEL, 63, 'a lowercase RFC 1123 label');
const dns1123Subdomain = pattern(SUBDOMAIN, 253, 'a lowercase RFC 1123 subdomain');
const dns1035Label = pattern(DNS1035, 63, 'an RFC 1035 label');

// validation.IsQualifiedName: [prefix/]name, prefix a DNS subdomain, name ≤ 63 characters.
function qualifiedName(s: string): string[] {
  const parts = s.split('/');
  if (parts.length > 2) return ['must be a qualified name: an optional DNS subdomain prefix and a name, separated by /'];
  const name = parts[parts.length - 1] ?? '';
  const errs: string[] = [];
  if (parts.length === 2) {
    const p = parts[0] ?? '';
    errs.push(...(p === '' ? ['prefix part must be non-empty'] : dns1123Subdomain(p).map((e) => `prefix part ${e}`)));
  }
  if (name === '') errs.push('name part must be non-empty');
  else
    errs.push(
      ...pattern(QUALIFIED, 63, 'alphanumeric, - _ or . inside, starting and ending alphanumeric')(name).map((e) => `name part ${e}`),
    );
  return errs;
}

// validation.IsValidLabelValue: empty, or a qualified-name part of at most 63 characters.
const labelValue = (s: string): string[] => (s === '' ? [] : pattern(QUALIFIED, 63, 'a valid label value')(s));

const FORMATS: Record<string, (s: string) => string[]> = {
  dns1123Label,
  dns1123Subdomain,
  dns1035Label,
  qualifiedName,
  dns1123LabelPrefix: prefix(dns1123Label),
  dns1123SubdomainPrefix: prefix(dns1123Subdomain),
  dns1035LabelPrefix: prefix(dns1035Label),
  labelValue,
  // format.go uri: url.ParseRequestURI (absolute URI or absolute path).
  uri: (s) => (/^([A-Za-z][A-Za-z0-9+.-]*:|\/)/.test(s) ? [] : ['invalid URI for request']),
  uuid: (s) => (/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(s) ? [] : ['does not match the UUID format']),
  byte: (s) => (/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s) ? [] : ['invalid base64']),
  date: (s) => (/^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) ? [] : ['invalid date']),
  datetime: (s) =>
    /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s.replace(' ', 'T')))
      ? []
      : ['invalid datetime'],
};

/** Registers the library. */
export const formatLibrary: CelLibrary = (env) => {
  env.registerType('kubernetes.NamedFormat', CelFormat);
  registerNamespace(env, 'format', 'FormatNamespace');
  env.registerFunction('FormatNamespace.named(string): optional<kubernetes.NamedFormat>', (_: unknown, name: string) => {
    const check = FORMATS[name];
    return check ? Optional.of(new CelFormat(name, check)) : Optional.none();
  });
  for (const [name, check] of Object.entries(FORMATS))
    env.registerFunction(`FormatNamespace.${name}(): kubernetes.NamedFormat`, () => new CelFormat(name, check));
  env.registerFunction('kubernetes.NamedFormat.validate(string): optional<list<string>>', (f: CelFormat, s: string) => {
    const errs = f.check(s);
    return errs.length === 0 ? Optional.none() : Optional.of(errs);
  });
};
