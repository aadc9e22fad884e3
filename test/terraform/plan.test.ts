/**
 * Security checks and the catalog contract over offline plans of the three environment roots.
 * GIVEN an offline `terraform plan` per environment (real aws provider, dummy credentials, no AWS
 * calls) WHEN every check in checks/ runs THEN there are zero findings; and the plan creates
 * exactly the names of the environment's contract.json (what synth derived and verify checks
 * dist/ against): roles trusting their service accounts, repositories, queues, buckets, secrets.
 */
import { beforeAll, expect, it } from 'vitest';
import { allChecks, type PlanJson } from './checks/index.ts';
import { policyDocuments, resources } from './checks/plan.ts';
import { readFileSync } from 'node:fs';
import { outputsPath } from '../../scripts/tf-outputs.ts';
import { loadDist } from '../../scripts/verify/load-dist.ts';
import { terraformOutputsSchema } from '../../apps/schema/terraform-outputs.ts';
import { describeTerraform, environments, offlinePlan, readContract } from './terraform.ts';

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

    it(`${env}: every contract role exists and trusts exactly its service account`, async () => {
      const plan = (await offlinePlan(env)) as PlanJson;
      const contract = readContract(env);
      expect(contract.environment).toBe(env);

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

      for (const role of contract.roles) {
        const matches = roles.filter((r) => r.values.name === role.name);
        expect(matches, `role ${role.name} (contract.json roles) in the plan`).toHaveLength(1);
        expect(role.arn).toBe(`arn:aws:iam::${contract.accountId}:role/${role.name}`);
        if (role.serviceAccount === null) continue;
        const [ns, sa] = role.serviceAccount.split('/');
        const subject = `system:serviceaccount:${ns}:${sa}`;
        expect(subjectsOf(matches[0]!.address), `trust of ${role.name}`).toEqual([subject]);
        const trustedBy = roles.filter((r) => subjectsOf(r.address).includes(subject)).map((r) => r.values.name);
        expect(trustedBy, `roles trusting ${subject}`).toEqual([role.name]);
      }

      // Nothing else in the plan trusts a workload except the EKS-managed EBS CSI driver.
      const expected = contract.roles.flatMap((r) => (r.serviceAccount ? [`system:serviceaccount:${r.serviceAccount.replace('/', ':')}`] : []));
      const extra = roles.flatMap((r) => subjectsOf(r.address)).filter((s) => !expected.includes(s));
      expect(extra).toEqual(['system:serviceaccount:kube-system:ebs-csi-controller-sa']);
    }, TIMEOUT);

    it(`${env}: the plan creates exactly the repositories, queues, buckets and secrets of contract.json`, async () => {
      const plan = (await offlinePlan(env)) as PlanJson & { planned_values?: { outputs?: Record<string, { value?: unknown }> } };
      const contract = readContract(env);
      const names = (type: string, attr: string) => resources(plan, type).map((r) => String(r.values[attr])).sort();
      const registry = `${contract.accountId}.dkr.ecr.${contract.region}.amazonaws.com/`;
      expect(names('aws_ecr_repository', 'name').map((n) => `${registry}${n}`)).toEqual([...contract.ecrRepositories].sort());
      expect(names('aws_sqs_queue', 'name').filter((n) => !n.endsWith('-dlq'))).toEqual(contract.queues.map((q) => q.name).sort());
      for (const q of contract.queues) expect(q.url).toBe(`https://sqs.${contract.region}.amazonaws.com/${contract.accountId}/${q.name}`);
      // Every bucket but the access-log, audit-log and flow-log buckets (S3 server access logs;
      // CloudTrail and Config, modules/audit; VPC flow logs for Athena): no workload references them.
      const purpose = (p: string) => resources(plan, 'aws_s3_bucket').filter((r) => (r.values.tags as Record<string, string> | null)?.['fintrack.io/purpose'] === p);
      const [accessLogs, auditLogs, flowLogs, replicas, spa] = [purpose('access-logs'), purpose('audit-logs'), purpose('flow-logs'), purpose('dr-replica'), purpose('spa')];
      // With a DR region (modules/dr) every contract bucket has a replica there, logging to a second access-log bucket.
      const replicaOf = replicas.map((r) => (r.values.tags as Record<string, string>)['fintrack.io/replica-of']).sort();
      expect(replicaOf).toEqual(replicas.length ? [...contract.buckets].sort() : []);
      expect(accessLogs).toHaveLength(replicas.length ? 2 : 1);
      expect(auditLogs).toHaveLength(1);
      expect(flowLogs).toHaveLength(1);
      expect(spa.length).toBeLessThanOrEqual(1); // the React SPA's CloudFront origin (modules/spa)
      const platformOnly = [...accessLogs, ...auditLogs, ...flowLogs, ...replicas, ...spa].map((r) => r.values.bucket);
      expect(names('aws_s3_bucket', 'bucket').filter((b) => !platformOnly.includes(b))).toEqual([...contract.buckets].sort());
      expect(names('aws_secretsmanager_secret', 'name')).toEqual(contract.secrets.map((x) => x.name).sort());
      expect(plan.planned_values?.outputs?.secret_properties?.value).toEqual(Object.fromEntries(contract.secrets.map((x) => [x.name, x.properties])));
      // Each secret's policy denies reads to everyone but the readers the contract lists.
      const policies = policyDocuments(plan).filter((d) => d.type === 'aws_secretsmanager_secret_policy');
      for (const secret of contract.secrets) {
        const doc = policies.find((d) => d.address.endsWith(`[${JSON.stringify(secret.name)}]`));
        const deny = doc?.statements.find((st) => st.effect === 'Deny' && st.actions.includes('secretsmanager:GetSecretValue'));
        expect(deny?.conditions.find((c) => c.variable === 'aws:PrincipalArn')?.values.sort(), `readers of ${secret.name}`).toEqual([...secret.readers].sort());
      }
    }, TIMEOUT);

    it(`${env}: after apply a break-glass admin and the CI deploy role can reach the cluster (kubectl apply -k dist/${env}/bootstrap)`, async () => {
      const plan = (await offlinePlan(env)) as PlanJson;
      const cluster = resources(plan, 'aws_eks_cluster')[0]!;
      expect((cluster.values.access_config as Array<{ authentication_mode: string }>)[0]!.authentication_mode).toMatch(/^API(_AND_CONFIG_MAP)?$/);
      const entries = resources(plan, 'aws_eks_access_entry');
      const admin = resources(plan, 'aws_eks_access_policy_association').filter((a) => a.address.includes('cluster_access'));
      expect(admin.map((a) => a.values.policy_arn)).toEqual(['arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy']);
      expect(resources(plan, 'aws_iam_role').map((r) => r.values.name)).toEqual(expect.arrayContaining([`fintrack-${env}-break-glass`, `fintrack-${env}-github-deploy`]));
      // The deploy role's group is exactly what the rendered bootstrap RoleBinding binds.
      const deploy = entries.find((e) => e.address.endsWith('cluster_access.aws_eks_access_entry.deploy'));
      const bound = loadDist('dist', env)
        .objects.filter((o) => o.app === 'bootstrap' && o.object.kind === 'RoleBinding')
        .flatMap((o) => (o.object.subjects as Array<{ kind: string; name: string }>).filter((x) => x.kind === 'Group').map((x) => x.name));
      expect(bound.length).toBeGreaterThan(0);
      expect(deploy?.values.kubernetes_groups).toEqual(bound);
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
