/**
 * JSON → CEL input. Kubernetes decodes integral JSON numbers as int64, so `x == 0` on an int
 * field must compare ints; JS numbers would be CEL doubles and `runAsUser != 0` would still work
 * but `size(list) == spec.replicas` would not. Non-integral numbers stay doubles.
 */
export function toCel(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCel);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toCel(v);
    return out;
  }
  return value;
}

const converted = new WeakMap<object, unknown>();

/**
 * {@link toCel} of a whole object, converted once and remembered: admission evaluates every
 * constraint against the same loaded objects, which are never mutated (nor is CEL input).
 */
export function toCelOnce(value: object | null): unknown {
  if (value === null) return null;
  let out = converted.get(value);
  if (out === undefined) {
    out = toCel(value);
    converted.set(value, out);
  }
  return out;
}
