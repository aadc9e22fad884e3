/**
 * The Gatekeeper policy chart: one CEL-only template and one constraint per policy, parameters
 * from props, and every expression compiling in verify's CEL engine (what Gatekeeper compiles).
 */
import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { POLICIES, SAFE_SYSCTLS_V1_32 } from '../../charts/policies/index.ts';
import { PolicyChart } from '../../charts/policy-chart.ts';
import { compileError } from '../../scripts/verify/cel/engine.ts';

const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';

function synth(props: Partial<ConstructorParameters<typeof PolicyChart>[1]> = {}): any[] {
  const app = Testing.app();
  return Testing.synth(new PolicyChart(app, { env: 'prod', ecrRegistry: REGISTRY, exemptNamespaces: ['kube-system'], ...props }));
}

const constraint = (objects: any[], kind: string): any => objects.find((o) => o.kind === kind);

describe('PolicyChart', () => {
  it('renders one CEL-only template and one constraint per policy', () => {
    // GIVEN the default props WHEN synthesized
    const objects = synth();
    const templates = objects.filter((o) => o.kind === 'ConstraintTemplate');
    // THEN each policy has its template (K8sNativeValidation only) and its constraint
    expect(templates.map((t) => t.spec.crd.spec.names.kind).sort()).toEqual(POLICIES.map((p) => p.kind).sort());
    for (const t of templates) expect(t.spec.targets[0].code.map((c: any) => c.engine)).toEqual(['K8sNativeValidation']);
    for (const p of POLICIES) expect(constraint(objects, p.kind).metadata.name).toBe(p.constraintName);
  });

  it('renders expressions that compile in verify CEL engine', () => {
    const expressions = synth()
      .filter((o) => o.kind === 'ConstraintTemplate')
      .flatMap((t) => {
        const source = t.spec.targets[0].code[0].source;
        return [
          ...(source.variables ?? []).map((v: any) => v.expression),
          ...source.validations.flatMap((v: any) => [v.expression, v.messageExpression]),
        ];
      });
    expect(expressions.map((e: string) => [e, compileError(e)]).filter(([, err]) => err !== undefined)).toEqual([]);
  });

  it('passes the Localhost seccomp allow-list, empty by default', () => {
    expect(constraint(synth(), 'FintrackSeccompLocalhost').spec.parameters).toEqual({ allowedLocalhostProfiles: [] });
    const objects = synth({ localhostSeccompProfiles: ['profiles/audit.json'] });
    expect(constraint(objects, 'FintrackSeccompLocalhost').spec.parameters).toEqual({ allowedLocalhostProfiles: ['profiles/audit.json'] });
  });

  it('allows exactly the Pod Security safe sysctls', () => {
    expect(constraint(synth(), 'FintrackSysctls').spec.parameters).toEqual({ allowedSysctls: [...SAFE_SYSCTLS_V1_32] });
  });

  it('fails an ecrRegistry that is not a registry host', () => {
    expect(() => synth({ ecrRegistry: 'https://example.com/' })).toThrow(
      "'ecrRegistry' (https://example.com/) must be a registry host for prod",
    );
  });
});
