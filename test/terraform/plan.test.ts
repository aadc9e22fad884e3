/**
 * Security checks and the catalog contract over offline plans of the three environment roots.
 * GIVEN an offline `terraform plan` per environment (real aws provider, dummy credentials, no AWS
 * calls) WHEN every check in checks/ runs THEN there are zero findings; and every service account
 * in catalog.json has exactly one IRSA role trusting exactly that namespace/service account.
 */
import { beforeAll, expect, it } from 'vitest';
import { allChecks, type PlanJson } from './checks/index.ts';
import { policyDocuments, resources } from './checks/plan.ts';
import { readFileSync } from 'node:fs';
import { outputsPath } from '../../scripts/tf-outputs.ts';
import { terraformOutputsSchema } from '../../apps/schema/terraform-outputs.ts';
import { describeTerraform, environments, offlinePlan, readCatalog } from './terraform.ts';

const TIMEOUT = 600_000;

describeTerraform('environment plans (offline)', () => {
  beforeAll(() => {
    // Start the three plans together; the runner bounds concurrency.
    for (const env of environments) void offlinePlan(env).catch(() => undefined);
  });

  for (const env of environments) {
    it(`${env}: plan has zero findings for ${allChecks.length} security checks`, async () => {
      const plan = (await offlinePlan(env)) as PlanJson;
      const findings = allChecks.flatMap((c) => c.evaluate(plan, { environment: env }));
      expect(findings.map((f) => `${f.checkId} ${f.address}: ${f.message}`)).toEqual([]);
      expect(resources(plan, 'aws_eks_cluster')).toHaveLength(1);
    }, TIMEOUT);

    it(`${env}: every catalog service account has exactly one role trusting exactly it`, async () => {
      const plan = (await offlinePlan(env)) as PlanJson;
      const catalog = readCatalog(env);
      expect(catalog.environment).toBe(env);

      const roles = resources(plan, 'aws_iam_role');
      const trusts = policyDocuments(plan).filter((d) => d.type === 'aws_iam_role');
      const subjectsOf = (address: string) =>
        trusts
          .filter((d) => d.address === address)
          .flatMap((d) => d.statements)
          .filter((s) => s.effect === 'Allow' && s.actions.includes('sts:AssumeRoleWithWebIdentity'))
          .flatMap((s) => s.conditions.filter((c) => c.test === 'StringEquals' && (c.variable === undefined || c.variable.endsWith(':sub'))))
          .flatMap((c) => c.values)
          .filter((v) => v.startsWith('system:serviceaccount:'));

      const expected = [
        ...catalog.services.map((s) => ({ role: `fintrack-${env}-${s.name}`, subject: `system:serviceaccount:${s.namespace}:${s.serviceAccount}` })),
        ...catalog.addons.map((a) => ({ role: `fintrack-${env}-addon-${a.name}`, subject: `system:serviceaccount:${a.namespace}:${a.serviceAccount}` })),
      ];
      for (const { role, subject } of expected) {
        const matches = roles.filter((r) => r.values.name === role);
        expect(matches, `role ${role} for ${subject}`).toHaveLength(1);
        expect(subjectsOf(matches[0]!.address), `trust of ${role}`).toEqual([subject]);
        const trustedBy = roles.filter((r) => subjectsOf(r.address).includes(subject)).map((r) => r.values.name);
        expect(trustedBy, `roles trusting ${subject}`).toEqual([role]);
      }

      // Nothing else in the plan trusts a workload except the EKS-managed EBS CSI driver.
      const all = roles.flatMap((r) => subjectsOf(r.address));
      const extra = all.filter((s) => !expected.some((e) => e.subject === s));
      expect(extra).toEqual(['system:serviceaccount:kube-system:ebs-csi-controller-sa']);
    }, TIMEOUT);

    it(`${env}: committed apps/environments/${env}.terraform.json is what this plan will output`, async () => {
      const plan = (await offlinePlan(env)) as PlanJson & { planned_values?: { outputs?: Record<string, { value?: unknown }> } };
      const committed = terraformOutputsSchema.parse(JSON.parse(readFileSync(outputsPath(env), 'utf8')));
      const out = (name: string) => plan.planned_values?.outputs?.[name]?.value;
      expect(out('account_id')).toBe(committed.accountId);
      expect(out('region')).toBe(committed.region);
      expect(out('cluster_name')).toBe(committed.clusterName);
      expect(out('ecr_registry')).toBe(committed.ecrRegistry);
    }, TIMEOUT);
  }
});
