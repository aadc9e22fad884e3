/**
 * Admission: every Constraint in dist/ is evaluated as Gatekeeper would, with the CEL of its
 * ConstraintTemplate (also from dist/) on every object it matches, workloads expanded into Pods
 * by the ExpansionTemplates in dist/. deny → error; warn and dryrun → warning. With `--base`, an
 * object that changed since the base is an UPDATE with `oldObject` the base's version; anything
 * else is a CREATE.
 */
import { changedFrom, type BaseOptions } from '../base-objects.ts';
import { toCel } from '../cel/engine.ts';
import { toCelOnce } from '../cel/to-cel.ts';
import { validatePolicy, type Activation, type CelPolicy } from '../cel/validating-policy.ts';
import { matchesConstraint } from '../constraint-match.ts';
import { arr, finding, groupOf, rec, type Check, type DistModel, type DistObject, type Finding, type KubeObject } from '../model.ts';
import { expand, expansionsOf } from '../pod-templates.ts';

const CHECK = 'admission';
const CONSTRAINTS_GROUP = 'constraints.gatekeeper.sh';

/**
 * Who applies dist/: Argo CD's application controller (argo-cd chart, serviceAccount
 * `argocd-application-controller`), so `request.userInfo` is that service account.
 */
export const ARGOCD_USER = {
  username: 'system:serviceaccount:argocd:argocd-application-controller',
  groups: ['system:serviceaccounts', 'system:serviceaccounts:argocd', 'system:authenticated'],
};

/** One admission request as verify builds it. */
export interface AdmissionInput {
  readonly operation: 'CREATE' | 'UPDATE' | 'DELETE';
  /** The object; null on DELETE. */
  readonly object: KubeObject | null;
  /** The previous object on UPDATE and DELETE. @default null */
  readonly oldObject?: KubeObject | null;
  /** The object's Namespace (null for cluster-scoped objects). @default null */
  readonly namespaceObject?: KubeObject | null;
}

/**
 * The CEL policy of a template, or why there is none. Gatekeeper reads
 * `code[].source.{variables, matchCondition, validations, failurePolicy}`
 * (open-policy-agent/gatekeeper pkg/drivers/k8scel/schema/schema.go Source): the match
 * conditions' JSON key is the singular `matchCondition`.
 */
export function celSourceOf(template: unknown): CelPolicy | string {
  const targets = arr(rec(rec(template).spec).targets).map(rec);
  const target = targets[0];
  if (!target || target.target !== 'admission.k8s.gatekeeper.sh') return 'has no admission.k8s.gatekeeper.sh target';
  if (typeof target.rego === 'string' && target.rego.trim() !== '') return 'carries Rego: policies must be CEL only';
  const code = arr(target.code).map(rec);
  if (code.some((c) => c.engine === 'Rego')) return 'carries Rego: policies must be CEL only';
  const cel = code.find((c) => c.engine === 'K8sNativeValidation');
  if (!cel) return 'has no K8sNativeValidation code';
  return celPolicyOf(rec(cel.source));
}

/** The CEL policy of a K8sNativeValidation `source`. */
export function celPolicyOf(source: Record<string, unknown>): CelPolicy | string {
  if (source.matchConditions !== undefined)
    return 'sets source.matchConditions, which Gatekeeper ignores: the field is source.matchCondition';
  const named = (list: unknown): { name: string; expression: string }[] =>
    arr(list)
      .map(rec)
      .map((v) => ({ name: String(v.name), expression: String(v.expression) }));
  const failurePolicy = source.failurePolicy;
  if (failurePolicy !== undefined && failurePolicy !== 'Fail' && failurePolicy !== 'Ignore')
    return `sets failurePolicy ${String(failurePolicy)}: must be Fail or Ignore`;
  return {
    matchConditions: named(source.matchCondition),
    variables: named(source.variables),
    validations: arr(source.validations)
      .map(rec)
      .map((v) => ({
        expression: String(v.expression),
        ...(typeof v.message === 'string' ? { message: v.message } : {}),
        ...(typeof v.messageExpression === 'string' ? { messageExpression: v.messageExpression } : {}),
      })),
    ...(failurePolicy ? { failurePolicy } : {}),
  };
}

// Kubernetes resource names for request.resource: the lower-case plural of the kind.
function resourceOf(kind: string): string {
  const k = kind.toLowerCase();
  if (/(s|x|z|ch|sh)$/.test(k)) return `${k}es`;
  if (/[^aeiou]y$/.test(k)) return `${k.slice(0, -1)}ies`;
  return `${k}s`;
}

/** The `request` binding (k8s.io/api admission/v1 AdmissionRequest) for `input`. */
export function requestOf(input: AdmissionInput): Record<string, unknown> {
  const obj = input.object ?? input.oldObject;
  if (!obj) throw new Error('an admission request needs object or oldObject');
  const group = groupOf(obj.apiVersion);
  const version = obj.apiVersion.slice(obj.apiVersion.indexOf('/') + 1);
  const kind = { group, version, kind: obj.kind };
  const resource = { group, version, resource: resourceOf(obj.kind) };
  return {
    uid: '00000000-0000-0000-0000-000000000000',
    kind,
    resource,
    requestKind: kind,
    requestResource: resource,
    name: obj.metadata.name,
    namespace: obj.metadata.namespace ?? '',
    operation: input.operation,
    userInfo: ARGOCD_USER,
    dryRun: false,
  };
}

/**
 * Evaluates one constraint on one request; returns the denial messages. Gatekeeper binds
 * `params` to the Constraint and `variables.params` to its `spec.parameters` (null when absent),
 * `variables.anyObject` to the object, or oldObject on DELETE (pkg/drivers/k8scel/transform/
 * cel_snippets.go BindParamsV1Beta1, BindObjectV1Beta1), and unsets `object` on DELETE
 * (pkg/drivers/k8scel/driver.go Query).
 */
export function evaluateConstraint(policy: CelPolicy, input: AdmissionInput, constraint: KubeObject): string[] {
  const object = input.operation === 'DELETE' ? null : input.object;
  const oldObject = input.oldObject ?? null;
  const activation: Activation = {
    object: toCelOnce(object),
    oldObject: toCelOnce(oldObject),
    request: toCel(requestOf(input)),
    params: toCelOnce(constraint),
    namespaceObject: toCelOnce(input.namespaceObject ?? null),
  };
  const parameters = rec(constraint.spec).parameters;
  const preset = {
    params: parameters === undefined ? null : toCel(parameters),
    anyObject: object === null ? activation.oldObject : activation.object,
  };
  return validatePolicy(policy, activation, preset);
}

/** The Namespace of `ns` as the cluster will have it: from dist/, else what the API server creates. */
function namespaceObjectOf(namespaces: ReadonlyMap<string, KubeObject>, ns: string): KubeObject {
  const found = namespaces.get(ns);
  const labels = { ...(found?.metadata.labels ?? {}), 'kubernetes.io/metadata.name': ns };
  return found
    ? { ...found, metadata: { ...found.metadata, labels } }
    : { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels } };
}

/** The admission check. */
export const admissionCheck: Check = {
  name: CHECK,
  rules: ['template-exists', 'cel-only', 'constraint-violation'],
  run(model: DistModel, options: BaseOptions): Finding[] {
    const findings: Finding[] = [];
    const envs = [...new Set(model.objects.map((o) => o.env))];
    for (const env of envs) {
      const objects = model.objects.filter((o) => o.env === env);
      const templates = new Map<string, DistObject>();
      for (const o of objects) {
        if (groupOf(o.object.apiVersion) === 'templates.gatekeeper.sh' && o.object.kind === 'ConstraintTemplate') {
          const kind = rec(rec(rec(rec(o.object.spec).crd).spec).names).kind;
          if (typeof kind === 'string') templates.set(kind, o);
        }
      }
      const namespaces = new Map(
        objects.filter((o) => o.object.apiVersion === 'v1' && o.object.kind === 'Namespace').map((o) => [o.object.metadata.name, o.object]),
      );
      // One Namespace object per name, so its CEL form is converted once (toCelOnce).
      const namespaceObjects = new Map<string, KubeObject>();
      const namespaceObject = (ns: string): KubeObject => {
        let o = namespaceObjects.get(ns);
        if (!o) namespaceObjects.set(ns, (o = namespaceObjectOf(namespaces, ns)));
        return o;
      };
      const namespaceLabels = (ns: string): Record<string, string> => namespaceObject(ns).metadata.labels ?? {};
      const expansions = expansionsOf(objects);
      // Candidates: every object as rendered plus what the expansion templates generate from it.
      const candidates: { at: DistObject; object: KubeObject; old?: KubeObject; via?: string }[] = [];
      for (const o of objects) {
        const old = changedFrom(options, env, o.object);
        candidates.push({ at: o, object: o.object, ...(old ? { old } : {}) });
        const oldPods = old ? expand(old, expansions) : [];
        for (const e of expand(o.object, expansions)) {
          const oldPod = oldPods.find((p) => p.via === e.via)?.object;
          candidates.push({ at: o, object: e.object, via: e.via, ...(oldPod ? { old: oldPod } : {}) });
        }
      }
      for (const c of objects.filter((o) => groupOf(o.object.apiVersion) === CONSTRAINTS_GROUP)) {
        const template = templates.get(c.object.kind);
        if (!template) {
          findings.push(finding(CHECK, c, 'template-exists', 'error', `no ConstraintTemplate in ${env} defines kind ${c.object.kind}`));
          continue;
        }
        const source = celSourceOf(template.object);
        if (typeof source === 'string') {
          findings.push(finding(CHECK, template, 'cel-only', 'error', `ConstraintTemplate ${template.object.metadata.name} ${source}`));
          continue;
        }
        const spec = rec(c.object.spec);
        const action = typeof spec.enforcementAction === 'string' ? spec.enforcementAction : 'deny';
        const severity = action === 'deny' ? 'error' : 'warning';
        for (const cand of candidates) {
          if (!matchesConstraint(cand.object, spec.match, namespaceLabels)) continue;
          const ns = cand.object.metadata.namespace;
          const input: AdmissionInput = {
            operation: cand.old ? 'UPDATE' : 'CREATE',
            object: cand.object,
            oldObject: cand.old ?? null,
            namespaceObject: ns ? namespaceObject(ns) : null,
          };
          for (const message of evaluateConstraint(source, input, c.object)) {
            const via = cand.via ? ` (Pod expanded by ${cand.via})` : '';
            findings.push(
              finding(
                CHECK,
                cand.at,
                c.object.metadata.name,
                severity,
                `${c.object.kind}/${c.object.metadata.name} [${action}]${via}: ${message}`,
              ),
            );
          }
        }
      }
    }
    return findings;
  },
};
