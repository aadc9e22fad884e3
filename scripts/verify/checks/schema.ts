/**
 * Schema: every object validates against the schema the API server would use. Core kinds:
 * kubernetes-models validators (deep imports, loaded on first use) plus a strict unknown-field
 * check; custom kinds: the CRD's openAPIV3Schema (ajv) and its `x-kubernetes-validations` (CEL);
 * Gatekeeper constraints: the parameters schema of their ConstraintTemplate in dist/.
 */
import { evaluateCel, toCel } from '../cel/engine.ts';
import { celRules, crdVersions, toJsonSchema } from '../crd-schemas.ts';
import { cachedValidator, type Validator } from '../validator-cache.ts';
import {
  finding,
  groupOf,
  rec,
  type Check,
  type DistModel,
  type DistObject,
  type Finding,
  type KubeObject,
  type VerifyOptions,
} from '../model.ts';

const CHECK = 'schema';

/** A kubernetes-models class: validates with `validate()` (throws). */
type ModelClass = { prototype: { validate(this: unknown): void } };

const models = new Map<string, ModelClass | null>();

/** The kubernetes-models class of a core apiVersion/kind, or null when it has none. */
async function coreModel(apiVersion: string, kind: string): Promise<ModelClass | null> {
  const key = `${apiVersion}/${kind}`;
  if (models.has(key)) return models.get(key) ?? null;
  let model: ModelClass | null = null;
  // Lists have classes too; only top-level kinds are accepted.
  if (!kind.endsWith('List') && /^[A-Za-z0-9]+$/.test(kind)) {
    try {
      // A runtime specifier: Node resolves it through the package's exports; vite must not try to.
      const mod = (await import(/* @vite-ignore */ `kubernetes-models/${apiVersion}/${kind}`)) as Record<string, ModelClass>;
      model = mod[kind] ?? null;
    } catch {
      // Not exported: not a kind kubernetes-models knows.
      model = null;
    }
  }
  models.set(key, model);
  return model;
}

/**
 * Fields the Kubernetes API defines but kubernetes-models' compiled validators never read (its
 * schema generation drops properties literally named `description`), so the read-tracking below
 * cannot see them. Each entry is checked against the upstream API reference.
 */
const SCHEMA_GAPS: Readonly<Record<string, readonly string[]>> = {
  'scheduling.k8s.io/v1/PriorityClass': ['description'],
};

/**
 * Runs a kubernetes-models validator on a Proxy that records which fields it reads. Compiled
 * validators read every known property and iterate maps, so a field never read is unknown to
 * the schema (kubernetes-models itself does not reject unknown fields).
 */
function validateCore(model: ModelClass, obj: KubeObject): { error?: string; unknown: string[] } {
  const read = new Map<object, Set<PropertyKey>>();
  const iterated = new Set<object>();
  const proxies = new WeakMap<object, object>();
  const wrap = (target: unknown): unknown => {
    if (target === null || typeof target !== 'object') return target;
    const existing = proxies.get(target);
    if (existing) return existing;
    const p = new Proxy(target, {
      get(t, key, receiver) {
        if (!read.has(t)) read.set(t, new Set());
        read.get(t)?.add(key);
        return wrap(Reflect.get(t, key, receiver));
      },
      has(t, key) {
        if (!read.has(t)) read.set(t, new Set());
        read.get(t)?.add(key);
        return Reflect.has(t, key);
      },
      ownKeys(t) {
        iterated.add(t);
        return Reflect.ownKeys(t);
      },
    });
    proxies.set(target, p);
    return p;
  };
  let error: string | undefined;
  try {
    model.prototype.validate.call(wrap(obj));
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const unknown: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${path}[${i}]`));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const seen = read.get(value);
    if (!seen || iterated.has(value)) return;
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      if (!seen.has(k)) unknown.push(p);
      else walk(v, p);
    }
  };
  walk(obj, '');
  const dropped = SCHEMA_GAPS[`${obj.apiVersion}/${obj.kind}`] ?? [];
  return { ...(error ? { error } : {}), unknown: unknown.filter((u) => !dropped.includes(u)) };
}

// ajv is loaded only when a custom kind is validated; compiled validators are cached by content
// on disk, and by kind here so a schema is converted and hashed once per run.
const compiled = new Map<string, Promise<Validator>>();
function compile(key: string, schema: () => Record<string, unknown>): Promise<Validator> {
  let v = compiled.get(key);
  if (!v) {
    v = cachedValidator(schema());
    compiled.set(key, v);
  }
  return v;
}

/** The schema Gatekeeper generates for a constraint kind from its template. */
function constraintSchema(template: KubeObject): Record<string, unknown> {
  const crdSpec = rec(rec(rec(template.spec).crd).spec);
  const parameters = rec(rec(crdSpec.validation).openAPIV3Schema);
  const selector = {
    type: 'object',
    properties: { matchLabels: { type: 'object', additionalProperties: { type: 'string' } }, matchExpressions: { type: 'array' } },
    additionalProperties: false,
  };
  return {
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      spec: {
        type: 'object',
        additionalProperties: false,
        properties: {
          enforcementAction: { type: 'string', enum: ['deny', 'warn', 'dryrun', 'scoped'] },
          scopedEnforcementActions: { type: 'array' },
          match: {
            type: 'object',
            additionalProperties: false,
            properties: {
              kinds: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    apiGroups: { type: 'array', items: { type: 'string' } },
                    kinds: { type: 'array', items: { type: 'string' } },
                  },
                },
              },
              scope: { type: 'string', enum: ['*', 'Cluster', 'Namespaced'] },
              namespaces: { type: 'array', items: { type: 'string' } },
              excludedNamespaces: { type: 'array', items: { type: 'string' } },
              labelSelector: selector,
              namespaceSelector: selector,
              name: { type: 'string' },
              source: { type: 'string', enum: ['All', 'Generated', 'Original'] },
            },
          },
          parameters: Object.keys(parameters).length > 0 ? toJsonSchema(parameters) : { type: 'object', maxProperties: 0 },
        },
      },
    },
    additionalProperties: false,
  };
}

function ajvMessages(v: Validator): string {
  // Name the offending field: "must NOT have additional properties" alone does not say which.
  const extra = (e: { params?: Record<string, unknown> }): string =>
    typeof e.params?.additionalProperty === 'string' ? ` (${e.params.additionalProperty})` : '';
  return (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${extra(e)}`).join('; ');
}

/** Validates one object; `templates` are the ConstraintTemplates of its environment by kind. */
async function validateObject(at: DistObject, templates: Map<string, KubeObject>, options: VerifyOptions): Promise<Finding[]> {
  const obj = at.object;
  const group = groupOf(obj.apiVersion);
  const version = obj.apiVersion.slice(obj.apiVersion.indexOf('/') + 1);
  const out: Finding[] = [];
  const core = group.includes('.') && !group.endsWith('.k8s.io') ? null : await coreModel(obj.apiVersion, obj.kind);
  if (core) {
    const r = validateCore(core, obj);
    if (r.error) out.push(finding(CHECK, at, 'valid', 'error', r.error));
    for (const u of r.unknown)
      out.push(finding(CHECK, at, 'unknown-field', 'error', `unknown field "${u}" (not in the ${obj.apiVersion} ${obj.kind} schema)`));
    return out;
  }
  if (group === 'constraints.gatekeeper.sh') {
    const template = templates.get(obj.kind);
    if (!template)
      return [finding(CHECK, at, 'known-kind', 'error', `no ConstraintTemplate in ${at.env} defines constraint kind ${obj.kind}`)];
    const v = await compile(`constraint:${at.env}:${obj.kind}`, () => constraintSchema(template));
    if (!v(obj)) out.push(finding(CHECK, at, 'valid', 'error', ajvMessages(v)));
    return out;
  }
  const crd = crdVersions(options.crdsDir, group, obj.kind).find((c) => c.version === version && c.kind === obj.kind);
  if (!crd)
    return [
      finding(
        CHECK,
        at,
        'known-kind',
        'error',
        `unknown apiVersion/kind ${obj.apiVersion} ${obj.kind}: neither a built-in kind nor a CRD in ${options.crdsDir}`,
      ),
    ];
  if (crd.namespaced !== (obj.metadata.namespace !== undefined)) {
    out.push(
      finding(
        CHECK,
        at,
        'scope',
        'error',
        `${obj.kind} is ${crd.namespaced ? 'namespaced but has no metadata.namespace' : 'cluster-scoped but sets metadata.namespace'}`,
      ),
    );
  }
  const v = await compile(`${group}/${version}/${obj.kind}`, () => {
    const json = toJsonSchema(crd.schema);
    return {
      ...json,
      properties: { ...rec(json.properties), apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' } },
    };
  });
  if (!v(obj)) {
    out.push(finding(CHECK, at, 'valid', 'error', ajvMessages(v)));
    return out;
  }
  for (const rule of celRules(crd.schema, obj)) {
    const self = toCel(rule.value);
    const r = evaluateCel(rule.rule, { self });
    if (r.ok && r.value === true) continue;
    let message = rule.message ?? `failed rule: ${rule.rule}`;
    if (rule.messageExpression) {
      const m = evaluateCel(rule.messageExpression, { self });
      if (m.ok && typeof m.value === 'string') message = m.value;
    }
    // Rules using functions we do not provide are reported as warnings, not silently passed.
    if (!r.ok)
      out.push(
        finding(CHECK, at, 'cel-rule', 'warning', `${rule.path}: cannot evaluate x-kubernetes-validations rule ${rule.rule}: ${r.error}`),
      );
    else out.push(finding(CHECK, at, 'cel-rule', 'error', `${rule.path}: ${message}`));
  }
  return out;
}

/** The schema check. */
export const schemaCheck: Check = {
  name: CHECK,
  rules: ['valid', 'unknown-field', 'known-kind', 'scope', 'cel-rule'],
  async run(model: DistModel, options: VerifyOptions): Promise<Finding[]> {
    const templatesByEnv = new Map<string, Map<string, KubeObject>>();
    for (const o of model.objects) {
      if (o.object.kind !== 'ConstraintTemplate' || groupOf(o.object.apiVersion) !== 'templates.gatekeeper.sh') continue;
      const kind = rec(rec(rec(rec(o.object.spec).crd).spec).names).kind;
      if (typeof kind !== 'string') continue;
      if (!templatesByEnv.has(o.env)) templatesByEnv.set(o.env, new Map());
      templatesByEnv.get(o.env)?.set(kind, o.object);
    }
    const findings: Finding[] = [];
    for (const o of model.objects) findings.push(...(await validateObject(o, templatesByEnv.get(o.env) ?? new Map(), options)));
    return findings;
  },
};
