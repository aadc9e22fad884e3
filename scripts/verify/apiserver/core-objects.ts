/**
 * Core objects other than pods (k8s.io/kubernetes pkg/apis/core/validation/validation.go):
 * Service, ResourceQuota, LimitRange, ConfigMap.
 */
import { compareQuantities, parseQuantity, type Quantity } from '../cel/quantity.ts';
import { arr, rec, type KubeObject } from '../model.ts';
import { isConfigMapKey, isDNS1123Label, isQualifiedName, isValidPortName, isValidPortNum } from './names.ts';
import { validateLabels } from './object-meta.ts';
import type { Problems } from './problems.ts';

/** Rules of this module. */
export const CORE_RULES = ['service-ports', 'service-fields', 'resourcequota-hard', 'limitrange-limits', 'configmap-data'] as const;

const SERVICE_TYPES = new Set(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']);
// validation.go MaxSecretSize (ConfigMaps share it: ValidateConfigMap)
const CONFIG_MAP_MAX_BYTES = 1024 * 1024;

/** Checks a v1 Service (ValidateService / validateServicePort). */
export function validateService(obj: KubeObject, p: Problems): void {
  const spec = rec(obj.spec);
  const type = String(spec.type ?? 'ClusterIP');
  if (!SERVICE_TYPES.has(type)) p.add('service-fields', 'spec.type', `Unsupported value: "${type}"`);
  const ports = arr(spec.ports).map(rec);
  if (ports.length === 0 && type !== 'ExternalName' && spec.clusterIP !== 'None') p.add('service-ports', 'spec.ports', 'Required value');
  const names = new Set<string>();
  const keys = new Set<string>();
  ports.forEach((port, i) => {
    const f = `spec.ports[${i}]`;
    const name = typeof port.name === 'string' ? port.name : '';
    if (ports.length > 1 && name === '') p.add('service-ports', `${f}.name`, 'Required value: must be specified when more than one port');
    if (name !== '') {
      p.add('service-ports', `${f}.name`, ...isDNS1123Label(name));
      if (names.has(name)) p.add('service-ports', `${f}.name`, `Duplicate value: "${name}"`);
      names.add(name);
    }
    p.add('service-ports', `${f}.port`, ...isValidPortNum(port.port));
    const key = `${String(port.port)}/${String(port.protocol ?? 'TCP')}`;
    if (keys.has(key)) p.add('service-ports', f, `Duplicate value: ${key}`);
    keys.add(key);
    if (typeof port.targetPort === 'string') p.add('service-ports', `${f}.targetPort`, ...isValidPortName(port.targetPort));
    else if (port.targetPort !== undefined) p.add('service-ports', `${f}.targetPort`, ...isValidPortNum(port.targetPort));
    if (port.nodePort !== undefined && (type === 'ClusterIP' || type === 'ExternalName'))
      p.add('service-ports', `${f}.nodePort`, `may not be used when \`type\` is '${type}'`);
  });
  validateLabels(spec.selector, 'spec.selector', p);
}

function quantities(values: unknown, f: string, rule: string, p: Problems): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const [name, value] of Object.entries(rec(values))) {
    p.add(rule, `${f}[${name}]`, ...isQualifiedName(name).map((m) => `resource name: ${m}`));
    const q = parseQuantity(String(value));
    if (!q) p.add(rule, `${f}[${name}]`, `"${String(value)}" is not a quantity`);
    else if (q.num < 0n) p.add(rule, `${f}[${name}]`, 'must be greater than or equal to 0');
    else out.set(name, q);
  }
  return out;
}

/** Checks a v1 ResourceQuota (ValidateResourceQuotaSpec). */
export function validateResourceQuota(obj: KubeObject, p: Problems): void {
  quantities(rec(obj.spec).hard, 'spec.hard', 'resourcequota-hard', p);
}

/** Checks a v1 LimitRange (ValidateLimitRange): min <= defaultRequest <= default <= max. */
export function validateLimitRange(obj: KubeObject, p: Problems): void {
  arr(rec(obj.spec).limits).forEach((raw, i) => {
    const l = rec(raw);
    const f = `spec.limits[${i}]`;
    const type = String(l.type ?? '');
    if (!['Container', 'Pod', 'PersistentVolumeClaim'].includes(type))
      p.add('limitrange-limits', `${f}.type`, `Unsupported value: "${type}"`);
    const bags = Object.fromEntries(
      ['min', 'max', 'default', 'defaultRequest', 'maxLimitRequestRatio'].map((k) => [
        k,
        quantities(l[k], `${f}.${k}`, 'limitrange-limits', p),
      ]),
    ) as Record<string, Map<string, Quantity>>;
    const order: [string, string][] = [
      ['min', 'max'],
      ['min', 'defaultRequest'],
      ['defaultRequest', 'max'],
      ['min', 'default'],
      ['default', 'max'],
      ['defaultRequest', 'default'],
    ];
    for (const [lo, hi] of order) {
      for (const [name, low] of bags[lo] ?? []) {
        const high = bags[hi]?.get(name);
        if (high && compareQuantities(low, high) > 0)
          p.add('limitrange-limits', `${f}.${lo}[${name}]`, `${lo} value must be less than or equal to ${hi} value`);
      }
    }
    if (type === 'Pod' && (bags.default?.size || bags.defaultRequest?.size))
      p.add('limitrange-limits', f, "may not specify default or defaultRequest when `type` is 'Pod'");
  });
}

/** Checks a v1 ConfigMap (ValidateConfigMap): keys, no key in both maps, total size. */
export function validateConfigMap(obj: KubeObject, p: Problems): void {
  const data = rec(obj.data);
  const binary = rec(obj.binaryData);
  let size = 0;
  for (const [key, value] of Object.entries(data)) {
    p.add('configmap-data', `data[${key}]`, ...isConfigMapKey(key));
    size += Buffer.byteLength(String(value));
  }
  for (const [key, value] of Object.entries(binary)) {
    p.add('configmap-data', `binaryData[${key}]`, ...isConfigMapKey(key));
    if (key in data) p.add('configmap-data', `binaryData[${key}]`, 'Duplicate value: key is also in data');
    size += Math.floor((String(value).length * 3) / 4);
  }
  if (size > CONFIG_MAP_MAX_BYTES)
    p.add('configmap-data', 'data', `Too long: must have at most ${CONFIG_MAP_MAX_BYTES} bytes (has ${size})`);
}
