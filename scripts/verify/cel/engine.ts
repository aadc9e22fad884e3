/**
 * One CEL environment for Gatekeeper templates and CRD validation rules, on `@marcbachmann/cel-js`
 * (which parses and evaluates CEL optionals: `.?`, `[?]`, `optional.*`): the standard library,
 * the strings extension and the Kubernetes libraries of k8s.io/apiserver/pkg/cel/library
 * (quantity, regex, lists, sets, URL, IP/CIDR, format, semver). Parsed programs are cached by text.
 */
import { Environment } from '@marcbachmann/cel-js';
import { formatLibrary } from './format-library.ts';
import { ipLibrary } from './ip-library.ts';
import type { CelLibrary } from './library.ts';
import { listsLibrary } from './lists-library.ts';
import { quantityLibrary } from './quantity-library.ts';
import { regexLibrary } from './regex-library.ts';
import { semverLibrary } from './semver-library.ts';
import { setsLibrary } from './sets-library.ts';
import { stringsLibrary } from './strings-library.ts';
import { toCel } from './to-cel.ts';
import { urlLibrary } from './url-library.ts';

/** Every library verify registers, in registration order. */
export const KUBERNETES_LIBRARIES: readonly CelLibrary[] = [
  quantityLibrary,
  regexLibrary,
  listsLibrary,
  setsLibrary,
  stringsLibrary,
  urlLibrary,
  ipLibrary,
  formatLibrary,
  semverLibrary,
];

let env: Environment | undefined;
const programs = new Map<string, ((ctx: Record<string, unknown>) => unknown) | Error>();

/** The result of one evaluation: a value, or the error text. */
export type CelOutcome = { ok: true; value: unknown } | { ok: false; error: string };

function environment(): Environment {
  if (!env) {
    // Kubernetes declares object/oldObject/params as dyn. It also checks literals are homogeneous,
    // but cel-go lets dyn mix with any type ([object.name, 'x'] compiles) while cel-js does not:
    // verify turns the check off and so accepts all-literal mixes such as [1, 'a'] that Go rejects.
    env = new Environment({ unlistedVariablesAreDyn: true, enableOptionalTypes: true, homogeneousAggregateLiterals: false });
    for (const lib of KUBERNETES_LIBRARIES) lib(env);
  }
  return env;
}

function firstLine(e: unknown): string {
  return e instanceof Error ? (e.message.split('\n')[0] ?? String(e)) : String(e);
}

// Parse and type-check, as Kubernetes compiles an expression before any evaluation: a type error
// fails every evaluation (k8s.io/apiserver/pkg/admission/plugin/cel/filter.go reports a
// compilation error for the expression), even in a branch that would never run.
function compile(expression: string): ((ctx: Record<string, unknown>) => unknown) | Error {
  let program = programs.get(expression);
  if (!program) {
    try {
      const parsed = environment().parse(expression);
      const checked = parsed.check();
      program = checked.valid
        ? (parsed as (ctx: Record<string, unknown>) => unknown)
        : new Error(`compilation failed: ${firstLine(checked.error)}`);
    } catch (e) {
      program = new Error(`compilation failed: ${firstLine(e)}`);
    }
    programs.set(expression, program);
  }
  return program;
}

/** The compile error of `expression`, if any. */
export function compileError(expression: string): string | undefined {
  const p = compile(expression);
  return p instanceof Error ? p.message : undefined;
}

/**
 * Evaluates `expression` with already-converted bindings (see {@link toCel}). A binding may be an
 * object with getters (lazy variables): a getter that throws is a CEL error at that point only.
 */
export function evaluateCel(expression: string, bindings: Record<string, unknown>): CelOutcome {
  const program = compile(expression);
  if (program instanceof Error) return { ok: false, error: program.message };
  try {
    return { ok: true, value: program(bindings) };
  } catch (e) {
    return { ok: false, error: firstLine(e) };
  }
}

export { toCel };
