/**
 * Pod specs (k8s.io/kubernetes pkg/apis/core/validation/validation.go ValidatePodSpec): container
 * names, volumes, security context, tolerations, topology spread, scheduling fields. Containers
 * themselves are in containers.ts.
 */
import { arr, rec } from '../model.ts';
import { validateContainer, validateIds, validateSeccomp } from './containers.ts';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from './names.ts';
import { validateAnnotations, validateLabels } from './object-meta.ts';
import type { Problems } from './problems.ts';

/** Rules of this module. */
export const POD_RULES = [
  'pod-containers',
  'pod-volumes',
  'pod-security-context',
  'pod-tolerations',
  'pod-topology-spread',
  'pod-fields',
] as const;

const RESTART_POLICIES = new Set(['Always', 'OnFailure', 'Never']);
const DNS_POLICIES = new Set(['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']);
const TAINT_EFFECTS = new Set(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);

// validation.go validateVolumes / validateVolumeSource: unique DNS-label names, exactly one source
function volumes(spec: Record<string, unknown>, at: string, p: Problems): Set<string> {
  const names = new Set<string>();
  arr(spec.volumes).forEach((raw, i) => {
    const v = rec(raw);
    const f = `${at}.volumes[${i}]`;
    const name = String(v.name ?? '');
    if (name === '') p.add('pod-volumes', `${f}.name`, 'Required value');
    else p.add('pod-volumes', `${f}.name`, ...isDNS1123Label(name));
    if (names.has(name)) p.add('pod-volumes', `${f}.name`, `Duplicate value: "${name}"`);
    names.add(name);
    const sources = Object.keys(v).filter((k) => k !== 'name');
    // (no source at all is fine: core/v1 SetDefaults_Volume makes it an emptyDir)
    if (sources.length > 1) p.add('pod-volumes', f, `may not specify more than 1 volume type (has ${sources.join(', ')})`);
  });
  return names;
}

// validation.go validateContainers / validateInitContainers: at least one container, names
// DNS labels unique across all containers
function containers(spec: Record<string, unknown>, at: string, vols: ReadonlySet<string>, p: Problems): void {
  if (arr(spec.containers).length === 0) p.add('pod-containers', `${at}.containers`, 'Required value');
  const names = new Set<string>();
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    arr(spec[list]).forEach((raw, i) => {
      const c = rec(raw);
      const f = `${at}.${list}[${i}]`;
      const name = String(c.name ?? '');
      if (name === '') p.add('pod-containers', `${f}.name`, 'Required value');
      else p.add('pod-containers', `${f}.name`, ...isDNS1123Label(name));
      if (names.has(name)) p.add('pod-containers', `${f}.name`, `Duplicate value: "${name}"`);
      names.add(name);
      validateContainer(c, f, vols, p);
      // validation.go validateInitContainers: only restartable (sidecar) init containers may
      // have probes or lifecycle hooks
      if (list === 'initContainers' && c.restartPolicy !== 'Always')
        for (const k of ['livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle'])
          if (c[k] !== undefined) p.add('container-probe', `${f}.${k}`, 'may not be set for init containers without restartPolicy=Always');
    });
  }
  // validation.go AccumulateUniqueHostPorts: a host port (per protocol and IP) is used once per pod
  const hostPorts = new Set<string>();
  arr(spec.containers).forEach((raw, i) =>
    arr(rec(raw).ports).forEach((rawPort, j) => {
      const port = rec(rawPort);
      if (port.hostPort === undefined || port.hostPort === 0) return;
      const key = `${String(port.hostIP ?? '')}:${String(port.hostPort)}/${String(port.protocol ?? 'TCP')}`;
      if (hostPorts.has(key)) p.add('container-ports', `${at}.containers[${i}].ports[${j}].hostPort`, `Duplicate value: "${key}"`);
      hostPorts.add(key);
    }),
  );
}

// validation.go ValidateTolerations
function tolerations(spec: Record<string, unknown>, at: string, p: Problems): void {
  arr(spec.tolerations).forEach((raw, i) => {
    const t = rec(raw);
    const f = `${at}.tolerations[${i}]`;
    const op = t.operator ?? 'Equal';
    if (typeof t.key === 'string' && t.key !== '') p.add('pod-tolerations', `${f}.key`, ...isQualifiedName(t.key));
    else if (op !== 'Exists') p.add('pod-tolerations', `${f}.operator`, 'operator must be Exists when `key` is empty');
    if (op !== 'Equal' && op !== 'Exists') p.add('pod-tolerations', `${f}.operator`, `Unsupported value: "${String(op)}"`);
    if (op === 'Exists' && typeof t.value === 'string' && t.value !== '')
      p.add('pod-tolerations', `${f}.value`, "value must be empty when `operator` is 'Exists'");
    if (t.effect !== undefined && t.effect !== '' && !TAINT_EFFECTS.has(String(t.effect)))
      p.add('pod-tolerations', `${f}.effect`, `Unsupported value: "${String(t.effect)}"`);
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute')
      p.add('pod-tolerations', `${f}.effect`, "effect must be 'NoExecute' when `tolerationSeconds` is set");
  });
}

// validation.go validateTopologySpreadConstraints / validateMatchLabelKeysInTopologySpread
function topologySpread(spec: Record<string, unknown>, at: string, p: Problems): void {
  const seen = new Set<string>();
  arr(spec.topologySpreadConstraints).forEach((raw, i) => {
    const t = rec(raw);
    const f = `${at}.topologySpreadConstraints[${i}]`;
    if (!Number.isInteger(t.maxSkew) || (t.maxSkew as number) <= 0)
      p.add('pod-topology-spread', `${f}.maxSkew`, `${String(t.maxSkew)} must be greater than zero`);
    if (typeof t.topologyKey !== 'string' || t.topologyKey === '') p.add('pod-topology-spread', `${f}.topologyKey`, 'can not be empty');
    else p.add('pod-topology-spread', `${f}.topologyKey`, ...isQualifiedName(t.topologyKey));
    if (t.whenUnsatisfiable !== 'DoNotSchedule' && t.whenUnsatisfiable !== 'ScheduleAnyway')
      p.add('pod-topology-spread', `${f}.whenUnsatisfiable`, `Unsupported value: "${String(t.whenUnsatisfiable)}"`);
    if (t.minDomains !== undefined && t.whenUnsatisfiable !== 'DoNotSchedule')
      p.add('pod-topology-spread', `${f}.minDomains`, 'can only use minDomains if whenUnsatisfiable=DoNotSchedule');
    const pair = `${String(t.topologyKey)}/${String(t.whenUnsatisfiable)}`;
    if (seen.has(pair)) p.add('pod-topology-spread', f, `Duplicate value: {${pair}}`);
    seen.add(pair);
    const matchLabels = rec(rec(t.labelSelector).matchLabels);
    for (const key of arr(t.matchLabelKeys).map(String)) {
      if (t.labelSelector === undefined)
        p.add('pod-topology-spread', `${f}.matchLabelKeys`, 'must not be specified when labelSelector is not set');
      else if (key in matchLabels)
        p.add('pod-topology-spread', `${f}.matchLabelKeys`, `"${key}" exists in both matchLabelKeys and labelSelector`);
    }
  });
}

/** Checks a pod spec at `at`; `restartPolicies` narrows what the owning controller accepts. */
export function validatePodSpec(
  spec: Record<string, unknown>,
  at: string,
  p: Problems,
  restartPolicies: ReadonlySet<string> = RESTART_POLICIES,
): void {
  const vols = volumes(spec, at, p);
  containers(spec, at, vols, p);
  tolerations(spec, at, p);
  topologySpread(spec, at, p);
  // validation.go ValidatePodSecurityContext
  const sc = rec(spec.securityContext);
  validateIds(sc, `${at}.securityContext`, 'pod-security-context', p);
  arr(sc.supplementalGroups).forEach((g, i) =>
    validateIds({ runAsGroup: g }, `${at}.securityContext.supplementalGroups[${i}]`, 'pod-security-context', p),
  );
  validateSeccomp(sc.seccompProfile, `${at}.securityContext.seccompProfile`, 'pod-security-context', p);
  // validation.go ValidatePodSpec: restartPolicy, dnsPolicy, nodeSelector labels, names of references
  const restart = spec.restartPolicy ?? 'Always';
  if (!restartPolicies.has(String(restart)))
    p.add(
      'pod-fields',
      `${at}.restartPolicy`,
      `Unsupported value: "${String(restart)}": supported values: ${[...restartPolicies].join(', ')}`,
    );
  if (spec.dnsPolicy !== undefined && !DNS_POLICIES.has(String(spec.dnsPolicy)))
    p.add('pod-fields', `${at}.dnsPolicy`, `Unsupported value: "${String(spec.dnsPolicy)}"`);
  validateLabels(spec.nodeSelector, `${at}.nodeSelector`, p);
  for (const k of ['serviceAccountName', 'priorityClassName']) {
    if (typeof spec[k] === 'string' && spec[k] !== '') p.add('pod-fields', `${at}.${k}`, ...isDNS1123Subdomain(spec[k]));
  }
  for (const k of ['terminationGracePeriodSeconds', 'activeDeadlineSeconds']) {
    const v = spec[k];
    if (v !== undefined && (typeof v !== 'number' || v < 0 || (k === 'activeDeadlineSeconds' && v === 0)))
      p.add('pod-fields', `${at}.${k}`, `${String(v)} must be a non-negative integer`);
  }
}

/** Checks a pod template (labels and spec) at `at` (`spec.template`). */
export function validatePodTemplate(template: unknown, at: string, p: Problems, restartPolicies?: ReadonlySet<string>): void {
  const t = rec(template);
  validateLabels(rec(t.metadata).labels, `${at}.metadata.labels`, p);
  validateAnnotations(rec(t.metadata).annotations, `${at}.metadata.annotations`, p);
  validatePodSpec(rec(t.spec), `${at}.spec`, p, restartPolicies);
}
