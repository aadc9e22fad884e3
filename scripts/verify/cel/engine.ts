/**
 * One CEL environment for Gatekeeper templates and CRD validation rules: the standard library,
 * the strings extension and the Kubernetes quantity library. Parsed programs are cached by text.
 */
import { celEnv, isCelError, parse, plan, type CelEnv } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { KUBERNETES_FUNCS } from './kubernetes-library.ts';
import { REGEX_FUNCS } from './regex-library.ts';
import { toCel } from './to-cel.ts';

let env: CelEnv | undefined;
const programs = new Map<string, (bindings: Record<string, unknown>) => unknown>();

/** The result of one evaluation: a value, or the error text. */
export type CelOutcome = { ok: true; value: unknown } | { ok: false; error: string };

function compile(expression: string): (bindings: Record<string, unknown>) => unknown {
  let program = programs.get(expression);
  if (!program) {
    env ??= celEnv({ funcs: [...strings, ...KUBERNETES_FUNCS, ...REGEX_FUNCS] });
    program = plan(env, parse(expression)) as (ctx: Record<string, unknown>) => unknown;
    programs.set(expression, program);
  }
  return program;
}

/** Evaluates `expression` with already-converted bindings (see {@link toCel}). */
export function evaluateCel(expression: string, bindings: Record<string, unknown>): CelOutcome {
  try {
    const value = compile(expression)(bindings);
    if (isCelError(value)) return { ok: false, error: value.message };
    return { ok: true, value };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? (e.message.split('\n')[0] ?? String(e)) : String(e) };
  }
}

export { toCel };
