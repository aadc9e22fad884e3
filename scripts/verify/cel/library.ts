/**
 * What a Kubernetes CEL library is for verify's engine: a function that registers its types,
 * constants and functions on a `@marcbachmann/cel-js` Environment.
 */
import { EvaluationError, type Environment } from '@marcbachmann/cel-js';

/** Registers one library on an environment. */
export type CelLibrary = (env: Environment) => void;

/** A CEL runtime error carrying `message` (what Go's `types.NewErr` would report). */
export function celError(message: string): EvaluationError {
  return new EvaluationError(message);
}

/** A namespace object for qualified functions such as `sets.contains` or `format.named`. */
export function registerNamespace(env: Environment, name: string, typeName: string): void {
  // cel-js resolves `ns.fn(x)` as a receiver call on a constant of a registered type.
  const Namespace = class {};
  Object.defineProperty(Namespace, 'name', { value: typeName });
  env.registerType(typeName, Namespace);
  env.registerConstant(name, typeName, new Namespace());
}
