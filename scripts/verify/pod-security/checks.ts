/**
 * The Pod Security Standards checks of k8s.io/pod-security-admission policy/check_*.go, each with
 * its level and the minimum policy version of each variant (the highest variant whose minimum
 * is at or below the evaluated version applies; `latest` applies the newest).
 */
import { arr, rec } from '../model.ts';
import type { Level, PolicyVersion } from './policy-labels.ts';

/** A pod as PSA sees it: template metadata and spec. */
export interface PodView {
  readonly annotations: Readonly<Record<string, string>>;
  readonly spec: Record<string, unknown>;
}

/** A check's result: undefined when allowed, else the reason. */
type CheckFn = (pod: PodView) => string | undefined;

/** One check and its versioned variants. */
export interface PsaCheck {
  readonly id: string;
  readonly level: Exclude<Level, 'privileged'>;
  readonly versions: readonly { readonly minor: number; readonly check: CheckFn }[];
}

interface Named {
  readonly name: string;
  readonly c: Record<string, unknown>;
}

// policy/visitor.go visitContainers: containers, initContainers, ephemeralContainers
function containers(spec: Record<string, unknown>): Named[] {
  return [...arr(spec.initContainers), ...arr(spec.containers), ...arr(spec.ephemeralContainers)].map((raw) => {
    const c = rec(raw);
    return { name: String(c.name), c };
  });
}
const sc = (c: Record<string, unknown>): Record<string, unknown> => rec(c.securityContext);
const podSc = (pod: PodView): Record<string, unknown> => rec(pod.spec.securityContext);
const isWindows = (pod: PodView): boolean => rec(pod.spec.os).name === 'windows';
const list = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(', ');
const fail = (reason: string, bad: readonly string[]): string | undefined => (bad.length > 0 ? `${reason}: ${list(bad)}` : undefined);

// check_hostNamespaces.go CheckHostNamespaces (1.0)
const hostNamespaces: CheckFn = (pod) =>
  fail(
    'host namespaces',
    ['hostNetwork', 'hostPID', 'hostIPC'].filter((k) => pod.spec[k] === true).map((k) => `${k}=true`),
  );

// check_privileged.go CheckPrivileged (1.0)
const privileged: CheckFn = (pod) =>
  fail(
    'privileged containers',
    containers(pod.spec)
      .filter(({ c }) => sc(c).privileged === true)
      .map((n) => n.name),
  );

// check_capabilities_baseline.go CheckCapabilitiesBaseline (1.0): the default runtime set only
const BASELINE_CAPS = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);
const capabilitiesBaseline: CheckFn = (pod) =>
  fail(
    'non-default capabilities',
    containers(pod.spec).flatMap(({ name, c }) =>
      arr(rec(sc(c).capabilities).add)
        .map(String)
        .filter((cap) => !BASELINE_CAPS.has(cap))
        .map((cap) => `${name}: ${cap}`),
    ),
  );

// check_hostPathVolumes.go CheckHostPathVolumes (1.0)
const hostPathVolumes: CheckFn = (pod) =>
  fail(
    'hostPath volumes',
    arr(pod.spec.volumes)
      .map(rec)
      .filter((v) => v.hostPath !== undefined)
      .map((v) => String(v.name)),
  );

// check_hostPorts.go CheckHostPorts (1.0)
const hostPorts: CheckFn = (pod) =>
  fail(
    'hostPort',
    containers(pod.spec).flatMap(({ name, c }) =>
      arr(c.ports)
        .map(rec)
        .filter((p) => p.hostPort !== undefined && p.hostPort !== 0)
        .map((p) => `${name}: ${String(p.hostPort)}`),
    ),
  );

// check_appArmorProfile.go CheckAppArmorProfile (1.0): annotations runtime/default, localhost/*
// or empty; appArmorProfile.type RuntimeDefault or Localhost at pod and container level
const appArmor: CheckFn = (pod) => {
  const bad: string[] = [];
  for (const [k, v] of Object.entries(pod.annotations))
    if (
      k.startsWith('container.apparmor.security.beta.kubernetes.io/') &&
      !(v === '' || v === 'runtime/default' || v.startsWith('localhost/'))
    )
      bad.push(`${k}=${v}`);
  const type = (s: Record<string, unknown>): unknown => rec(s.appArmorProfile).type;
  const ok = (t: unknown): boolean => t === undefined || t === 'RuntimeDefault' || t === 'Localhost';
  if (!ok(type(podSc(pod)))) bad.push(`pod: ${String(type(podSc(pod)))}`);
  for (const { name, c } of containers(pod.spec)) if (!ok(type(sc(c)))) bad.push(`${name}: ${String(type(sc(c)))}`);
  return fail('forbidden AppArmor profiles', bad);
};

// check_seLinuxOptions.go CheckSELinuxOptions: type from an allowed set (container_engine_t from
// 1.31), user and role unset
const seLinux =
  (types: ReadonlySet<string>): CheckFn =>
  (pod) => {
    const bad: string[] = [];
    const check = (who: string, s: Record<string, unknown>): void => {
      const o = rec(s.seLinuxOptions);
      if (o.type !== undefined && !types.has(String(o.type))) bad.push(`${who}: type ${String(o.type)}`);
      if (o.user !== undefined && o.user !== '') bad.push(`${who}: user ${String(o.user)}`);
      if (o.role !== undefined && o.role !== '') bad.push(`${who}: role ${String(o.role)}`);
    };
    check('pod', podSc(pod));
    for (const { name, c } of containers(pod.spec)) check(name, sc(c));
    return fail('seLinuxOptions', bad);
  };
const SELINUX_1_0 = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const SELINUX_1_31 = new Set([...SELINUX_1_0, 'container_engine_t']);

// check_procMount.go CheckProcMount (1.0): Default or unset
const procMount: CheckFn = (pod) =>
  fail(
    'procMount',
    containers(pod.spec)
      .filter(({ c }) => sc(c).procMount !== undefined && sc(c).procMount !== 'Default')
      .map((n) => n.name),
  );

// check_seccompProfile_baseline.go CheckSeccompBaseline: no unconfined annotation (1.0), no
// Unconfined type at pod or container level (1.19, which no longer reads the annotations)
const seccompAnnotations = (pod: PodView): string[] =>
  Object.entries(pod.annotations)
    .filter(
      ([k, v]) =>
        (k === 'seccomp.security.alpha.kubernetes.io/pod' || k.startsWith('container.seccomp.security.alpha.kubernetes.io/')) &&
        v === 'unconfined',
    )
    .map(([k]) => k);
const seccompBaseline_1_0: CheckFn = (pod) => fail('seccomp profile', seccompAnnotations(pod));
const seccompBaseline_1_19: CheckFn = (pod) => {
  const bad = rec(podSc(pod).seccompProfile).type === 'Unconfined' ? ['pod'] : [];
  for (const { name, c } of containers(pod.spec)) if (rec(sc(c).seccompProfile).type === 'Unconfined') bad.push(name);
  return fail('seccompProfile type Unconfined', bad);
};

// check_sysctls.go CheckSysctls: the safe set, widened in 1.27, 1.29 and 1.32
const SYSCTLS_1_0 = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
];
const SYSCTLS_1_27 = [...SYSCTLS_1_0, 'net.ipv4.ip_local_reserved_ports'];
const SYSCTLS_1_29 = [
  ...SYSCTLS_1_27,
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
];
const SYSCTLS_1_32 = [...SYSCTLS_1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];
const sysctls =
  (allowed: readonly string[]): CheckFn =>
  (pod) =>
    fail(
      'forbidden sysctls',
      arr(podSc(pod).sysctls)
        .map((s) => String(rec(s).name))
        .filter((n) => !allowed.includes(n)),
    );

// check_windowsHostProcess.go CheckWindowsHostProcess (1.0)
const windowsHostProcess: CheckFn = (pod) => {
  const bad = rec(podSc(pod).windowsOptions).hostProcess === true ? ['pod'] : [];
  for (const { name, c } of containers(pod.spec)) if (rec(sc(c).windowsOptions).hostProcess === true) bad.push(name);
  return fail('hostProcess', bad);
};

// check_hostProbesAndhostLifecycle.go CheckHostProbesAndHostLifecycle (1.34)
const hostProbes: CheckFn = (pod) => {
  const bad: string[] = [];
  for (const { name, c } of containers(pod.spec)) {
    const handlers = [c.livenessProbe, c.readinessProbe, c.startupProbe, rec(c.lifecycle).postStart, rec(c.lifecycle).preStop].map(rec);
    for (const h of handlers) for (const k of ['httpGet', 'tcpSocket']) if (rec(h[k]).host) bad.push(`${name}: ${String(rec(h[k]).host)}`);
  }
  return fail('probe or lifecycle host', bad);
};

// check_restrictedVolumes.go CheckRestrictedVolumes (1.0): only these volume sources
const RESTRICTED_VOLUMES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);
const restrictedVolumes: CheckFn = (pod) =>
  fail(
    'restricted volume types',
    arr(pod.spec.volumes)
      .map(rec)
      .flatMap((v) =>
        Object.keys(v)
          .filter((k) => k !== 'name' && !RESTRICTED_VOLUMES.has(k))
          .map((k) => `${String(v.name)}: ${k}`),
      ),
  );

// check_allowPrivilegeEscalation.go CheckAllowPrivilegeEscalation: explicitly false (1.8);
// Windows pods exempt (1.25)
const noEscalation =
  (windowsExempt: boolean): CheckFn =>
  (pod) =>
    windowsExempt && isWindows(pod)
      ? undefined
      : fail(
          'allowPrivilegeEscalation != false',
          containers(pod.spec)
            .filter(({ c }) => sc(c).allowPrivilegeEscalation !== false)
            .map((n) => n.name),
        );

// check_runAsNonRoot.go CheckRunAsNonRoot (1.0): pod true or every container true, none false
const runAsNonRoot: CheckFn = (pod) => {
  const podValue = podSc(pod).runAsNonRoot;
  if (podValue === false) return 'runAsNonRoot != true: pod must not set securityContext.runAsNonRoot=false';
  const bad = containers(pod.spec)
    .filter(({ c }) => sc(c).runAsNonRoot === false || (podValue !== true && sc(c).runAsNonRoot !== true))
    .map((n) => n.name);
  return fail('runAsNonRoot != true', bad);
};

// check_runAsUser.go CheckRunAsUser (1.23): never 0
const runAsUser: CheckFn = (pod) => {
  const bad = podSc(pod).runAsUser === 0 ? ['pod'] : [];
  for (const { name, c } of containers(pod.spec)) if (sc(c).runAsUser === 0) bad.push(name);
  return fail('runAsUser=0', bad);
};

// check_seccompProfile_restricted.go CheckSeccompProfileRestricted: RuntimeDefault or Localhost
// at pod level or on every container, none other (1.19); Windows pods exempt (1.25)
const seccompRestricted =
  (windowsExempt: boolean): CheckFn =>
  (pod) => {
    if (windowsExempt && isWindows(pod)) return undefined;
    const ok = (t: unknown): boolean => t === 'RuntimeDefault' || t === 'Localhost';
    const podType = rec(podSc(pod).seccompProfile).type;
    const bad: string[] = [];
    if (podType !== undefined && !ok(podType)) bad.push('pod');
    for (const { name, c } of containers(pod.spec)) {
      const t = rec(sc(c).seccompProfile).type;
      if (t !== undefined ? !ok(t) : !ok(podType)) bad.push(name);
    }
    return fail('seccompProfile must be RuntimeDefault or Localhost', bad);
  };

// check_capabilities_restricted.go CheckCapabilitiesRestricted: drop ALL, add only
// NET_BIND_SERVICE (1.22); Windows pods exempt (1.25)
const capabilitiesRestricted =
  (windowsExempt: boolean): CheckFn =>
  (pod) => {
    if (windowsExempt && isWindows(pod)) return undefined;
    const bad: string[] = [];
    for (const { name, c } of containers(pod.spec)) {
      const caps = rec(sc(c).capabilities);
      if (!arr(caps.drop).map(String).includes('ALL')) bad.push(`${name}: must drop ALL`);
      for (const cap of arr(caps.add).map(String)) if (cap !== 'NET_BIND_SERVICE') bad.push(`${name}: adds ${cap}`);
    }
    return fail('unrestricted capabilities', bad);
  };

/** Every check, baseline then restricted. */
export const PSA_CHECKS: readonly PsaCheck[] = [
  { id: 'hostNamespaces', level: 'baseline', versions: [{ minor: 0, check: hostNamespaces }] },
  { id: 'privileged', level: 'baseline', versions: [{ minor: 0, check: privileged }] },
  { id: 'capabilities_baseline', level: 'baseline', versions: [{ minor: 0, check: capabilitiesBaseline }] },
  { id: 'hostPathVolumes', level: 'baseline', versions: [{ minor: 0, check: hostPathVolumes }] },
  { id: 'hostPorts', level: 'baseline', versions: [{ minor: 0, check: hostPorts }] },
  { id: 'appArmorProfile', level: 'baseline', versions: [{ minor: 0, check: appArmor }] },
  {
    id: 'seLinuxOptions',
    level: 'baseline',
    versions: [
      { minor: 0, check: seLinux(SELINUX_1_0) },
      { minor: 31, check: seLinux(SELINUX_1_31) },
    ],
  },
  { id: 'procMount', level: 'baseline', versions: [{ minor: 0, check: procMount }] },
  {
    id: 'seccompProfile_baseline',
    level: 'baseline',
    versions: [
      { minor: 0, check: seccompBaseline_1_0 },
      { minor: 19, check: seccompBaseline_1_19 },
    ],
  },
  {
    id: 'sysctls',
    level: 'baseline',
    versions: [
      { minor: 0, check: sysctls(SYSCTLS_1_0) },
      { minor: 27, check: sysctls(SYSCTLS_1_27) },
      { minor: 29, check: sysctls(SYSCTLS_1_29) },
      { minor: 32, check: sysctls(SYSCTLS_1_32) },
    ],
  },
  { id: 'windowsHostProcess', level: 'baseline', versions: [{ minor: 0, check: windowsHostProcess }] },
  { id: 'hostProbesAndHostLifecycle', level: 'baseline', versions: [{ minor: 34, check: hostProbes }] },
  { id: 'restrictedVolumes', level: 'restricted', versions: [{ minor: 0, check: restrictedVolumes }] },
  {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    versions: [
      { minor: 8, check: noEscalation(false) },
      { minor: 25, check: noEscalation(true) },
    ],
  },
  { id: 'runAsNonRoot', level: 'restricted', versions: [{ minor: 0, check: runAsNonRoot }] },
  { id: 'runAsUser', level: 'restricted', versions: [{ minor: 23, check: runAsUser }] },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    versions: [
      { minor: 19, check: seccompRestricted(false) },
      { minor: 25, check: seccompRestricted(true) },
    ],
  },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    versions: [
      { minor: 22, check: capabilitiesRestricted(false) },
      { minor: 25, check: capabilitiesRestricted(true) },
    ],
  },
];

// policy/checks.go + policy/registry.go: a level includes the checks of the less strict levels;
// a check applies at the newest variant whose minimum version is not newer than the policy's
/** The violations of `pod` under `level` at `version`: `check id: reason`. */
export function evaluatePod(pod: PodView, level: Level, version: PolicyVersion): string[] {
  if (level === 'privileged') return [];
  const out: string[] = [];
  for (const c of PSA_CHECKS) {
    if (c.level === 'restricted' && level !== 'restricted') continue;
    const applicable = c.versions.filter((v) => version.latest || v.minor <= version.minor);
    const variant = applicable[applicable.length - 1];
    const reason = variant?.check(pod);
    if (reason) out.push(`${c.id}: ${reason}`);
  }
  return out;
}
