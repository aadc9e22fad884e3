/**
 * Numeric values of the Kubernetes quantities the catalog accepts, for comparisons.
 */

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

/** CPU cores of a quantity such as `250m` (0.25) or `2` (2). */
export function cpuCores(quantity: string): number {
  return quantity.endsWith('m') ? Number(quantity.slice(0, -1)) / 1000 : Number(quantity);
}

/** Bytes of a binary memory quantity such as `512Mi`. */
export function memoryBytes(quantity: string): number {
  const unit = quantity.slice(-2);
  return Number(quantity.slice(0, -2)) * (BINARY[unit] ?? Number.NaN);
}
