/**
 * Every rendered Gatekeeper policy, evaluated by verify's admission check exactly as dist/ says
 * (ConstraintTemplates, Constraints and ExpansionTemplates read from dist/prod/policies): one
 * admitted fixture and one denied fixture with its exact message per rule.
 */
import { describe, expect, it } from 'vitest';
import { admissionCheck } from '../../scripts/verify/checks/admission.ts';
import type { KubeObject } from '../../scripts/verify/model.ts';
import { clone, CRDS_DIR, deployment, goodContainer, inApp, model, prodPolicies, REGISTRY } from './fixtures.ts';

/** The shared compliant Deployment plus what the Pod Security parity policies also require. */
function compliant(): ReturnType<typeof deployment> {
  const d = clone(deployment());
  d.spec.template.metadata.labels['fintrack.io/team'] = 'team';
  d.spec.template.spec.securityContext.fsGroup = 10001;
  return d;
}

type Case = { readonly name: string; readonly arrange: () => KubeObject; readonly messages: readonly string[] };

const pod =
  (mutate: (spec: any) => void): (() => KubeObject) =>
  () => {
    const d = compliant();
    mutate(d.spec.template.spec);
    return d;
  };
const X = ' (Pod expanded by expand-workloads)';

const CASES: readonly Case[] = [
  {
    name: 'root user in an init container',
    arrange: pod(
      (s) =>
        (s.initContainers = [
          { ...goodContainer('init'), securityContext: { ...(goodContainer().securityContext as object), runAsUser: 0 } },
        ]),
    ),
    messages: [`FintrackRunAsNonRoot/run-as-non-root [deny]${X}: containers must set runAsNonRoot: true and a non-zero runAsUser: init`],
  },
  {
    name: 'runAsNonRoot missing at both levels',
    arrange: pod((s) => {
      delete s.securityContext.runAsNonRoot;
      delete s.containers[0].securityContext.runAsNonRoot;
    }),
    messages: [`FintrackRunAsNonRoot/run-as-non-root [deny]${X}: containers must set runAsNonRoot: true and a non-zero runAsUser: app`],
  },
  {
    name: 'privileged and escalating',
    arrange: pod((s) => Object.assign(s.containers[0].securityContext, { privileged: true, allowPrivilegeEscalation: true })),
    messages: [
      `FintrackNoPrivilegeEscalation/no-privilege-escalation [deny]${X}: privileged containers are not allowed: app`,
      `FintrackNoPrivilegeEscalation/no-privilege-escalation [deny]${X}: containers must set allowPrivilegeEscalation: false: app`,
    ],
  },
  {
    name: 'capabilities not dropped, SYS_ADMIN added',
    arrange: pod((s) => (s.containers[0].securityContext.capabilities = { add: ['SYS_ADMIN'] })),
    messages: [
      `FintrackCapabilities/drop-all-capabilities [deny]${X}: containers must drop ALL capabilities: app`,
      `FintrackCapabilities/drop-all-capabilities [deny]${X}: containers may add only [NET_BIND_SERVICE]: app`,
    ],
  },
  {
    name: 'seccomp Unconfined on a container',
    arrange: pod((s) => (s.containers[0].securityContext.seccompProfile = { type: 'Unconfined' })),
    messages: [`FintrackSeccomp/seccomp-runtime-default [deny]${X}: containers must use seccomp RuntimeDefault or Localhost: app`],
  },
  {
    name: 'writable root filesystem in an ephemeral container',
    arrange: pod(
      (s) =>
        (s.ephemeralContainers = [
          {
            name: 'debug',
            image: `${REGISTRY}/debug:v1`,
            securityContext: { ...(goodContainer().securityContext as object), readOnlyRootFilesystem: false },
          },
        ]),
    ),
    messages: [
      `FintrackReadOnlyRootFilesystem/read-only-root-filesystem [deny]${X}: containers must set readOnlyRootFilesystem: true: debug`,
    ],
  },
  {
    name: 'missing memory limit',
    arrange: pod((s) => delete s.containers[0].resources.limits.memory),
    messages: [`FintrackResources/require-requests-limits [deny]${X}: containers must set cpu and memory requests and limits: app`],
  },
  {
    name: 'request above limit (quantity comparison: 1500m > 1)',
    arrange: pod((s) => (s.containers[0].resources.requests.cpu = '1500m')),
    messages: [
      `FintrackResources/require-requests-limits [deny]${X}: container requests must be valid quantities no greater than limits: app`,
    ],
  },
  {
    name: 'host namespaces, hostPath and hostPort',
    arrange: pod((s) => {
      s.hostNetwork = true;
      s.hostPID = true;
      s.volumes = [{ name: 'root', hostPath: { path: '/' } }];
      s.containers[0].ports[0].hostPort = 8080;
    }),
    messages: [
      `FintrackHostIsolation/host-isolation [deny]${X}: host namespaces are not allowed: hostNetwork, hostPID`,
      `FintrackHostIsolation/host-isolation [deny]${X}: hostPath volumes are not allowed: root`,
      `FintrackHostIsolation/host-isolation [deny]${X}: hostPort is not allowed: app`,
      `FintrackVolumeTypes/restricted-volume-types [deny]${X}: volume types must be one of configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret: root (hostPath)`,
    ],
  },
  {
    name: 'image from Docker Hub with latest tag',
    arrange: pod((s) => (s.containers[0].image = 'nginx:latest')),
    messages: [
      `FintrackAllowedRegistry/allowed-registry [deny]${X}: images must come from ${REGISTRY}: app (nginx:latest)`,
      `FintrackImageTag/pinned-image-tag [deny]${X}: images must be pinned to a tag other than latest or a digest: app (nginx:latest)`,
    ],
  },
  {
    name: 'untagged image (a registry port is not a tag)',
    arrange: pod((s) => (s.containers[0].image = `${REGISTRY}/app`)),
    messages: [
      `FintrackImageTag/pinned-image-tag [deny]${X}: images must be pinned to a tag other than latest or a digest: app (${REGISTRY}/app)`,
    ],
  },
  {
    name: 'no probes',
    arrange: pod((s) => {
      delete s.containers[0].readinessProbe;
      delete s.containers[0].livenessProbe;
    }),
    messages: [
      `FintrackProbes/require-probes [deny]${X}: containers must set a readinessProbe: app`,
      `FintrackProbes/require-probes [deny]${X}: containers must set a livenessProbe: app`,
    ],
  },
  {
    name: 'host on probes and lifecycle hooks',
    arrange: pod((s) => {
      s.containers[0].livenessProbe = { httpGet: { path: '/livez', port: 'http', host: '10.0.0.1' } };
      s.containers[0].lifecycle = { preStop: { tcpSocket: { port: 80, host: 'node.local' } } };
      s.initContainers = [{ ...goodContainer('init'), startupProbe: { tcpSocket: { port: 1, host: '169.254.169.254' } } }];
    }),
    messages: [
      `FintrackProbeHost/no-probe-host [deny]${X}: probes and lifecycle hooks must not set a host: app (10.0.0.1), app (node.local), init (169.254.169.254)`,
    ],
  },
  {
    name: 'unsafe sysctl',
    arrange: pod(
      (s) =>
        (s.securityContext.sysctls = [
          { name: 'net.ipv4.tcp_syncookies', value: '1' },
          { name: 'kernel.msgmax', value: '1' },
        ]),
    ),
    messages: [`FintrackSysctls/safe-sysctls [deny]${X}: forbidden sysctls: kernel.msgmax`],
  },
  {
    name: 'AppArmor unconfined (field and annotation)',
    arrange: () => {
      const d = compliant();
      d.spec.template.spec.securityContext.appArmorProfile = { type: 'Unconfined' };
      d.spec.template.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' };
      return d;
    },
    messages: [
      `FintrackAppArmor/apparmor-confined [deny]${X}: AppArmor profile type must be RuntimeDefault or Localhost: pod`,
      `FintrackAppArmor/apparmor-confined [deny]${X}: AppArmor annotations must be runtime/default or localhost/*: container.apparmor.security.beta.kubernetes.io/app`,
    ],
  },
  {
    name: 'Windows hostProcess',
    arrange: pod((s) => (s.containers[0].securityContext.windowsOptions = { hostProcess: true })),
    messages: [`FintrackHostProcess/no-host-process [deny]${X}: securityContext.windowsOptions.hostProcess must not be true: app`],
  },
  {
    name: 'unmasked procMount',
    arrange: pod((s) => (s.containers[0].securityContext.procMount = 'Unmasked')),
    messages: [`FintrackProcMount/default-proc-mount [deny]${X}: securityContext.procMount must be Default: app (Unmasked)`],
  },
  {
    name: 'SELinux type spc_t and a user',
    arrange: pod((s) => {
      s.securityContext.seLinuxOptions = { type: 'spc_t' };
      s.containers[0].securityContext.seLinuxOptions = { type: 'container_t', user: 'system_u' };
    }),
    messages: [
      `FintrackSELinux/selinux-container-types [deny]${X}: seLinuxOptions must use type container_t, container_init_t, container_kvm_t, container_engine_t and no user or role: pod, app`,
    ],
  },
  {
    name: 'flexVolume and nfs volumes',
    arrange: pod((s) => {
      s.volumes = [
        { name: 'tmp', emptyDir: {} },
        { name: 'flex', flexVolume: { driver: 'x/y' } },
        { name: 'share', nfs: { server: 'nfs', path: '/' } },
      ];
    }),
    messages: [
      `FintrackVolumeTypes/restricted-volume-types [deny]${X}: volume types must be one of configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret: flex (flexVolume), share (nfs)`,
    ],
  },
  {
    name: 'Localhost seccomp profile not on the allow-list',
    arrange: pod((s) => (s.containers[0].securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'profiles/custom.json' })),
    messages: [
      `FintrackSeccompLocalhost/seccomp-localhost-allowlist [deny]${X}: Localhost seccomp profiles must be one of []: app (profiles/custom.json)`,
    ],
  },
  {
    name: 'fsGroup 0 and a system supplemental group',
    arrange: pod((s) => {
      s.securityContext.fsGroup = 0;
      s.securityContext.supplementalGroups = [10001, 4];
    }),
    messages: [
      `FintrackFsGroup/fsgroup-ranges [deny]${X}: fsGroup must be set within 1000-65535 (found 0)`,
      `FintrackFsGroup/fsgroup-ranges [deny]${X}: supplementalGroups must lie within 1000-65535: 4`,
    ],
  },
  {
    name: 'fsGroup missing',
    arrange: pod((s) => delete s.securityContext.fsGroup),
    messages: [`FintrackFsGroup/fsgroup-ranges [deny]${X}: fsGroup must be set within 1000-65535 (not set)`],
  },
  {
    name: 'pod without the team label',
    arrange: () => {
      const d = compliant();
      delete d.spec.template.metadata.labels['fintrack.io/team'];
      return d;
    },
    messages: [`FintrackRequiredLabels/required-pod-labels [deny]${X}: pods must carry labels: fintrack.io/team`],
  },
  {
    name: 'namespace without Pod Security label',
    arrange: () => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } }),
    messages: [
      'FintrackNamespacePodSecurity/namespace-pod-security [deny]: namespace team must set label pod-security.kubernetes.io/enforce to one of restricted (label missing)',
    ],
  },
  {
    name: 'namespace with baseline level',
    arrange: () => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
    }),
    messages: [
      'FintrackNamespacePodSecurity/namespace-pod-security [deny]: namespace team must set label pod-security.kubernetes.io/enforce to one of restricted (found baseline)',
    ],
  },
  {
    name: 'LoadBalancer Service outside the ingress namespace',
    arrange: () => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'app', namespace: 'team' },
      spec: { type: 'LoadBalancer', ports: [{ port: 80 }] },
    }),
    messages: ['FintrackServiceType/internal-services [deny]: Service type LoadBalancer is allowed only in edge'],
  },
];

async function deny(obj: KubeObject): Promise<string[]> {
  const findings = await admissionCheck.run(model(prodPolicies(), inApp('svc', [obj])), { crdsDir: CRDS_DIR });
  return findings.map((f) => f.message);
}

describe('admission policies (from dist/prod/policies)', () => {
  it('admits a compliant Deployment, labelled Namespace and ClusterIP Service', async () => {
    // GIVEN objects every policy admits
    const ns: KubeObject = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } },
    };
    const svc: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'app', namespace: 'team' },
      spec: { ports: [{ port: 80 }] },
    };
    const lb: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'gw', namespace: 'edge' },
      spec: { type: 'LoadBalancer', ports: [{ port: 80 }] },
    };
    // WHEN the admission check runs THEN nothing is denied
    for (const o of [compliant(), ns, svc, lb]) expect(await deny(o)).toEqual([]);
  });

  it.each(CASES)('fails $name', async ({ arrange, messages }) => {
    // GIVEN one violation WHEN admitted THEN exactly the expected denials
    expect(await deny(arrange())).toEqual(messages);
  });

  it('fails a CronJob through the CronJob expansion template', async () => {
    // GIVEN a CronJob whose pod runs as root
    const d = compliant();
    const podTemplate = clone(d.spec.template);
    podTemplate.spec.containers[0].securityContext.runAsUser = 0;
    const cron: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'job', namespace: 'team' },
      spec: { schedule: '@daily', jobTemplate: { spec: { template: podTemplate } } },
    };
    // WHEN admitted THEN denied via expand-cronjobs
    expect(await deny(cron)).toEqual([
      'FintrackRunAsNonRoot/run-as-non-root [deny] (Pod expanded by expand-cronjobs): containers must set runAsNonRoot: true and a non-zero runAsUser: app',
    ]);
  });

  it('skips excluded system namespaces', async () => {
    // GIVEN a violating Deployment in kube-system
    const d = compliant();
    (d.metadata as { namespace?: string }).namespace = 'kube-system';
    d.spec.template.spec.hostNetwork = true;
    // WHEN admitted THEN no constraint matches it
    expect(await deny(d)).toEqual([]);
  });

  it('reports warn constraints as warnings', async () => {
    // GIVEN the probes constraint switched to warn
    const policies = clone(prodPolicies()).map((o) =>
      o.object.kind === 'FintrackProbes'
        ? { ...o, object: { ...o.object, spec: { ...(o.object.spec as object), enforcementAction: 'warn' } } }
        : o,
    );
    const d = compliant();
    delete d.spec.template.spec.containers[0].livenessProbe;
    // WHEN admitted
    const findings = await admissionCheck.run(model(policies, inApp('svc', [d])), { crdsDir: CRDS_DIR });
    // THEN a warning, not an error
    expect(findings.map((f) => [f.severity, f.message])).toEqual([
      ['warning', `FintrackProbes/require-probes [warn]${X}: containers must set a livenessProbe: app`],
    ]);
  });

  it('fails a constraint without template', async () => {
    // GIVEN a constraint of a kind no template defines
    const c: KubeObject = { apiVersion: 'constraints.gatekeeper.sh/v1beta1', kind: 'Nope', metadata: { name: 'nope' }, spec: {} };
    // WHEN checked THEN reported
    const findings = await admissionCheck.run(model(inApp('policies', [c])), { crdsDir: CRDS_DIR });
    expect(findings.map((f) => f.message)).toEqual(['no ConstraintTemplate in prod defines kind Nope']);
  });
});
