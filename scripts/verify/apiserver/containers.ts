/**
 * Containers of a pod spec: ports, env, probes and lifecycle handlers, volume mounts, resources
 * and security context (k8s.io/kubernetes pkg/apis/core/validation/validation.go).
 */
import { compareQuantities, parseQuantity } from '../cel/quantity.ts';
import { arr, rec } from '../model.ts';
import { isEnvVarName, isValidPortName, isValidPortNum } from './names.ts';
import type { Problems } from './problems.ts';

/** Rules of this module. */
export const CONTAINER_RULES = [
  'container-ports',
  'container-env',
  'container-probe',
  'container-lifecycle',
  'container-volume-mount',
  'container-resources',
  'container-security-context',
] as const;

const PROTOCOLS = new Set(['TCP', 'UDP', 'SCTP']);
const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
// Resources whose requests may not exceed and must equal limits: everything outside the
// kubernetes.io namespace (validation.go validateContainerResourceName / IsOvercommitAllowed).
const isExtended = (name: string): boolean => name.includes('/') && !name.includes('kubernetes.io/');

// validation.go validateContainerPorts
function ports(c: Record<string, unknown>, at: string, p: Problems): void {
  const names = new Set<string>();
  arr(c.ports).forEach((raw, i) => {
    const port = rec(raw);
    const f = `${at}.ports[${i}]`;
    if (typeof port.name === 'string' && port.name !== '') {
      p.add('container-ports', `${f}.name`, ...isValidPortName(port.name));
      if (names.has(port.name)) p.add('container-ports', `${f}.name`, `Duplicate value: "${port.name}"`);
      names.add(port.name);
    }
    if (port.containerPort === undefined) p.add('container-ports', `${f}.containerPort`, 'Required value');
    else p.add('container-ports', `${f}.containerPort`, ...isValidPortNum(port.containerPort));
    if (port.hostPort !== undefined && port.hostPort !== 0) p.add('container-ports', `${f}.hostPort`, ...isValidPortNum(port.hostPort));
    if (port.protocol !== undefined && !PROTOCOLS.has(String(port.protocol)))
      p.add('container-ports', `${f}.protocol`, `Unsupported value: "${String(port.protocol)}"`);
  });
}

// validation.go ValidateEnv, validateEnvVarValueFrom, ValidateEnvFrom
function env(c: Record<string, unknown>, at: string, p: Problems): void {
  arr(c.env).forEach((raw, i) => {
    const e = rec(raw);
    const f = `${at}.env[${i}]`;
    if (typeof e.name !== 'string' || e.name === '') p.add('container-env', `${f}.name`, 'Required value');
    else p.add('container-env', `${f}.name`, ...isEnvVarName(e.name));
    if (e.valueFrom !== undefined) {
      if (typeof e.value === 'string' && e.value !== '')
        p.add('container-env', `${f}.valueFrom`, 'may not be specified when `value` is not empty');
      const sources = Object.keys(rec(e.valueFrom));
      if (sources.length !== 1)
        p.add('container-env', `${f}.valueFrom`, 'must specify exactly one of fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef');
      for (const ref of ['configMapKeyRef', 'secretKeyRef']) {
        const r = rec(rec(e.valueFrom)[ref]);
        if (ref in rec(e.valueFrom) && (!r.key || !r.name)) p.add('container-env', `${f}.valueFrom.${ref}`, 'name and key are required');
      }
    }
  });
  arr(c.envFrom).forEach((raw, i) => {
    const e = rec(raw);
    if (typeof e.prefix === 'string' && e.prefix !== '') p.add('container-env', `${at}.envFrom[${i}].prefix`, ...isEnvVarName(e.prefix));
    if ((e.configMapRef === undefined) === (e.secretRef === undefined))
      p.add('container-env', `${at}.envFrom[${i}]`, 'must specify exactly one of configMapRef, secretRef');
  });
}

function handlerPort(port: unknown, f: string, rule: string, p: Problems): void {
  if (typeof port === 'string') p.add(rule, f, ...isValidPortName(port));
  else p.add(rule, f, ...isValidPortNum(port));
}

// validation.go validateHandler / validateProbe: exactly one handler, non-negative timings,
// successThreshold 1 for liveness and startup probes
function probe(kind: string, raw: unknown, at: string, p: Problems): void {
  if (raw === undefined) return;
  const pr = rec(raw);
  const f = `${at}.${kind}`;
  const handlers = HANDLERS.filter((h) => pr[h] !== undefined);
  if (handlers.length === 0) p.add('container-probe', f, 'must specify a handler type');
  if (handlers.length > 1) p.add('container-probe', f, `may not specify more than 1 handler type (has ${handlers.join(', ')})`);
  for (const h of handlers) if (h === 'httpGet' || h === 'tcpSocket') handlerPort(rec(pr[h]).port, `${f}.${h}.port`, 'container-probe', p);
  for (const k of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    const v = pr[k];
    if (v !== undefined && (typeof v !== 'number' || v < 0))
      p.add('container-probe', `${f}.${k}`, `${String(v)} must be greater than or equal to 0`);
  }
  if (kind !== 'readinessProbe' && pr.successThreshold !== undefined && pr.successThreshold !== 1)
    p.add('container-probe', `${f}.successThreshold`, 'must be 1');
  if (kind === 'readinessProbe' && pr.terminationGracePeriodSeconds !== undefined)
    p.add('container-probe', `${f}.terminationGracePeriodSeconds`, 'must not be set for readinessProbes');
}

// validation.go validateLifecycle / validateHandler for postStart and preStop
function lifecycle(raw: unknown, at: string, p: Problems): void {
  for (const hook of ['postStart', 'preStop']) {
    const h = rec(raw)[hook];
    if (h === undefined) continue;
    const set = [...HANDLERS, 'sleep'].filter((k) => rec(h)[k] !== undefined);
    if (set.length !== 1)
      p.add(
        'container-lifecycle',
        `${at}.lifecycle.${hook}`,
        set.length === 0 ? 'must specify a handler type' : 'may not specify more than 1 handler type',
      );
  }
}

// validation.go ValidateVolumeMounts: the volume exists, mountPath set and unique, subPath relative
function mounts(c: Record<string, unknown>, at: string, volumes: ReadonlySet<string>, p: Problems): void {
  const paths = new Set<string>();
  arr(c.volumeMounts).forEach((raw, i) => {
    const m = rec(raw);
    const f = `${at}.volumeMounts[${i}]`;
    if (!volumes.has(String(m.name))) p.add('container-volume-mount', `${f}.name`, `Not found: "${String(m.name)}"`);
    const path = String(m.mountPath ?? '');
    if (path === '') p.add('container-volume-mount', `${f}.mountPath`, 'Required value');
    else if (paths.has(path)) p.add('container-volume-mount', `${f}.mountPath`, `"${path}" must be unique`);
    paths.add(path);
    const sub = m.subPath;
    if (typeof sub === 'string' && (sub.startsWith('/') || sub.split('/').includes('..')))
      p.add('container-volume-mount', `${f}.subPath`, `"${sub}" must be a relative path without '..'`);
  });
}

// validation.go ValidateResourceRequirements: quantities parse, non-negative, request <= limit,
// extended resources need a limit equal to the request
function resources(c: Record<string, unknown>, at: string, p: Problems): void {
  const res = rec(c.resources);
  const limits = rec(res.limits);
  const requests = rec(res.requests);
  for (const [bag, values] of [
    ['limits', limits],
    ['requests', requests],
  ] as const) {
    for (const [name, value] of Object.entries(values)) {
      const q = parseQuantity(String(value));
      if (!q) p.add('container-resources', `${at}.resources.${bag}[${name}]`, `"${String(value)}" is not a quantity`);
      else if (q.num < 0n) p.add('container-resources', `${at}.resources.${bag}[${name}]`, 'must be greater than or equal to 0');
    }
  }
  for (const [name, value] of Object.entries(requests)) {
    const request = parseQuantity(String(value));
    const limit = limits[name] === undefined ? undefined : parseQuantity(String(limits[name]));
    if (isExtended(name)) {
      if (limit === undefined)
        p.add(
          'container-resources',
          `${at}.resources.limits[${name}]`,
          `Required value: limit must be set for non overcommitable resource ${name}`,
        );
      else if (request && compareQuantities(request, limit) !== 0)
        p.add('container-resources', `${at}.resources.requests[${name}]`, `must be equal to ${name} limit of ${String(limits[name])}`);
    } else if (request && limit && compareQuantities(request, limit) > 0) {
      p.add(
        'container-resources',
        `${at}.resources.requests[${name}]`,
        `must be less than or equal to ${name} limit of ${String(limits[name])}`,
      );
    }
  }
}

// validation.go ValidateSecurityContext / validateSeccompProfileField
function securityContext(c: Record<string, unknown>, at: string, p: Problems): void {
  const sc = rec(c.securityContext);
  const f = `${at}.securityContext`;
  if (sc.allowPrivilegeEscalation === false && sc.privileged === true)
    p.add('container-security-context', f, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true');
  if (sc.allowPrivilegeEscalation === false && arr(rec(sc.capabilities).add).includes('CAP_SYS_ADMIN'))
    p.add('container-security-context', f, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN');
  validateIds(sc, f, 'container-security-context', p);
  validateSeccomp(sc.seccompProfile, `${f}.seccompProfile`, 'container-security-context', p);
}

/** runAsUser/runAsGroup/fsGroup within 0..2147483647 (validation.go ValidateNonnegativeField / IsValidUserID). */
export function validateIds(sc: Record<string, unknown>, f: string, rule: string, p: Problems): void {
  for (const k of ['runAsUser', 'runAsGroup', 'fsGroup']) {
    const v = sc[k];
    if (v !== undefined && (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 2147483647))
      p.add(rule, `${f}.${k}`, `${String(v)} must be between 0 and 2147483647, inclusive`);
  }
}

/** Seccomp profile type and localhostProfile agree (validation.go validateSeccompProfileField). */
export function validateSeccomp(raw: unknown, f: string, rule: string, p: Problems): void {
  if (raw === undefined) return;
  const s = rec(raw);
  if (!['RuntimeDefault', 'Unconfined', 'Localhost'].includes(String(s.type)))
    p.add(rule, `${f}.type`, `Unsupported value: "${String(s.type)}"`);
  if (s.type === 'Localhost' && !s.localhostProfile) p.add(rule, `${f}.localhostProfile`, 'must be set when seccomp type is Localhost');
  if (s.type !== 'Localhost' && s.localhostProfile !== undefined)
    p.add(rule, `${f}.localhostProfile`, 'can only be set when seccomp type is Localhost');
}

/** Checks one container at `at` (`spec.containers[0]`), given the pod's volume names. */
export function validateContainer(c: Record<string, unknown>, at: string, volumes: ReadonlySet<string>, p: Problems): void {
  ports(c, at, p);
  env(c, at, p);
  for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe']) probe(kind, c[kind], at, p);
  lifecycle(c.lifecycle, at, p);
  mounts(c, at, volumes, p);
  resources(c, at, p);
  securityContext(c, at, p);
}
