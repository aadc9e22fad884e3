/**
 * Object metadata: names, labels and annotations (apimachinery/pkg/api/validation/objectmeta.go).
 */
import { rec } from '../model.ts';
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from './names.ts';
import type { Problems } from './problems.ts';

/** Rules of this module. */
export const META_RULES = ['meta-name', 'meta-labels', 'meta-annotations'] as const;

// objectmeta.go totalAnnotationSizeLimitB
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

/** Name format by kind: `group/Kind` → validator; everything else is a DNS subdomain. */
const NAME_FORMATS: Record<string, (v: string) => string[]> = {
  // core/validation ValidateNamespaceName
  '/Namespace': isDNS1123Label,
  // core/validation ValidateServiceName
  '/Service': isDNS1035Label,
};

// objectmeta.go ValidateLabels (keys: IsQualifiedName, values: IsValidLabelValue)
/** Checks a label map at `field`. */
export function validateLabels(labels: unknown, field: string, p: Problems): void {
  for (const [key, value] of Object.entries(rec(labels))) {
    p.add('meta-labels', `${field}[${key}]`, ...isQualifiedName(key).map((m) => `key: ${m}`));
    p.add('meta-labels', `${field}[${key}]`, ...isValidLabelValue(String(value)).map((m) => `value: ${m}`));
  }
}

// objectmeta.go ValidateAnnotations (keys: lower-cased IsQualifiedName; total size of keys and values)
/** Checks an annotation map at `field`. */
export function validateAnnotations(annotations: unknown, field: string, p: Problems): void {
  let size = 0;
  for (const [key, value] of Object.entries(rec(annotations))) {
    p.add('meta-annotations', `${field}[${key}]`, ...isQualifiedName(key.toLowerCase()).map((m) => `key: ${m}`));
    size += Buffer.byteLength(key) + Buffer.byteLength(String(value));
  }
  if (size > ANNOTATIONS_MAX_BYTES)
    p.add('meta-annotations', field, `may not have more than ${ANNOTATIONS_MAX_BYTES} bytes in total (has ${size})`);
}

// objectmeta.go ValidateObjectMeta (name via the kind's ValidateNameFunc; custom resources use
// NameIsDNSSubdomain: apiextensions-apiserver pkg/registry/customresource/validator.go)
/** Checks `metadata` of an object of `group/kind`. */
export function validateObjectMeta(groupKind: string, metadata: unknown, p: Problems): void {
  const meta = rec(metadata);
  const name = String(meta.name ?? '');
  const format = NAME_FORMATS[groupKind] ?? isDNS1123Subdomain;
  if (name === '') p.add('meta-name', 'metadata.name', 'name or generateName is required');
  else p.add('meta-name', 'metadata.name', ...format(name));
  if (typeof meta.namespace === 'string') p.add('meta-name', 'metadata.namespace', ...isDNS1123Label(meta.namespace));
  validateLabels(meta.labels, 'metadata.labels', p);
  validateAnnotations(meta.annotations, 'metadata.annotations', p);
}
