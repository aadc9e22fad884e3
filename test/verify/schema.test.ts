/** The schema check: core kinds, unknown fields, CRDs (with CEL rules), constraint parameters. */
import { describe, expect, it } from 'vitest';
import { schemaCheck } from '../../scripts/verify/checks/schema.ts';
import type { KubeObject } from '../../scripts/verify/model.ts';
import { clone, companions, CRDS_DIR, deployment, inApp, model, prodPolicies, scaledObject } from './fixtures.ts';

async function messages(objects: KubeObject[], withPolicies = false): Promise<string[]> {
  const findings = await schemaCheck.run(model(withPolicies ? prodPolicies() : [], inApp('svc', objects)), { crdsDir: CRDS_DIR });
  return findings.map((f) => `${f.rule}: ${f.message}`);
}

const imageUpdater = (spec: unknown): KubeObject => ({
  apiVersion: 'argocd-image-updater.argoproj.io/v1alpha1',
  kind: 'ImageUpdater',
  metadata: { name: 'iu', namespace: 'argocd' },
  spec,
});

describe('schema check', () => {
  it('passes valid core objects, CRs and the rendered policies', async () => {
    // GIVEN a service, an ImageUpdater and the real policies WHEN validated THEN no findings
    const iu = imageUpdater({ applicationRefs: [{ namePattern: 'app', images: [{ alias: 'app', imageName: 'reg/app' }] }] });
    expect(await messages([deployment(), ...companions(), iu], true)).toEqual([]);
  });

  it('validates KEDA ScaledObjects and TriggerAuthentications against the keda.sh CRDs', async () => {
    // GIVEN a valid pair THEN no findings; WHEN the triggers are dropped and the identity owner misspelt THEN both fail
    expect(await messages(scaledObject())).toEqual([]);
    const [auth, so] = clone(scaledObject()) as [any, any];
    delete so.spec.triggers;
    auth.spec.podIdentity.identityOwner = 'pod';
    const found = await messages([auth, so]);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^valid: .*podIdentity\/identityOwner must be equal to one of the allowed values/);
    expect(found[1]).toBe("valid: /spec must have required property 'triggers'");
  });

  it('fails a wrong type', async () => {
    const d = clone(deployment());
    d.spec.replicas = 'three';
    expect(await messages([d])).toEqual(['valid: data/spec/replicas must be integer']);
  });

  it('fails an unknown field in a core kind', async () => {
    const d = clone(deployment());
    d.spec.template.spec.containers[0].imagePullPolcy = 'Always';
    expect(await messages([d])).toEqual([
      'unknown-field: unknown field "spec.template.spec.containers[0].imagePullPolcy" (not in the apps/v1 Deployment schema)',
    ]);
  });

  it('knows fields kubernetes-models never reads (PriorityClass description) and still fails typos next to them', async () => {
    const pc = (extra: Record<string, unknown>): KubeObject =>
      ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'p' }, value: 1000, ...extra }) as KubeObject;
    expect(await messages([pc({ description: 'why' })])).toEqual([]);
    expect(await messages([pc({ descriptio: 'why' })])).toEqual([
      'unknown-field: unknown field "descriptio" (not in the scheduling.k8s.io/v1 PriorityClass schema)',
    ]);
  });

  it('fails an unknown apiVersion/kind', async () => {
    const o: KubeObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } };
    expect(await messages([o])).toEqual([
      `known-kind: unknown apiVersion/kind example.com/v1 Widget: neither a built-in kind nor a CRD in ${CRDS_DIR}`,
    ]);
  });

  it('fails a CR against its CRD schema (unknown field, int-or-string)', async () => {
    const es: KubeObject = {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: 'app', namespace: 'team' },
      spec: { refreshInterval: 5, secretStoreRef: { kind: 'ClusterSecretStore', name: 's' }, target: { name: 'app', bogus: true } },
    };
    expect(await messages([es])).toEqual([
      'valid: /spec/refreshInterval must be string; /spec/target must NOT have additional properties (bogus)',
    ]);
  });

  it('fails a CRD x-kubernetes-validations CEL rule', async () => {
    // GIVEN an ImageUpdater without images and without useAnnotations
    const iu = imageUpdater({ applicationRefs: [{ namePattern: 'app' }] });
    // WHEN validated THEN the CRD's own rule message
    expect(await messages([iu])).toEqual([
      'cel-rule: spec.applicationRefs[0]: Either useAnnotations must be true, or images must be provided with at least one item',
    ]);
  });

  it('fails constraint parameters outside the template schema', async () => {
    const c = clone(prodPolicies().find((o) => o.object.kind === 'FintrackAllowedRegistry')!.object) as any;
    c.spec.parameters = { registry: 1, extra: true };
    const findings = await schemaCheck.run(
      model(
        prodPolicies().filter((o) => o.object.kind !== 'FintrackAllowedRegistry'),
        inApp('policies', [c]),
      ),
      { crdsDir: CRDS_DIR },
    );
    expect(findings.map((f) => f.message)).toEqual([
      '/spec/parameters must NOT have additional properties (extra); /spec/parameters/registry must be string',
    ]);
  });
});
