/**
 * The shape of one Gatekeeper policy: a CEL-only ConstraintTemplate plus the parameters of its
 * single Constraint. Definitions are plain data so the policy chart stays the only construct.
 *
 * Expressions may use CEL optionals (`.?`, `[?]`, `orValue`): Gatekeeper's K8sNativeValidation
 * compiles them with Kubernetes' base CEL environment (open-policy-agent/gatekeeper
 * pkg/drivers/k8scel/driver.go AddTemplate, environment.MustBaseEnvSet; k8s.io/apiserver v0.36),
 * which has optional types from Kubernetes 1.29 (kubernetes/website using-api/cel.md).
 */

/** A CEL variable of a ConstraintTemplate, evaluated in order before the validations. */
export interface CelVariable {
  /** Name, read as `variables.<name>`. */
  readonly name: string;
  /** CEL expression. */
  readonly expression: string;
}

/** One CEL validation: the object is admitted only when `expression` is true. */
export interface CelValidation {
  /** CEL expression that must be true. */
  readonly expression: string;
  /** CEL expression producing the denial message. */
  readonly messageExpression: string;
}

/** Kinds a constraint matches (Gatekeeper `spec.match.kinds[]`). */
export interface MatchKinds {
  /** API groups (`''` is core). */
  readonly apiGroups: readonly string[];
  /** Kinds. */
  readonly kinds: readonly string[];
}

/** One policy: template and constraint together. */
export interface PolicyDefinition {
  /** CamelCase constraint kind; the template is named after it in lower case. */
  readonly kind: string;
  /** Constraint name (kebab case). */
  readonly constraintName: string;
  /** What the rule enforces and why (rendered as the template's description annotation). */
  readonly description: string;
  /** Kinds the constraint matches. */
  readonly match: readonly MatchKinds[];
  /** OpenAPI v3 schema of `spec.parameters`. @default - the constraint takes no parameters */
  readonly parametersSchema?: Record<string, unknown>;
  /** Variables, evaluated in order. @default [] */
  readonly variables?: readonly CelVariable[];
  /** Validations; all must hold. */
  readonly validations: readonly CelValidation[];
}

/** Pods, the kind workloads are expanded into by the ExpansionTemplates. */
export const MATCH_PODS: readonly MatchKinds[] = [{ apiGroups: [''], kinds: ['Pod'] }];

/**
 * Every container of a pod: regular, init and ephemeral (Pod Security counts all three,
 * kubernetes/pod-security-admission policy/visitor.go visitContainers).
 */
export const ALL_CONTAINERS: CelVariable = {
  name: 'containers',
  expression:
    'object.spec.containers' +
    ' + (has(object.spec.initContainers) ? object.spec.initContainers : [])' +
    ' + (has(object.spec.ephemeralContainers) ? object.spec.ephemeralContainers : [])',
};

/** Regular and init containers: ephemeral containers may not set resources or probes. */
export const RUNNING_CONTAINERS: CelVariable = {
  name: 'containers',
  expression: 'object.spec.containers + (has(object.spec.initContainers) ? object.spec.initContainers : [])',
};

/** The pod-level securityContext, or an empty map, so container rules can fall back to it. */
export const POD_SECURITY_CONTEXT: CelVariable = {
  name: 'podSc',
  expression: 'has(object.spec.securityContext) ? object.spec.securityContext : {}',
};

/** `<prefix>: name1, name2` for the containers in `variables.<listVariable>`. */
export function namesMessage(prefix: string, listVariable: string): string {
  return `'${prefix}: ' + variables.${listVariable}.map(c, c.name).join(', ')`;
}
