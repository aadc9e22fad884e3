/**
 * Kubernetes label selectors (matchLabels + matchExpressions) and plain equality selectors.
 */
import { arr, rec } from './model.ts';

/** True when `labels` satisfy the LabelSelector `selector` (an empty selector matches all). */
export function matchesLabelSelector(selector: unknown, labels: Record<string, string> | undefined): boolean {
  const s = rec(selector);
  const l = labels ?? {};
  for (const [k, v] of Object.entries(rec(s.matchLabels))) if (l[k] !== v) return false;
  for (const e of arr(s.matchExpressions).map(rec)) {
    const key = String(e.key);
    const values = arr(e.values).map(String);
    const present = key in l;
    switch (e.operator) {
      case 'In':
        if (!present || !values.includes(l[key] ?? '')) return false;
        break;
      case 'NotIn':
        if (present && values.includes(l[key] ?? '')) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** True when `labels` contain every pair of the equality selector (a Service's `spec.selector`). */
export function matchesEquality(selector: Record<string, unknown>, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return Object.entries(selector).every(([k, v]) => l[k] === v);
}

/** True when the selector selects nothing in particular (matches every object). */
export function isEmptySelector(selector: unknown): boolean {
  const s = rec(selector);
  return Object.keys(rec(s.matchLabels)).length === 0 && arr(s.matchExpressions).length === 0;
}
