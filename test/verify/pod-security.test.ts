/** The Pod Security Admission check: passing pods, one failing fixture per upstream check, version gating, modes and labels. */
import { describe, expect, it } from 'vitest';
import { podSecurityCheck } from '../../scripts/verify/checks/pod-security.ts';
import type { Finding, KubeObject } from '../../scripts/verify/model.ts';
import { PSA_CHECKS } from '../../scripts/verify/pod-security/checks.ts';
import { policyOf } from '../../scripts/verify/pod-security/policy-labels.ts';
import { clone, CRDS_DIR, deployment, inApp, model } from './fixtures.ts';

type Obj = Record<string, any>;

const ns = (labels: Record<string, string>, name = 'team'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
});
const restricted = (version = 'v1.32'): Record<string, string> => ({
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/enforce-version': version,
});

function run(objects: readonly KubeObject[]): string[] {
  const findings = podSecurityCheck.run(model(inApp('svc', objects)), { crdsDir: CRDS_DIR }) as Finding[];
  return findings.map((f) => `${f.severity} ${f.rule} ${f.kind} ${f.name}: ${f.message}`);
}

/** GIVEN the compliant Deployment changed by `change` in a namespace labelled `labels` WHEN checked THEN the findings. */
function withPod(change: (d: Obj) => void, labels: Record<string, string> = restricted('latest')): string[] {
  const d = clone(deployment()) as Obj;
  change(d);
  return run([ns(labels), d as KubeObject]);
}

const pod = (d: Obj): Obj => d.spec.template.spec;
const c0 = (d: Obj): Obj => pod(d).containers[0];

const cases: [id: string, change: (d: Obj) => void, detail: string][] = [
  ['hostNamespaces', (d) => (pod(d).hostNetwork = true), 'host namespaces: "hostNetwork=true"'],
  ['privileged', (d) => (c0(d).securityContext.privileged = true), 'privileged containers: "app"'],
  ['capabilities_baseline', (d) => (c0(d).securityContext.capabilities.add = ['NET_ADMIN']), 'non-default capabilities: "app: NET_ADMIN"'],
  ['hostPathVolumes', (d) => (pod(d).volumes = [{ name: 'h', hostPath: { path: '/' } }]), 'hostPath volumes: "h"'],
  ['hostPorts', (d) => (c0(d).ports[0].hostPort = 8080), 'hostPort: "app: 8080"'],
  [
    'appArmorProfile',
    (d) => (pod(d).securityContext.appArmorProfile = { type: 'Unconfined' }),
    'forbidden AppArmor profiles: "pod: Unconfined"',
  ],
  ['seLinuxOptions', (d) => (c0(d).securityContext.seLinuxOptions = { type: 'spc_t' }), 'seLinuxOptions: "app: type spc_t"'],
  ['procMount', (d) => (c0(d).securityContext.procMount = 'Unmasked'), 'procMount: "app"'],
  [
    'seccompProfile_baseline',
    (d) => (c0(d).securityContext.seccompProfile = { type: 'Unconfined' }),
    'seccompProfile type Unconfined: "app"',
  ],
  ['sysctls', (d) => (pod(d).securityContext.sysctls = [{ name: 'kernel.msgmax', value: '1' }]), 'forbidden sysctls: "kernel.msgmax"'],
  ['windowsHostProcess', (d) => (c0(d).securityContext.windowsOptions = { hostProcess: true }), 'hostProcess: "app"'],
  ['hostProbesAndHostLifecycle', (d) => (c0(d).readinessProbe.httpGet.host = '10.0.0.1'), 'probe or lifecycle host: "app: 10.0.0.1"'],
  ['restrictedVolumes', (d) => (pod(d).volumes = [{ name: 'n', nfs: { server: 'x', path: '/' } }]), 'restricted volume types: "n: nfs"'],
  ['allowPrivilegeEscalation', (d) => delete c0(d).securityContext.allowPrivilegeEscalation, 'allowPrivilegeEscalation != false: "app"'],
  ['runAsNonRoot', (d) => (c0(d).securityContext.runAsNonRoot = false), 'runAsNonRoot != true: "app"'],
  ['runAsUser', (d) => (c0(d).securityContext.runAsUser = 0), 'runAsUser=0: "app"'],
  [
    'seccompProfile_restricted',
    (d) => delete pod(d).securityContext.seccompProfile,
    'seccompProfile must be RuntimeDefault or Localhost: "app"',
  ],
  ['capabilities_restricted', (d) => (c0(d).securityContext.capabilities = {}), 'unrestricted capabilities: "app: must drop ALL"'],
];

describe('pod-security check', () => {
  it('passes the compliant Deployment under restricted', () => {
    expect(withPod(() => undefined)).toEqual([]);
  });

  it.each(cases)('fails %s under restricted:latest', (id, change, detail) => {
    // (hostPath and Unconfined also fail their restricted counterparts, as upstream)
    expect(withPod(change).filter((f) => f.startsWith(`error ${id} `))).toEqual([
      `error ${id} Deployment team/app: prod/svc/1.yaml: namespace team enforce=restricted:latest (pods are refused): ${detail}`,
    ]);
  });

  it('fails the annotation and volume variants too', () => {
    const annotated = withPod(
      (d) => (d.spec.template.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' }),
    );
    expect(annotated.map((f) => f.split(':').slice(-2).join(':'))).toEqual([
      ' forbidden AppArmor profiles: "container.apparmor.security.beta.kubernetes.io/app=unconfined"',
    ]);
    const flex = withPod((d) => (pod(d).volumes = [{ name: 'f', flexVolume: { driver: 'x/y' } }]));
    expect(flex).toHaveLength(1);
    expect(flex[0]).toContain('restricted volume types: "f: flexVolume"');
  });

  it('has a failing fixture for every upstream check', () => {
    expect(cases.map(([id]) => id)).toEqual(PSA_CHECKS.map((c) => c.id));
  });

  it('applies baseline checks only under baseline', () => {
    const labels = { 'pod-security.kubernetes.io/enforce': 'baseline' };
    expect(withPod((d) => (c0(d).securityContext.runAsUser = 0), labels)).toEqual([]);
    expect(withPod((d) => (pod(d).hostPID = true), labels)).toHaveLength(1);
  });

  it('gates checks by the enforce version', () => {
    const probeHost = (d: Obj): void => void (c0(d).readinessProbe.httpGet.host = 'example.com');
    expect(withPod(probeHost, restricted('v1.33'))).toEqual([]);
    expect(withPod(probeHost, restricted('v1.34'))).toHaveLength(1);
    const tcpRmem = (d: Obj): void => void (pod(d).securityContext.sysctls = [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' }]);
    expect(withPod(tcpRmem, restricted('v1.31'))).toHaveLength(1);
    expect(withPod(tcpRmem, restricted('v1.32'))).toEqual([]);
    const engine = (d: Obj): void => void (c0(d).securityContext.seLinuxOptions = { type: 'container_engine_t' });
    expect(withPod(engine, restricted('v1.30'))).toHaveLength(1);
    expect(withPod(engine, restricted('v1.31'))).toEqual([]);
    const root = (d: Obj): void => void (c0(d).securityContext.runAsUser = 0);
    expect(withPod(root, restricted('v1.22'))).toEqual([]);
  });

  it('reports warn and audit as warnings', () => {
    const labels = {
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
    };
    expect(withPod((d) => (c0(d).securityContext.runAsUser = 0), labels).map((f) => f.split(':')[0])).toEqual([
      'warning runAsUser Deployment team/app',
      'warning runAsUser Deployment team/app',
    ]);
  });

  it('judges unlabelled and unrendered namespaces as privileged (the cluster default)', () => {
    expect(withPod((d) => (c0(d).securityContext.privileged = true), {})).toEqual([]);
    const d = clone(deployment()) as Obj;
    d.metadata.namespace = 'gatekeeper-system';
    pod(d).hostNetwork = true;
    expect(run([d as KubeObject])).toEqual([]);
  });

  it('checks namespaces that Gatekeeper exempts', () => {
    const d = clone(deployment()) as Obj;
    d.metadata.namespace = 'kube-system';
    pod(d).hostNetwork = true;
    expect(run([ns({ 'pod-security.kubernetes.io/enforce': 'baseline' }, 'kube-system'), d as KubeObject])).toHaveLength(1);
  });

  it('fails malformed namespace labels', () => {
    expect(run([ns({ ...restricted('1.32'), 'pod-security.kubernetes.io/warn': 'strict' })])).toEqual([
      'error namespace-labels Namespace team: prod/svc/0.yaml: metadata.labels[pod-security.kubernetes.io/enforce-version]: "1.32" must be "latest" or "v1.x"',
      'error namespace-labels Namespace team: prod/svc/0.yaml: metadata.labels[pod-security.kubernetes.io/warn]: "strict" must be one of privileged, baseline, restricted',
    ]);
  });

  it('evaluates a malformed enforce label as restricted:latest, as the plugin does', () => {
    expect(policyOf({ 'pod-security.kubernetes.io/enforce': 'Restricted' }).policy.enforce).toEqual({
      level: 'restricted',
      version: { latest: true },
    });
  });
});
