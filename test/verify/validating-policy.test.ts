/**
 * Gatekeeper K8sNativeValidation semantics in verify's evaluator: lazy variables (Kubernetes
 * composition.go), matchCondition and failurePolicy (matchconditions/matcher.go, validating/
 * validator.go), the bindings Gatekeeper provides (params, anyObject, request, oldObject,
 * namespaceObject).
 */
import { describe, expect, it } from 'vitest';
import { celPolicyOf, evaluateConstraint, type AdmissionInput } from '../../scripts/verify/checks/admission.ts';
import type { KubeObject } from '../../scripts/verify/model.ts';

const POD: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'team' },
  spec: { containers: [{ name: 'a' }] },
};
const CONSTRAINT: KubeObject = { apiVersion: 'constraints.gatekeeper.sh/v1beta1', kind: 'X', metadata: { name: 'x' }, spec: {} };
const CREATE: AdmissionInput = { operation: 'CREATE', object: POD };

function run(source: Record<string, unknown>, input: AdmissionInput = CREATE, constraint: KubeObject = CONSTRAINT): string[] {
  const policy = celPolicyOf(source);
  if (typeof policy === 'string') throw new Error(policy);
  return evaluateConstraint(policy, input, constraint);
}

const deny = (expression: string, message = 'denied'): Record<string, unknown> => ({ expression, message });

describe('lazy variables', () => {
  it('admits when a failing variable is never used', () => {
    // GIVEN a variable that errors and a validation that does not read it
    const source = { variables: [{ name: 'bad', expression: 'object.spec.nope.deeper' }], validations: [deny('true')] };
    // WHEN evaluated THEN admitted (eager evaluation would deny)
    expect(run(source)).toEqual([]);
  });

  it('admits when a failing variable is guarded by a short-circuit', () => {
    const source = {
      variables: [{ name: 'bad', expression: 'object.spec.nope.deeper' }],
      validations: [deny("object.metadata.name == 'p' || variables.bad == 1")],
    };
    expect(run(source)).toEqual([]);
  });

  it('fails with the variable error when a used variable fails', () => {
    const source = { variables: [{ name: 'bad', expression: 'object.spec.nope' }], validations: [deny('variables.bad == 1')] };
    expect(run(source)).toEqual([
      `expression 'variables.bad == 1' resulted in error: composited variable "bad" fails to evaluate: No such key: nope`,
    ]);
  });

  it('evaluates a variable that reads an earlier one', () => {
    const source = {
      variables: [
        { name: 'n', expression: 'size(object.spec.containers)' },
        { name: 'twice', expression: 'variables.n * 2' },
      ],
      validations: [deny('variables.twice == 1', 'two')],
    };
    expect(run(source)).toEqual(['two']);
  });
});

describe('matchCondition and failurePolicy', () => {
  it('skips the policy when a match condition is false', () => {
    const source = { matchCondition: [{ name: 'only-x', expression: "object.metadata.name == 'x'" }], validations: [deny('false')] };
    expect(run(source)).toEqual([]);
  });

  it('applies the policy when every match condition is true', () => {
    const source = { matchCondition: [{ name: 'only-p', expression: "object.metadata.name == 'p'" }], validations: [deny('false')] };
    expect(run(source)).toEqual(['denied']);
  });

  it('fails a match condition error under failurePolicy Fail (the default)', () => {
    const source = { matchCondition: [{ name: 'broken', expression: 'object.nope' }], validations: [deny('true')] };
    expect(run(source)).toEqual(['failed to evaluate match condition broken: No such key: nope']);
  });

  it('skips a match condition error under failurePolicy Ignore', () => {
    const source = {
      failurePolicy: 'Ignore',
      matchCondition: [{ name: 'broken', expression: 'object.nope' }],
      validations: [deny('false')],
    };
    expect(run(source)).toEqual([]);
  });

  it('a false match condition wins over another one erroring', () => {
    const source = {
      matchCondition: [
        { name: 'broken', expression: 'object.nope' },
        { name: 'no', expression: 'false' },
      ],
      validations: [deny('false')],
    };
    expect(run(source)).toEqual([]);
  });

  it('admits a validation error under failurePolicy Ignore', () => {
    expect(run({ failurePolicy: 'Ignore', validations: [deny('object.nope == 1')] })).toEqual([]);
  });

  it('fails a template that sets matchConditions (Gatekeeper reads matchCondition)', () => {
    expect(celPolicyOf({ matchConditions: [{ name: 'a', expression: 'true' }], validations: [] })).toBe(
      'sets source.matchConditions, which Gatekeeper ignores: the field is source.matchCondition',
    );
  });

  it('fails an unknown failurePolicy', () => {
    expect(celPolicyOf({ failurePolicy: 'Warn', validations: [] })).toBe('sets failurePolicy Warn: must be Fail or Ignore');
  });
});

describe('messages', () => {
  it('uses messageExpression, then message, then the trimmed expression', () => {
    const source = {
      validations: [
        { expression: 'false', messageExpression: "'from ' + object.metadata.name", message: 'unused' },
        { expression: 'false', messageExpression: "'two\\nlines'", message: ' fallback ' },
        { expression: ' 1 == 2 ' },
      ],
    };
    expect(run(source)).toEqual(['from p', 'fallback', 'failed expression: 1 == 2']);
  });
});

describe('bindings', () => {
  it('binds variables.params to spec.parameters, null without them, and params to the constraint', () => {
    const source = { validations: [deny('variables.params == null && params.metadata.name == "x"', 'unexpected')] };
    expect(run(source)).toEqual([]);
    const withParams = { ...CONSTRAINT, spec: { parameters: { max: 1 } } };
    expect(run({ validations: [deny('variables.params.max == 2', 'max')] }, CREATE, withParams)).toEqual(['max']);
  });

  it('binds request (operation, kind, userInfo of Argo CD) and namespaceObject', () => {
    const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team', labels: { tier: 'gold' } } };
    const source = {
      validations: [
        deny("request.operation == 'CREATE' && request.kind.kind == 'Pod' && request.resource.resource == 'pods'", 'request'),
        deny("request.userInfo.username.startsWith('system:serviceaccount:argocd:')", 'user'),
        deny("namespaceObject.metadata.labels.tier == 'gold'", 'ns'),
        deny('oldObject == null', 'old'),
      ],
    };
    expect(run(source, { ...CREATE, namespaceObject: ns })).toEqual([]);
  });

  it('binds oldObject on UPDATE and anyObject to oldObject on DELETE', () => {
    const old = { ...POD, metadata: { ...POD.metadata, labels: { v: '1' } } };
    const source = { validations: [deny("oldObject.metadata.labels.v == '1' && variables.anyObject == object", 'update')] };
    expect(run(source, { operation: 'UPDATE', object: POD, oldObject: old })).toEqual([]);
    const del = {
      validations: [deny("object == null && variables.anyObject.metadata.labels.v == '1' && request.operation == 'DELETE'", 'del')],
    };
    expect(run(del, { operation: 'DELETE', object: null, oldObject: old })).toEqual([]);
  });

  it('denies on a validation that is false because of an UPDATE-only rule', () => {
    const old = { ...POD, spec: { containers: [{ name: 'b' }] } };
    const source = {
      validations: [
        {
          expression: "request.operation != 'UPDATE' || object.spec.containers[0].name == oldObject.spec.containers[0].name",
          message: 'immutable',
        },
      ],
    };
    expect(run(source, { operation: 'UPDATE', object: POD, oldObject: old })).toEqual(['immutable']);
    expect(run(source)).toEqual([]);
  });
});
