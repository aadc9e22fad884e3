/**
 * Schema findings for objects built in a test, through verify's own schema check (one validator
 * for the repo: kubernetes-models for core kinds, the upstream CRD schemas for custom kinds).
 */
import { schemaCheck } from '../../scripts/verify/checks/schema.ts';
import type { KubeObject } from '../../scripts/verify/model.ts';

const crdsDir = process.env.CRDS_DIR ?? '../shared/crds';

/** `rule: message` for every schema finding on `objects` (placed in one app folder). */
export async function schemaFindings(objects: readonly object[]): Promise<string[]> {
  const dist = objects.map((object, i) => ({ env: 'test', app: 'test', file: `test/test/${i}.yaml`, object: object as KubeObject }));
  const findings = await schemaCheck.run({ objects: dist, apps: [{ env: 'test', app: 'test', dir: '/dist/test/test' }] }, { crdsDir });
  return findings.map((f) => `${f.rule}: ${f.message}`);
}
