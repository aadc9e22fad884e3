/**
 * Label selectors (apimachinery/pkg/apis/meta/v1/validation ValidateLabelSelector).
 */
import { arr, rec } from '../model.ts';
import { isQualifiedName } from './names.ts';
import { validateLabels } from './object-meta.ts';
import type { Problems } from './problems.ts';

// meta/v1/validation ValidateLabelSelector / ValidateLabelSelectorRequirement
/** Checks a LabelSelector at `field`, reporting under `rule`. */
export function validateLabelSelector(selector: unknown, field: string, rule: string, p: Problems): void {
  const s = rec(selector);
  validateLabels(s.matchLabels, `${field}.matchLabels`, p);
  arr(s.matchExpressions).forEach((raw, i) => {
    const e = rec(raw);
    const f = `${field}.matchExpressions[${i}]`;
    const values = arr(e.values);
    if (e.operator === 'In' || e.operator === 'NotIn') {
      if (values.length === 0) p.add(rule, `${f}.values`, "must be specified when `operator` is 'In' or 'NotIn'");
    } else if (e.operator === 'Exists' || e.operator === 'DoesNotExist') {
      if (values.length > 0) p.add(rule, `${f}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
    } else {
      p.add(rule, `${f}.operator`, `not a valid selector operator: "${String(e.operator)}"`);
    }
    p.add(rule, `${f}.key`, ...isQualifiedName(String(e.key ?? '')));
  });
}
