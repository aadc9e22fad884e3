/**
 * Admission: every Constraint in dist/ is evaluated as Gatekeeper would, with the CEL of its
 * ConstraintTemplate (also from dist/) on every object it matches, workloads expanded into Pods
 * by the ExpansionTemplates in dist/. deny → error; warn and dryrun → warning.
 */
import { evaluateCel, toCel } from '../cel/engine.ts';
import { matchesConstraint } from '../constraint-match.ts';
import { arr, finding, groupOf, rec, type Check, type DistModel, type DistObject, type Finding, type KubeObject } from '../model.ts';
import { expand, expansionsOf } from '../pod-templates.ts';

const CHECK = 'admission';
const CONSTRAINTS_GROUP = 'constraints.gatekeeper.sh';

/** The CEL source of a template, or why there is none. */
interface CelSource {
  readonly variables: readonly { name: string; expression: string }[];
  readonly validations: readonly { expression: string; message?: string; messageExpression?: string }[];
}

function celSourceOf(template: KubeObject): CelSource | string {
  const targets = arr(rec(template.spec).targets).map(rec);
  const target = targets[0];
  if (!target || target.target !== 'admission.k8s.gatekeeper.sh') return 'has no admission.k8s.gatekeeper.sh target';
  if (typeof target.rego === 'string' && target.rego.trim() !== '') return 'carries Rego: policies must be CEL only';
  const code = arr(target.code).map(rec);
  if (code.some((c) => c.engine === 'Rego')) return 'carries Rego: policies must be CEL only';
  const cel = code.find((c) => c.engine === 'K8sNativeValidation');
  if (!cel) return 'has no K8sNativeValidation code';
  const source = rec(cel.source);
  return {
    variables: arr(source.variables)
      .map(rec)
      .map((v) => ({ name: String(v.name), expression: String(v.expression) })),
    validations: arr(source.validations)
      .map(rec)
      .map((v) => ({
        expression: String(v.expression),
        ...(typeof v.message === 'string' ? { message: v.message } : {}),
        ...(typeof v.messageExpression === 'string' ? { messageExpression: v.messageExpression } : {}),
      })),
  };
}

/** Evaluates one constraint on one object; returns the denial messages. */
export function evaluateConstraint(source: CelSource, object: KubeObject, parameters: unknown): string[] {
  const celObject = toCel(object);
  const group = groupOf(object.apiVersion);
  const request = toCel({
    operation: 'CREATE',
    kind: { group, version: object.apiVersion.slice(object.apiVersion.indexOf('/') + 1), kind: object.kind },
    name: object.metadata.name,
    namespace: object.metadata.namespace ?? '',
  });
  const variables: Record<string, unknown> = { params: toCel(parameters ?? {}), anyObject: celObject };
  const bindings = { object: celObject, oldObject: null, request, variables };
  for (const v of source.variables) {
    const r = evaluateCel(v.expression, bindings);
    // Gatekeeper fails closed on an evaluation error: the request is denied with the error.
    if (!r.ok) return [`variable ${v.name}: ${r.error}`];
    variables[v.name] = r.value;
  }
  const denials: string[] = [];
  for (const v of source.validations) {
    const r = evaluateCel(v.expression, bindings);
    if (!r.ok) {
      denials.push(`expression ${v.expression}: ${r.error}`);
      continue;
    }
    if (r.value === true) continue;
    if (r.value !== false) {
      denials.push(`expression ${v.expression} returned ${String(r.value)}, not a bool`);
      continue;
    }
    const m = v.messageExpression ? evaluateCel(v.messageExpression, bindings) : undefined;
    denials.push(
      m && m.ok && typeof m.value === 'string' && m.value !== '' ? m.value : (v.message ?? `failed expression: ${v.expression}`),
    );
  }
  return denials;
}

/** The admission check. */
export const admissionCheck: Check = {
  name: CHECK,
  rules: ['template-exists', 'cel-only', 'constraint-violation'],
  run(model: DistModel): Finding[] {
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
        objects
          .filter((o) => o.object.apiVersion === 'v1' && o.object.kind === 'Namespace')
          .map((o) => [o.object.metadata.name, o.object.metadata.labels ?? {}]),
      );
      const namespaceLabels = (ns: string): Record<string, string> => ({
        ...(namespaces.get(ns) ?? {}),
        'kubernetes.io/metadata.name': ns,
      });
      const expansions = expansionsOf(objects);
      // Candidates: every object as rendered plus what the expansion templates generate from it.
      const candidates: { at: DistObject; object: KubeObject; via?: string }[] = [];
      for (const o of objects) {
        candidates.push({ at: o, object: o.object });
        for (const e of expand(o.object, expansions)) candidates.push({ at: o, object: e.object, via: e.via });
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
          for (const message of evaluateConstraint(source, cand.object, spec.parameters)) {
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
