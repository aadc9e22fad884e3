/**
 * Name and value formats of k8s.io/apimachinery/pkg/util/validation (validation.go). Each
 * function returns the problems found, empty when the value is valid, as the API server would.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const RELAXED_ENV_VAR_NAME = /^[\x20-\x3C\x3E-\x7E]+$/;
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;
const PORT_NAME_CHARS = /^[-a-z0-9]+$/;
const HAS_LETTER = /[a-z]/;

// apimachinery validation.go IsDNS1123Label
/** Problems of `value` as an RFC 1123 label (at most 63 characters). */
export function isDNS1123Label(value: string): string[] {
  const out: string[] = [];
  if (value.length > 63) out.push(`must be no more than 63 characters (has ${value.length})`);
  if (!DNS1123_LABEL.test(value))
    out.push(`"${value}" must consist of lower case alphanumeric characters or '-', and start and end with an alphanumeric character`);
  return out;
}

// apimachinery validation.go IsDNS1123Subdomain
/** Problems of `value` as an RFC 1123 subdomain (at most 253 characters). */
export function isDNS1123Subdomain(value: string): string[] {
  const out: string[] = [];
  if (value.length > 253) out.push(`must be no more than 253 characters (has ${value.length})`);
  if (!DNS1123_SUBDOMAIN.test(value))
    out.push(
      `"${value}" must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
    );
  return out;
}

// apimachinery validation.go IsWildcardDNS1123Subdomain (Ingress hosts may start with "*.")
/** Problems of `value` as a subdomain that may start with `*.`. */
export function isHostName(value: string): string[] {
  return value.startsWith('*.') ? isDNS1123Subdomain(value.slice(2)) : isDNS1123Subdomain(value);
}

// apimachinery validation.go IsQualifiedName
/** Problems of `value` as a qualified name (`[prefix/]name`, label and annotation keys). */
export function isQualifiedName(value: string): string[] {
  const parts = value.split('/');
  let name = value;
  const out: string[] = [];
  if (parts.length === 2) {
    const [prefix = '', rest = ''] = parts;
    name = rest;
    if (prefix.length === 0) out.push('prefix part must be non-empty');
    else out.push(...isDNS1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else if (parts.length > 2) {
    return [`"${value}" must be a qualified name: an optional DNS subdomain prefix and '/', then a name`];
  }
  if (name.length === 0) out.push('name part must be non-empty');
  else if (name.length > 63) out.push(`name part must be no more than 63 characters (has ${name.length})`);
  if (name.length > 0 && !QUALIFIED_NAME.test(name))
    out.push(
      `name part "${name}" must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
    );
  return out;
}

// apimachinery validation.go IsValidLabelValue
/** Problems of `value` as a label value (at most 63 characters, may be empty). */
export function isValidLabelValue(value: string): string[] {
  const out: string[] = [];
  if (value.length > 63) out.push(`must be no more than 63 characters (has ${value.length})`);
  if (!LABEL_VALUE.test(value))
    out.push(`"${value}" must be empty or consist of alphanumeric characters, '-', '_' or '.', starting and ending alphanumeric`);
  return out;
}

// apimachinery validation.go IsValidPortName (IANA_SVC_NAME)
/** Problems of `value` as a port name. */
export function isValidPortName(value: string): string[] {
  const out: string[] = [];
  if (value.length < 1 || value.length > 15) out.push(`must be no more than 15 characters (has ${value.length})`);
  if (!PORT_NAME_CHARS.test(value)) out.push(`"${value}" must contain only lower case alphanumeric characters or '-'`);
  if (!HAS_LETTER.test(value)) out.push(`"${value}" must contain at least one letter`);
  if (value.includes('--')) out.push(`"${value}" must not contain consecutive hyphens`);
  if (value.startsWith('-') || value.endsWith('-')) out.push(`"${value}" must not begin or end with a hyphen`);
  return out;
}

// apimachinery validation.go IsValidPortNum
/** Problems of `value` as a port number. */
export function isValidPortNum(value: unknown): string[] {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535
    ? []
    : [`${String(value)} must be between 1 and 65535`];
}

// apimachinery validation.go IsRelaxedEnvVarName: RelaxedEnvironmentVariableValidation is beta and
// on by default from 1.32 (KEP-4369; GA 1.34), so any printable ASCII character but '=' is accepted
/** Problems of `value` as an environment variable name. */
export function isEnvVarName(value: string): string[] {
  return RELAXED_ENV_VAR_NAME.test(value) ? [] : [`"${value}" must consist only of printable ASCII characters other than '='`];
}

// apimachinery validation.go IsConfigMapKey
/** Problems of `value` as a ConfigMap or Secret data key. */
export function isConfigMapKey(value: string): string[] {
  const out: string[] = [];
  if (value.length > 253) out.push(`must be no more than 253 characters (has ${value.length})`);
  if (!CONFIG_MAP_KEY.test(value)) out.push(`"${value}" must consist of alphanumeric characters, '-', '_' or '.'`);
  if (value === '.' || value === '..' || value.startsWith('..')) out.push(`"${value}" must not be '.', '..' or start with '..'`);
  return out;
}

/** A parsed CIDR, or a reason it is not one (netutils.ParseCIDRSloppy as used by ValidateIPBlock). */
export function parseCIDR(value: string): { family: 4 | 6; bits: number } | string {
  const slash = value.indexOf('/');
  if (slash < 0) return `"${value}" must be a CIDR (address/prefix length)`;
  const address = value.slice(0, slash);
  const prefix = value.slice(slash + 1);
  const family = address.includes(':') ? 6 : 4;
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) return `"${value}": prefix length must be 0..${max}`;
  if (family === 4) {
    const octets = address.split('.');
    if (octets.length !== 4 || octets.some((o) => !/^\d{1,3}$/.test(o) || Number(o) > 255))
      return `"${value}": "${address}" is not an IPv4 address`;
  } else if (!/^[0-9a-fA-F:.]+$/.test(address) || (address.match(/::/g)?.length ?? 0) > 1) {
    return `"${value}": "${address}" is not an IPv6 address`;
  }
  return { family, bits: Number(prefix) };
}

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

// apimachinery validation.go IsDNS1035Label (Service names: ValidateServiceName)
/** Problems of `value` as an RFC 1035 label (starts with a letter). */
export function isDNS1035Label(value: string): string[] {
  const out: string[] = [];
  if (value.length > 63) out.push(`must be no more than 63 characters (has ${value.length})`);
  if (!DNS1035_LABEL.test(value))
    out.push(
      `"${value}" must consist of lower case alphanumeric characters or '-', start with a letter and end with an alphanumeric character`,
    );
  return out;
}

/** An IntOrString that is a non-negative int or a percentage; `undefined` when valid (ValidatePositiveIntOrPercent). */
export function intOrPercentProblem(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? undefined : `${value} must be greater than or equal to 0`;
  if (typeof value === 'string') return /^\d+%$/.test(value) ? undefined : `"${value}" must be an integer or percentage (e.g. '5%')`;
  return `${JSON.stringify(value)} must be an integer or percentage`;
}

/** Integer value of an IntOrString (`n%` of `total`, rounded as `roundUp` says). */
export function scaledIntOrPercent(value: unknown, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const pct = Number(String(value).replace('%', ''));
  return roundUp ? Math.ceil((pct * total) / 100) : Math.floor((pct * total) / 100);
}
