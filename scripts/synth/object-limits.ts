/**
 * Size limits the API server and etcd enforce on every object, checked on what synth rendered so
 * an oversized value (a multi-megabyte env value, a huge dashboard) fails synth with the catalog
 * file that caused it instead of failing the Argo CD sync.
 */
import type { Catalog } from '../../apps/catalog.ts';
import type { CatalogIssue } from '../../apps/issues.ts';
import type { KubeObject, RenderedApp } from '../../charts/rendered-app.ts';

/**
 * etcd's default `--max-request-bytes` (etcd server/embed/config.go, DefaultMaxRequestBytes =
 * 1.5 MiB): a write larger than this is refused, so no object can be stored above it. The JSON
 * form is used as the measure (built-in kinds are stored as protobuf, which is smaller).
 */
export const MAX_OBJECT_BYTES = 1.5 * 1024 * 1024;

/** Total size of an object's annotation keys and values (apimachinery pkg/api/validation/objectmeta.go, TotalAnnotationSizeLimitB). */
export const MAX_ANNOTATION_BYTES = 256 * 1024;

/** Total size of a ConfigMap's data and binaryData (kubernetes pkg/apis/core/validation, ValidateConfigMap: corev1.MaxSecretSize). */
export const MAX_CONFIGMAP_DATA_BYTES = 1024 * 1024;

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(2)} MiB`;
const kib = (n: number): string => `${(n / 1024).toFixed(0)} KiB`;

function sizeProblems(obj: KubeObject): string[] {
  const problems: string[] = [];
  const total = bytes(JSON.stringify(obj));
  if (total > MAX_OBJECT_BYTES) problems.push(`is ${mib(total)}, above the ${mib(MAX_OBJECT_BYTES)} etcd request limit`);
  const annotations = (obj.metadata.annotations ?? {}) as Record<string, string>;
  const annotationBytes = Object.entries(annotations).reduce((n, [k, v]) => n + bytes(k) + bytes(String(v)), 0);
  if (annotationBytes > MAX_ANNOTATION_BYTES)
    problems.push(`has ${kib(annotationBytes)} of annotations, above the API server's ${kib(MAX_ANNOTATION_BYTES)} total`);
  if (obj.kind === 'ConfigMap' && obj.apiVersion === 'v1') {
    const data = { ...((obj.data ?? {}) as Record<string, string>), ...((obj.binaryData ?? {}) as Record<string, string>) };
    const dataBytes = Object.values(data).reduce((n, v) => n + bytes(String(v)), 0);
    if (dataBytes > MAX_CONFIGMAP_DATA_BYTES)
      problems.push(`holds ${mib(dataBytes)} of data, above the API server's ${mib(MAX_CONFIGMAP_DATA_BYTES)} ConfigMap limit`);
  }
  return problems;
}

/** The longest string anywhere in `value`. */
function longestString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return '';
  return Object.values(value).reduce<string>((best, v) => {
    const s = longestString(v);
    return s.length > best.length ? s : best;
  }, '');
}

/** Dotted path of the first field of `value` equal to `needle`, if any. */
function pathOf(value: unknown, needle: string, at = ''): string | undefined {
  if (value === needle) return at;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [k, v] of Object.entries(value)) {
    const found = pathOf(v, needle, Array.isArray(value) ? `${at}[${k}]` : at === '' ? k : `${at}.${k}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Objects above a size limit, each reported against the catalog file that renders it: the
 * service's declaration for a service's folder, otherwise the environment's file.
 */
export function objectLimitIssues(catalog: Catalog, apps: readonly RenderedApp[]): CatalogIssue[] {
  const services = new Map(catalog.services.map((s) => [s.spec.name, s]));
  const envFiles = new Map(catalog.environments.map((e) => [e.spec.name, e.file]));
  const issues: CatalogIssue[] = [];
  for (const app of apps) {
    for (const obj of app.objects) {
      for (const problem of sizeProblems(obj)) {
        const service = services.get(app.name);
        // Point at the declared value that makes it large when the declaration holds it verbatim.
        const path = service ? (pathOf(service.spec, longestString(obj)) ?? '') : '';
        issues.push({
          file: service?.file ?? envFiles.get(app.env) ?? app.name,
          path,
          message: `${obj.kind} ${obj.metadata.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata.name} in dist/${app.env}/${app.name} ${problem}: shrink the value that makes it large`,
        });
      }
    }
  }
  return issues;
}
