/** Line numbers of field paths in rendered files, and their use in findings. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiserverCheck } from '../../scripts/verify/checks/apiserver.ts';
import { fieldSegments, lineOf } from '../../scripts/verify/field-line.ts';
import { loadDist } from '../../scripts/verify/load-dist.ts';
import type { Finding, KubeObject } from '../../scripts/verify/model.ts';
import { CRDS_DIR } from './fixtures.ts';

const text = [
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  '  labels:',
  '    app.kubernetes.io/name: a',
  '  name: a',
  'spec:',
  '  ports:',
  '  - name: http',
  '    port: 80',
  '  - name: metrics',
  '    port: 9090',
  '',
].join('\n');

describe('field lines', () => {
  it('splits field paths into names, indexes and map keys', () => {
    expect(fieldSegments('metadata.labels[app.kubernetes.io/name]')).toEqual(['metadata', 'labels', 'app.kubernetes.io/name']);
    expect(fieldSegments('spec.ports[1].name')).toEqual(['spec', 'ports', 1, 'name']);
  });

  it('finds a field, or its nearest existing parent', () => {
    expect(lineOf(text, 'metadata.labels[app.kubernetes.io/name]')).toBe(5);
    expect(lineOf(text, 'spec.ports[1].name')).toBe(11);
    expect(lineOf(text, 'spec.ports[1].targetPort')).toBe(11);
    expect(lineOf(text, 'spec.selector')).toBe(7);
  });

  it('puts file:line into API-server findings on rendered files', () => {
    // GIVEN a rendered Service from dist/ with a duplicated port name (in memory)
    const loaded = loadDist('dist', 'prod');
    const svc = loaded.objects.find((o) => o.object.kind === 'Service' && o.object.metadata.name === 'payments-service');
    if (!svc) throw new Error('no payments-service Service in dist/prod');
    const object = structuredClone(svc.object) as KubeObject & { spec: { ports: { name: string }[] } };
    object.spec.ports[1]!.name = object.spec.ports[0]!.name;
    // WHEN the API-server check runs THEN the finding names the file and the port's line
    const findings = apiserverCheck.run({ objects: [{ ...svc, object }], apps: loaded.apps }, { crdsDir: CRDS_DIR }) as Finding[];
    const line = lineOf(readFileSync(`dist/${svc.file}`, 'utf8'), 'spec.ports[1].name');
    expect(findings.map((f) => f.message)).toEqual([
      `${svc.file}:${line}: spec.ports[1].name: Duplicate value: "${object.spec.ports[0]!.name}"`,
    ]);
  });
});
