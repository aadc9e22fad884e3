/**
 * A ValidatingAdmissionPolicy-style evaluation of CEL (what Gatekeeper's K8sNativeValidation
 * engine runs, open-policy-agent/gatekeeper pkg/drivers/k8scel/driver.go AddTemplate):
 * match conditions first, lazily composed variables, then validations, each error handled by
 * the failure policy.
 */
import { EvaluationError } from '@marcbachmann/cel-js';
import { evaluateCel } from './engine.ts';

/** A named CEL expression (variable or match condition). */
export interface NamedExpression {
  readonly name: string;
  readonly expression: string;
}

/** One validation: admitted when `expression` is true. */
export interface ValidationRule {
  readonly expression: string;
  readonly message?: string;
  readonly messageExpression?: string;
}

/** The CEL of one policy. */
export interface CelPolicy {
  readonly matchConditions: readonly NamedExpression[];
  readonly variables: readonly NamedExpression[];
  readonly validations: readonly ValidationRule[];
  /** What an evaluation error does. @default 'Fail' */
  readonly failurePolicy?: 'Fail' | 'Ignore';
}

/** The activation: `object`, `oldObject`, `request`, `params`, `namespaceObject` (already CEL values). */
export type Activation = Record<string, unknown>;

/**
 * `variables` evaluated on first use, once: k8s.io/apiserver/pkg/admission/plugin/cel/composition.go
 * (compositionContext.Variables / variableAccessor.Callback) appends each variable to a lazy map,
 * so an unused or guarded variable that fails never denies. `preset` are values bound before the
 * policy's own variables (Gatekeeper's `anyObject` and `params`).
 */
export function lazyVariables(
  defs: readonly NamedExpression[],
  activation: Activation,
  preset: Record<string, unknown>,
): Record<string, unknown> {
  const variables: Record<string, unknown> = { ...preset };
  const scope = { ...activation, variables };
  for (const def of defs) {
    let cached: { ok: true; value: unknown } | { ok: false; error: string } | undefined;
    Object.defineProperty(variables, def.name, {
      enumerable: true,
      configurable: true,
      get() {
        cached ??= evaluateCel(def.expression, scope);
        if (!cached.ok) throw new EvaluationError(`composited variable "${def.name}" fails to evaluate: ${cached.error}`);
        return cached.value;
      },
    });
  }
  return variables;
}

/**
 * The denial messages of `policy` for one request (empty when admitted or not matched).
 * Match conditions follow k8s.io/apiserver/pkg/admission/plugin/webhook/matchconditions/matcher.go
 * Match: any false skips the policy; otherwise errors go to the failure policy. Validations follow
 * k8s.io/apiserver/pkg/admission/plugin/policy/validating/validator.go Validate.
 */
export function validatePolicy(policy: CelPolicy, activation: Activation, preset: Record<string, unknown>): string[] {
  const fail = (policy.failurePolicy ?? 'Fail') === 'Fail';
  const variables = lazyVariables(policy.variables, activation, preset);
  const scope = { ...activation, variables };
  const matchErrors: string[] = [];
  for (const c of policy.matchConditions) {
    const r = evaluateCel(c.expression, scope);
    if (r.ok && r.value === false) return [];
    if (!r.ok) matchErrors.push(`failed to evaluate match condition ${c.name}: ${r.error}`);
    else if (r.value !== true) matchErrors.push(`match condition ${c.name} returned ${String(r.value)}, not a bool`);
  }
  if (matchErrors.length > 0) return fail ? matchErrors : [];
  const denials: string[] = [];
  for (const v of policy.validations) {
    const r = evaluateCel(v.expression, scope);
    if (!r.ok) {
      // policyDecisionActionForError: Fail denies with the error, Ignore admits.
      if (fail) denials.push(`expression '${v.expression.trim()}' resulted in error: ${r.error}`);
      continue;
    }
    if (r.value === true) continue;
    denials.push(messageOf(v, scope));
  }
  return denials;
}

// validator.go: a single-line messageExpression result wins, then message, then the expression.
function messageOf(v: ValidationRule, scope: Activation): string {
  if (v.messageExpression) {
    const m = evaluateCel(v.messageExpression, scope);
    const text = m.ok && typeof m.value === 'string' ? m.value.trim() : '';
    if (text !== '' && !text.includes('\n')) return text;
  }
  if (v.message && v.message.trim() !== '') return v.message.trim();
  return `failed expression: ${v.expression.trim()}`;
}
