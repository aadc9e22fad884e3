/**
 * Object size limits of etcd and the API server, checked on rendered objects and reported against
 * the catalog file that renders them.
 */
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../apps/catalog.ts';
import { MAX_ANNOTATION_BYTES, MAX_CONFIGMAP_DATA_BYTES, MAX_OBJECT_BYTES, objectLimitIssues } from '../../scripts/synth/object-limits.ts';
import type { KubeObject, RenderedApp } from '../../charts/rendered-app.ts';

// A catalog with one service and one environment: only the fields the rule reads.
const catalog = {
  services: [{ file: 'apps/services/svc.yaml', spec: { name: 'svc', env: { BIG: 'b'.repeat(10) } } }],
  environments: [{ file: 'apps/environments/prod.yaml', spec: { name: 'prod' } }],
} as unknown as Catalog;

const app = (name: string, obj: KubeObject): RenderedApp => ({ env: 'prod', name, objects: [obj], images: [] });
const configMap = (data: Record<string, string>, annotations: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'cm', namespace: 'ns', annotations },
  data,
});

describe('objectLimitIssues', () => {
  it('accepts objects within every limit', () => {
    expect(objectLimitIssues(catalog, [app('svc', configMap({ a: 'x'.repeat(1000) }))])).toEqual([]);
  });

  it('fails on a ConfigMap above 1 MiB of data, naming the environment file for a platform folder', () => {
    const issues = objectLimitIssues(catalog, [app('observability', configMap({ a: 'x'.repeat(MAX_CONFIGMAP_DATA_BYTES + 1) }))]);
    expect(issues).toEqual([
      {
        file: 'apps/environments/prod.yaml',
        path: '',
        message:
          "ConfigMap ns/cm in dist/prod/observability holds 1.00 MiB of data, above the API server's 1.00 MiB ConfigMap limit: shrink the value that makes it large",
      },
    ]);
  });

  it('fails on annotations above 256 KiB in total', () => {
    const issues = objectLimitIssues(catalog, [app('svc', configMap({}, { a: 'x'.repeat(MAX_ANNOTATION_BYTES) }))]);
    expect(issues.map((i) => i.message)).toEqual([
      "ConfigMap ns/cm in dist/prod/svc has 256 KiB of annotations, above the API server's 256 KiB total: shrink the value that makes it large",
    ]);
  });

  it("fails on an object above etcd's request limit, pointing at the declared value", () => {
    const big = 'b'.repeat(MAX_OBJECT_BYTES);
    const withBig = {
      ...catalog,
      services: [{ file: 'apps/services/svc.yaml', spec: { name: 'svc', env: { BIG: big } } }],
    } as unknown as Catalog;
    const deployment: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'svc' },
      spec: { env: [{ name: 'BIG', value: big }] },
    };
    const issues = objectLimitIssues(withBig, [app('svc', deployment)]);
    expect(issues).toEqual([
      {
        file: 'apps/services/svc.yaml',
        path: 'env.BIG',
        message: 'Deployment svc in dist/prod/svc is 1.50 MiB, above the 1.50 MiB etcd request limit: shrink the value that makes it large',
      },
    ]);
  });
});
