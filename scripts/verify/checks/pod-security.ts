/**
 * Pod Security Admission, as the built-in PodSecurity plugin judges dist/: every pod template
 * against its namespace's enforce level and version (an error: the controller's pods are
 * refused), warn and audit (warnings), and the namespace labels themselves (an error: the
 * plugin refuses a Namespace with malformed labels). Gatekeeper exemptions do not apply here.
 */
import { fileLocator } from '../field-line.ts';
import { finding, rec, type Check, type DistModel, type DistObject, type Finding } from '../model.ts';
import { workloadsOf } from '../pod-templates.ts';
import { evaluatePod, PSA_CHECKS, type PodView } from '../pod-security/checks.ts';
import { CLUSTER_DEFAULT, policyOf, versionString, type LevelVersion, type NamespacePolicy } from '../pod-security/policy-labels.ts';

const CHECK = 'pod-security';
const LABELS_RULE = 'namespace-labels';

// Where each workload kind keeps its pod template's metadata (the annotations PSA reads).
function templateMetadata(o: DistObject): Record<string, unknown> {
  const spec = rec(o.object.spec);
  if (o.object.kind === 'Pod') return rec(o.object.metadata);
  if (o.object.kind === 'CronJob') return rec(rec(rec(rec(spec.jobTemplate).spec).template).metadata);
  return rec(rec(spec.template).metadata);
}

const same = (a: LevelVersion, b: LevelVersion): boolean => a.level === b.level && versionString(a.version) === versionString(b.version);

function checkEnv(objects: readonly DistObject[], locate: ReturnType<typeof fileLocator>): Finding[] {
  const out: Finding[] = [];
  const policies = new Map<string, NamespacePolicy>();
  for (const ns of objects.filter((o) => o.object.kind === 'Namespace' && o.object.apiVersion === 'v1')) {
    const { policy, errors } = policyOf(ns.object.metadata.labels ?? {});
    policies.set(ns.object.metadata.name, policy);
    for (const e of errors) out.push(finding(CHECK, ns, LABELS_RULE, 'error', `${locate(ns, e.slice(0, e.indexOf(']: ') + 1))}: ${e}`));
  }
  for (const w of workloadsOf(objects)) {
    const ns = w.at.object.metadata.namespace ?? 'default';
    const policy = policies.get(ns) ?? CLUSTER_DEFAULT;
    const pod: PodView = { annotations: rec(templateMetadata(w.at).annotations) as Record<string, string>, spec: w.podSpec };
    const modes: ['enforce' | 'warn' | 'audit', LevelVersion][] = [
      ['enforce', policy.enforce],
      ['warn', policy.warn],
      ['audit', policy.audit],
    ];
    for (const [mode, lv] of modes) {
      if (mode !== 'enforce' && same(lv, policy.enforce)) continue;
      for (const v of evaluatePod(pod, lv.level, lv.version)) {
        const [id = '', ...rest] = v.split(': ');
        const effect = mode === 'enforce' ? 'pods are refused' : mode === 'warn' ? 'kubectl warns' : 'audit log entry';
        out.push(
          finding(
            CHECK,
            w.at,
            id,
            mode === 'enforce' ? 'error' : 'warning',
            `${locate(w.at, w.at.object.kind === 'Pod' ? 'spec' : w.at.object.kind === 'CronJob' ? 'spec.jobTemplate.spec.template.spec' : 'spec.template.spec')}: namespace ${ns} ${mode}=${lv.level}:${versionString(lv.version)} (${effect}): ${rest.join(': ')}`,
          ),
        );
      }
    }
  }
  return out;
}

/** The Pod Security Admission check. */
export const podSecurityCheck: Check = {
  name: CHECK,
  rules: [LABELS_RULE, ...PSA_CHECKS.map((c) => c.id)],
  run(model: DistModel): Finding[] {
    const byEnv = new Map<string, DistObject[]>();
    for (const o of model.objects) {
      const list = byEnv.get(o.env);
      if (list) list.push(o);
      else byEnv.set(o.env, [o]);
    }
    const locate = fileLocator(model.apps);
    return [...byEnv.values()].flatMap((objects) => checkEnv(objects, locate));
  },
};
