/**
 * `verify --base`: immutable-field changes the API server rejects on UPDATE, and admission
 * evaluated as an UPDATE with oldObject for objects changed since the base.
 */
import { describe, expect, it } from 'vitest';
import { objectIdentity, type BaseObjects, type BaseOptions } from '../../scripts/verify/base-objects.ts';
import { admissionCheck } from '../../scripts/verify/checks/admission.ts';
import { immutableCheck } from '../../scripts/verify/checks/immutable.ts';
import type { KubeObject } from '../../scripts/verify/model.ts';
import { clone, CRDS_DIR, deployment, inApp, model } from './fixtures.ts';

function baseOf(objects: readonly KubeObject[]): BaseObjects {
  return new Map(objects.map((o) => [objectIdentity('prod', o), o]));
}

async function immutable(before: KubeObject, after: KubeObject): Promise<string[]> {
  const options: BaseOptions = { crdsDir: CRDS_DIR, base: baseOf([before]) };
  const findings = await immutableCheck.run(model(inApp('svc', [after])), options);
  return findings.map((f) => `${f.kind} ${f.severity}: ${f.message}`);
}

const priorityClass = (value: number): KubeObject => ({
  apiVersion: 'scheduling.k8s.io/v1',
  kind: 'PriorityClass',
  metadata: { name: 'business-critical' },
  value,
});

describe('immutable fields', () => {
  it('passes a Deployment whose template and replicas change', async () => {
    const before = deployment({ replicas: 2 });
    const after = clone(deployment({ replicas: 3 }));
    after.spec.template.spec.containers[0].image = 'x:v2';
    expect(await immutable(before, after)).toEqual([]);
  });

  it('fails a Deployment whose selector changes', async () => {
    const after = clone(deployment());
    after.spec.selector.matchLabels = { 'app.kubernetes.io/name': 'app2' };
    after.spec.template.metadata.labels = { 'app.kubernetes.io/name': 'app2' };
    expect(await immutable(deployment(), after)).toEqual([
      "Deployment error: spec.selector changed since the base: the API server rejects the update (field is immutable, apps <kind>Strategy.ValidateUpdate), so Argo CD's sync fails until the object is deleted and recreated",
    ]);
  });

  it('fails a PriorityClass whose value changes', async () => {
    expect(await immutable(priorityClass(1000), priorityClass(2000))).toEqual([
      "PriorityClass error: value changed since the base: the API server rejects the update (field is immutable, scheduling/validation ValidatePriorityClassUpdate), so Argo CD's sync fails until the object is deleted and recreated",
    ]);
  });

  it('fails an immutable ConfigMap whose data changes, passes a mutable one', async () => {
    const cm = (data: Record<string, string>, immutableFlag?: boolean): KubeObject => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'team' },
      data,
      ...(immutableFlag === undefined ? {} : { immutable: immutableFlag }),
    });
    expect(await immutable(cm({ a: '1' }), cm({ a: '2' }))).toEqual([]);
    expect((await immutable(cm({ a: '1' }, true), cm({ a: '2' }, true))).length).toBe(1);
  });

  it('fails a LoadBalancer Service whose loadBalancerClass is set, passes a type change with a new clusterIP', async () => {
    const svc = (spec: Record<string, unknown>): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's', namespace: 'team' },
      spec,
    });
    expect(await immutable(svc({ type: 'LoadBalancer' }), svc({ type: 'LoadBalancer', loadBalancerClass: 'service.k8s.aws/nlb' }))).toEqual(
      [
        "Service error: spec.loadBalancerClass changed since the base: the API server rejects the update (field is immutable, core/validation validateLoadBalancerClassField), so Argo CD's sync fails until the object is deleted and recreated",
      ],
    );
    expect(
      await immutable(svc({ type: 'ClusterIP', clusterIP: '10.0.0.1' }), svc({ type: 'ExternalName', externalName: 'x.example.com' })),
    ).toEqual([]);
    expect((await immutable(svc({ clusterIP: '10.0.0.1' }), svc({ clusterIP: '10.0.0.2' }))).length).toBe(1);
  });

  it('does nothing without --base or for new objects', async () => {
    expect(await immutableCheck.run(model(inApp('svc', [priorityClass(1)])), { crdsDir: CRDS_DIR })).toEqual([]);
    const other = { ...priorityClass(1), metadata: { name: 'other' } };
    expect(await immutable(other, priorityClass(2))).toEqual([]);
  });
});

describe('admission as UPDATE', () => {
  const template: KubeObject = {
    apiVersion: 'templates.gatekeeper.sh/v1',
    kind: 'ConstraintTemplate',
    metadata: { name: 'noreplicadrop' },
    spec: {
      crd: { spec: { names: { kind: 'NoReplicaDrop' } } },
      targets: [
        {
          target: 'admission.k8s.gatekeeper.sh',
          code: [
            {
              engine: 'K8sNativeValidation',
              source: {
                matchCondition: [{ name: 'updates', expression: "request.operation == 'UPDATE'" }],
                validations: [
                  {
                    expression: 'object.spec.replicas >= oldObject.spec.replicas',
                    messageExpression: "'replicas may not drop from ' + string(oldObject.spec.replicas)",
                  },
                ],
              },
            },
          ],
        },
      ],
    },
  };
  const constraint: KubeObject = {
    apiVersion: 'constraints.gatekeeper.sh/v1beta1',
    kind: 'NoReplicaDrop',
    metadata: { name: 'no-drop' },
    spec: { match: { kinds: [{ apiGroups: ['apps'], kinds: ['Deployment'] }] } },
  };

  async function admit(after: KubeObject, before?: KubeObject): Promise<string[]> {
    const options = { crdsDir: CRDS_DIR, ...(before ? { base: baseOf([before]) } : {}) };
    const findings = await admissionCheck.run(model(inApp('policies', [template, constraint]), inApp('svc', [after])), options);
    return findings.map((f) => f.message);
  }

  it('fails an UPDATE that the template forbids, with oldObject from the base', async () => {
    expect(await admit(deployment({ replicas: 2 }), deployment({ replicas: 3 }))).toEqual([
      'NoReplicaDrop/no-drop [deny]: replicas may not drop from 3',
    ]);
  });

  it('passes the same object as a CREATE (no base) and an unchanged object', async () => {
    expect(await admit(deployment({ replicas: 2 }))).toEqual([]);
    expect(await admit(deployment({ replicas: 2 }), deployment({ replicas: 2 }))).toEqual([]);
  });
});
