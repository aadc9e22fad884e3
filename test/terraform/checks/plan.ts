/**
 * Reading `terraform show -json` plans for the security checks: planned resources, and IAM-style
 * policy documents normalised from either known JSON strings or (when the JSON is only known after
 * apply) the planned arguments of the `aws_iam_policy_document` data source that renders them.
 */

/** The parts of the plan JSON format the checks read. */
export interface PlanJson {
  readonly resource_changes?: readonly ResourceChange[];
  readonly prior_state?: { readonly values?: { readonly root_module?: StateModule } };
  readonly configuration?: { readonly root_module?: ConfigModule };
}

export interface ResourceChange {
  readonly address: string;
  readonly module_address?: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly change: {
    readonly actions: readonly string[];
    readonly after?: Record<string, unknown> | null;
    readonly after_unknown?: Record<string, unknown>;
  };
}

interface StateModule {
  readonly resources?: ReadonlyArray<{ address: string; mode: string; type: string; values?: Record<string, unknown> }>;
  readonly child_modules?: readonly StateModule[];
}

interface ConfigModule {
  readonly resources?: ReadonlyArray<{ address: string; expressions?: Record<string, { references?: string[] }> }>;
  readonly module_calls?: Record<string, { module?: ConfigModule }>;
}

/** One planned managed resource (after values; unknown-at-plan attributes are listed in unknown). */
export interface PlannedResource {
  readonly address: string;
  readonly moduleAddress: string;
  readonly type: string;
  readonly name: string;
  readonly index: string | number | undefined;
  readonly values: Record<string, unknown>;
  readonly unknown: Record<string, unknown>;
}

/** A check finding: which check, which resource, what is wrong. */
export interface Finding {
  readonly checkId: string;
  readonly address: string;
  readonly message: string;
}

/** Context of the plan under check. */
export interface CheckContext {
  /** dev gets single-AZ data stores by design; staging/prod must be highly available. */
  readonly environment: 'dev' | 'staging' | 'prod';
}

/** A security property checked over a plan (ids follow checkov/Trivy where one exists). */
export interface Check {
  readonly id: string;
  readonly description: string;
  evaluate(plan: PlanJson, ctx: CheckContext): Finding[];
}

/** Managed resources being created or updated (not deleted) of one or more types. */
export function resources(plan: PlanJson, ...types: string[]): PlannedResource[] {
  return (plan.resource_changes ?? [])
    .filter((r) => r.mode === 'managed' && types.includes(r.type) && !(r.change.actions.length === 1 && r.change.actions[0] === 'delete'))
    .map((r) => ({
      address: r.address,
      moduleAddress: r.module_address ?? '',
      type: r.type,
      name: r.name,
      index: r.index,
      values: r.change.after ?? {},
      unknown: r.change.after_unknown ?? {},
    }));
}

/** True when the value at `path` (or a parent of it) is only known after apply. */
export function unknownAt(r: PlannedResource, ...path: Array<string | number>): boolean {
  let u: unknown = r.unknown;
  for (const key of path) {
    if (u === true) return true;
    if (u === null || typeof u !== 'object') return false;
    u = (u as Record<string | number, unknown>)[key];
  }
  return u === true;
}

/** First element of a nested block list (Terraform renders single blocks as lists). */
export function block(value: unknown): Record<string, unknown> | undefined {
  return Array.isArray(value) ? (value[0] as Record<string, unknown> | undefined) : (value as Record<string, unknown> | undefined);
}

/** All elements of a nested block list. */
export function blocks(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
}

/** Same module and same for_each key: the sibling resource that configures `r` (e.g. bucket → versioning). */
export function siblingsOf(r: PlannedResource, all: PlannedResource[], byAttr = 'bucket'): PlannedResource[] {
  return all.filter((s) => s.moduleAddress === r.moduleAddress && s.index === r.index && (s.values[byAttr] === undefined || s.values[byAttr] === r.values[byAttr] || s.unknown[byAttr] === true));
}

/** Tags including provider default_tags. */
export function tagsOf(r: PlannedResource): Record<string, string> {
  return { ...((r.values.tags_all as Record<string, string> | undefined) ?? {}), ...((r.values.tags as Record<string, string> | undefined) ?? {}) };
}

// --- Policy documents -----------------------------------------------------------------------------

/** A policy statement in one normalised shape. `variable: undefined` = condition key unknown at plan. */
export interface Statement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: string[];
  readonly notActions: string[];
  readonly resources: string[] | undefined;
  readonly principals: Array<{ type: string; identifiers: Array<string | null> }>;
  readonly conditions: Array<{ test: string; variable: string | undefined; values: string[] }>;
}

/** A policy document attached to a planned resource attribute. */
export interface PolicyDocument {
  readonly address: string;
  readonly type: string;
  readonly attribute: string;
  readonly statements: Statement[];
  /** Where the statements came from: the JSON value, or the data source rendering it. */
  readonly source: string;
}

const policyAttributes: Record<string, string> = {
  aws_iam_role: 'assume_role_policy',
  aws_iam_role_policy: 'policy',
  aws_iam_policy: 'policy',
  aws_s3_bucket_policy: 'policy',
  aws_sqs_queue_policy: 'policy',
  aws_sns_topic_policy: 'policy',
  aws_kms_key: 'policy',
  aws_secretsmanager_secret_policy: 'policy',
};

const toList = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? (v as string[]) : [v as string]);

/** Normalises an IAM JSON policy document. */
export function statementsFromJson(json: string): Statement[] {
  const doc = JSON.parse(json) as { Statement?: unknown };
  const raw = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
  return (raw as Array<Record<string, unknown>>).map((s) => {
    const principal = s.Principal;
    const principals =
      principal === undefined
        ? []
        : principal === '*'
          ? [{ type: '*', identifiers: ['*'] }]
          : Object.entries(principal as Record<string, unknown>).map(([type, ids]) => ({ type, identifiers: toList(ids) }));
    const conditions = Object.entries((s.Condition as Record<string, Record<string, unknown>> | undefined) ?? {}).flatMap(([test, vars]) =>
      Object.entries(vars).map(([variable, values]) => ({ test, variable, values: toList(values) })),
    );
    return {
      sid: s.Sid as string | undefined,
      effect: s.Effect as 'Allow' | 'Deny',
      actions: toList(s.Action),
      notActions: toList(s.NotAction),
      resources: s.Resource === undefined ? undefined : toList(s.Resource),
      principals,
      conditions,
    };
  });
}

/** Normalises the `statement` blocks of an aws_iam_policy_document data source. */
export function statementsFromDataSource(values: Record<string, unknown>): Statement[] {
  return blocks(values.statement).map((s) => ({
    sid: (s.sid as string | null) ?? undefined,
    effect: ((s.effect as string | null) ?? 'Allow') as 'Allow' | 'Deny',
    actions: toList(s.actions),
    notActions: toList(s.not_actions),
    resources: s.resources === null || s.resources === undefined ? undefined : toList(s.resources),
    principals: blocks(s.principals).map((p) => ({ type: p.type as string, identifiers: toList(p.identifiers) })),
    conditions: blocks(s.condition).map((c) => ({ test: c.test as string, variable: (c.variable as string | null) ?? undefined, values: toList(c.values) })),
  }));
}

function walkState(m: StateModule | undefined, out: Map<string, Record<string, unknown>>): void {
  if (!m) return;
  for (const r of m.resources ?? []) if (r.mode === 'data' && r.values) out.set(r.address, r.values);
  for (const c of m.child_modules ?? []) walkState(c, out);
}

/** The configuration of the module at `moduleAddress` (module call keys stripped of their index). */
export function configFor(plan: PlanJson, moduleAddress: string): ConfigModule | undefined {
  let m = plan.configuration?.root_module;
  const names = [...moduleAddress.matchAll(/module\.([^.[]+)/g)].map((x) => x[1]!);
  for (const n of names) m = m?.module_calls?.[n]?.module;
  return m;
}

/** Every policy document of the plan (known JSON, or resolved through the rendering data source). */
export function policyDocuments(plan: PlanJson): PolicyDocument[] {
  const data = new Map<string, Record<string, unknown>>();
  walkState(plan.prior_state?.values?.root_module, data);
  for (const r of plan.resource_changes ?? []) if (r.mode === 'data' && r.change.after) data.set(r.address, r.change.after);

  const docs: PolicyDocument[] = [];
  for (const r of resources(plan, ...Object.keys(policyAttributes))) {
    const attribute = policyAttributes[r.type]!;
    const value = r.values[attribute];
    if (typeof value === 'string' && value.length > 0) {
      docs.push({ address: r.address, type: r.type, attribute, statements: statementsFromJson(value), source: 'json' });
      continue;
    }
    if (r.unknown[attribute] !== true) continue;
    const local = r.address.slice(r.moduleAddress ? r.moduleAddress.length + 1 : 0).replace(/\[.*\]$/, '');
    const config = configFor(plan, r.moduleAddress)?.resources?.find((c) => c.address === local);
    const refs = config?.expressions?.[attribute]?.references ?? [];
    const ref = refs.find((x) => x.startsWith('data.aws_iam_policy_document.'));
    if (!ref) continue;
    const base = ref.replace(/\[.*$/, '').replace(/\.json$/, '');
    const byKey = ref.includes('[each.key]') || refs.includes('each.key');
    const keyed = byKey && r.index !== undefined ? `${base}[${JSON.stringify(r.index)}]` : base;
    const address = r.moduleAddress ? `${r.moduleAddress}.${keyed}` : keyed;
    const values = data.get(address);
    if (values) docs.push({ address: r.address, type: r.type, attribute, statements: statementsFromDataSource(values), source: address });
  }
  return docs;
}

/** Finding helper. */
export const finding = (checkId: string, address: string, message: string): Finding => ({ checkId, address, message });

/**
 * Whether flow log `log` records VPC `vpc`: its vpc_id is the VPC's id, or (one state, the id
 * unknown until apply) both live in the same module. In the layered plans the flow log (observability)
 * names the id the networking layer's output gave it, which the chain wrote onto the VPC
 * (test/terraform/layer-chain.ts exposeOutputSources).
 */
export function logsVpc(log: PlannedResource, vpc: PlannedResource): boolean {
  const id = log.values.vpc_id;
  if (typeof id === 'string') return id === vpc.values.id;
  return log.moduleAddress === vpc.moduleAddress;
}
