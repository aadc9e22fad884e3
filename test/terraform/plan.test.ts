/**
 * The environment plans, once per run, of the repository plus one service added as README "Add a
 * service" describes (in a scratch clone: copy a catalog service under a new name, synth without
 * Terraform outputs). GIVEN an offline `terraform plan` per environment of that clone (real aws
 * provider, dummy credentials, no AWS calls) THEN:
 * - every security check in checks/ has zero findings;
 * - the plan creates exactly the names of the environment's contract.json (what synth derived and
 *   verify checks dist/ against): roles trusting their service accounts, repositories, queues,
 *   buckets, secrets; and what the committed outputs file says Terraform will output;
 * - the added service got its role, repository, queue access and secret reads, and verify passes
 *   on the clone's dist/.
 * - README "Tenants": a second silo tenant, added in the same clone as one file, renders (its
 *   namespace, Application, AppProject and workloads) and plans (key rotating every 90 days, queue
 *   and DLQ, roles trusting exactly its service accounts); no tenant's roles reach another tenant's
 *   key, queue, login or roles (checks/tenant-isolation.ts, actions × resources × conditions).
 * One set of plans serves all: the committed catalog is a subset of the clone's, so a finding in
 * it shows here too, and each plan costs about 20 s of CPU.
 */
import { rmSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { allChecks, type PlanJson } from './checks/index.ts';
import { policyDocuments, resources } from './checks/plan.ts';
import { outputsPath } from '../../scripts/tf-outputs.ts';
import { loadDist } from '../../scripts/verify/load-dist.ts';
import { verifyDist } from '../../scripts/verify/run-verify.ts';
import { synth } from '../../scripts/synth/synth-command.ts';
import { terraformOutputsSchema } from '../../apps/schema/terraform-outputs.ts';
import { cloneWithAddedService, type AddedServiceClone } from '../support/add-service-clone.ts';
import { describeTerraform, environments, layerPlansOf, readContract, type Environment } from './terraform.ts';
import { mergePlans, type LayerPlan } from './layer-chain.ts';
import { layers, movedResources, type Layer } from '../../scripts/tf-layers.ts';
import { MONOLITH_MODULE, planLayerMoves } from '../../scripts/tf-migrate/plan-moves.ts';
import type { StateResource } from '../../scripts/tf-migrate/state-file.ts';
import { tenantReaches } from './checks/tenant-isolation.ts';
import { queueAccessProblems, topicProblems, type CatalogJson } from './flow-plan.ts';
import { endpointProblems, type EndpointCatalog } from './endpoints.ts';

const TIMEOUT = 600_000;
const NEW = 'zz-walkthrough';
/** A second silo tenant (README "Tenants"): one catalog file, nothing else changed by hand. */
const TENANT = 'zz-second';
const TENANT_NS = `tenant-${TENANT}`;
const CRDS_DIR = resolve(process.env.CRDS_DIR ?? '../shared/crds');

let clone: AddedServiceClone | undefined;
let synthErrors: readonly string[] = [];
const plans = new Map<Environment, Promise<Map<Layer, LayerPlan>>>();

/** The six layer plans of `env`, or why there are none. */
function layerPlans(env: Environment): Promise<Map<Layer, LayerPlan>> {
  const p = plans.get(env);
  if (!p) return Promise.reject(new Error(`synth failed in the scratch clone, so nothing was planned:\n${synthErrors.join('\n')}`));
  return p;
}

/** The layer plans of `env` merged into one (what the checks read). */
const offlinePlan = async (env: Environment): Promise<unknown> => mergePlans(await layerPlans(env));

const tfDir = (): string => join(clone!.root, 'terraform');

beforeAll(() => {
  clone = cloneWithAddedService(NEW);
  writeFileSync(join(clone.root, 'apps/tenants', `${TENANT}.yaml`), `name: ${TENANT}\ndisplayName: Second Silo Ltd\nmode: silo\n`);
  // README step 6: npm run synth, with apps/environments/*.terraform.json untouched.
  const result = synth({ cwd: clone.root });
  synthErrors = result.exitCode === 0 ? [] : result.err;
  if (result.exitCode !== 0) return;
  // Start the three plans together; the runner bounds concurrency.
  for (const env of environments) {
    const p = layerPlansOf(tfDir(), env, `plan-${env}`);
    p.catch(() => undefined);
    plans.set(env, p);
  }
});

afterAll(() => {
  if (clone && process.env.TF_TEST_KEEP !== '1') rmSync(clone.root, { recursive: true, force: true });
});

describeTerraform('environment plans (offline) of the catalog plus one added service and one added silo tenant', () => {
  it(
    'README walkthrough: synth renders the added service without Terraform outputs, and verify passes',
    async () => {
      expect(synthErrors).toEqual([]);
      for (const env of environments) {
        expect(existsSync(join(clone!.root, 'dist', env, NEW, `serviceaccount-${NEW}.yaml`)), `dist/${env}/${NEW}`).toBe(true);
        expect(readContract(env, tfDir()).roles.map((r) => r.name)).toContain(`fintrack-${env}-${NEW}`);
      }
      // README step 7: npm run verify, zero errors, the contract check included (while the plans run).
      const verified = await verifyDist(join(clone!.root, 'dist'), { crdsDir: CRDS_DIR });
      expect(verified.findings.filter((f) => f.severity === 'error').map((f) => `${f.env}/${f.app} ${f.check}/${f.rule}: ${f.message}`)).toEqual([]);
    },
    TIMEOUT,
  );

  it('README Tenants: the added silo tenant renders its namespace, Application, AppProject and workloads in every environment', () => {
    expect(synthErrors).toEqual([]);
    for (const env of environments) {
      const dist = (p: string): boolean => existsSync(join(clone!.root, 'dist', env, p));
      expect(dist(`cluster-config/namespace-${TENANT_NS}.yaml`), `dist/${env} namespace`).toBe(true);
      expect(dist(`cluster-config/networkpolicy-${TENANT_NS}-default-deny.yaml`), `dist/${env} default-deny`).toBe(true);
      expect(dist(`argocd/application-${TENANT_NS}.yaml`) && dist(`argocd/appproject-${TENANT_NS}.yaml`), `dist/${env} Application, AppProject`).toBe(true);
      const tenant = readContract(env, tfDir()).tenants?.find((t) => t.name === TENANT);
      expect(tenant?.roles.length, `${TENANT} roles in contract.json`).toBeGreaterThan(0);
      for (const arn of tenant!.roles) {
        const service = arn.slice(arn.lastIndexOf(`${TENANT}-`) + TENANT.length + 1);
        expect(dist(`${TENANT_NS}/deployment-${service}.yaml`), `dist/${env}/${TENANT_NS} ${service}`).toBe(true);
      }
    }
  });

  for (const env of environments) {
    it(`${env}: no tenant's roles reach another tenant's key, queue, login or roles; every tenant key rotates every 90 days`, async () => {
      const plan = (await offlinePlan(env)) as PlanJson;
      const contract = readContract(env, tfDir());
      const tenants = contract.tenants ?? [];
      expect(tenants.map((t) => t.name)).toContain(TENANT);
      expect(tenantReaches(plan, { accountId: contract.accountId, region: contract.region, tenants })).toEqual([]);
      const aliases = resources(plan, 'aws_kms_alias');
      const keys = resources(plan, 'aws_kms_key');
      const queues = resources(plan, 'aws_sqs_queue').map((q) => q.values.name);
      for (const t of tenants) {
        const alias = aliases.find((a) => a.values.name === t.keyAlias);
        expect(alias, `${t.keyAlias} in the plan`).toBeDefined();
        const key = keys.find((k) => k.moduleAddress === alias!.moduleAddress && k.index === alias!.index);
        expect([key?.values.enable_key_rotation, key?.values.rotation_period_in_days], `rotation of ${t.keyAlias}`).toEqual([true, 90]);
        expect(queues, `queues of ${t.name}`).toEqual(expect.arrayContaining([t.queue, `${t.queue}-dlq`]));
      }
    }, TIMEOUT);

    it(`${env}: plan has zero findings for ${allChecks.length} security checks`, async () => {
      const plan = (await offlinePlan(env)) as PlanJson;
      const findings = allChecks.flatMap((c) => c.evaluate(plan, { environment: env }));
      expect(findings.map((f) => `${f.checkId} ${f.address}: ${f.message}`)).toEqual([]);
      expect(resources(plan, 'aws_eks_cluster')).toHaveLength(1);
    }, TIMEOUT);

    it(`${env}: every contract role exists and trusts exactly its service account`, async () => {
      const plan = (await offlinePlan(env)) as PlanJson;
      const contract = readContract(env, tfDir());
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

      // KEDA-scaled workloads (catalog kedaScaled; tenant copies too) also trust the KEDA operator,
      // which reads their queue depth with their role (modules/workload-identity keda.tf).
      const catalog = JSON.parse(readFileSync(join(tfDir(), 'environments', env, 'catalog.json'), 'utf8')) as {
        services: Array<{ name: string; kedaScaled?: boolean }>;
        tenants?: Array<{ name: string; workloads: Array<{ service: string; kedaScaled: boolean }> }>;
      };
      const kedaRole = contract.roles.find((r) => r.name === `fintrack-${env}-addon-keda`);
      const kedaSubject = kedaRole?.serviceAccount ? `system:serviceaccount:${kedaRole.serviceAccount.replace('/', ':')}` : undefined;
      const kedaScaled = [
        ...catalog.services.filter((x) => x.kedaScaled).map((x) => `fintrack-${env}-${x.name}`),
        ...(catalog.tenants ?? []).flatMap((t) => t.workloads.filter((w) => w.kedaScaled).map((w) => `fintrack-${env}-tenant-${t.name}-${w.service}`)),
      ];
      if (kedaScaled.length) expect(kedaSubject, 'the KEDA add-on role of a queue-scaled environment').toBeDefined();

      for (const role of contract.roles) {
        const matches = roles.filter((r) => r.values.name === role.name);
        expect(matches, `role ${role.name} (contract.json roles) in the plan`).toHaveLength(1);
        expect(role.arn).toBe(`arn:aws:iam::${contract.accountId}:role/${role.name}`);
        if (role.serviceAccount === null) continue;
        const [ns, sa] = role.serviceAccount.split('/');
        const subject = `system:serviceaccount:${ns}:${sa}`;
        const subjects = subjectsOf(matches[0]!.address);
        expect(subjects.filter((x) => x !== kedaSubject || subject === kedaSubject), `trust of ${role.name}`).toEqual([subject]);
        expect(subject !== kedaSubject && subjects.includes(kedaSubject ?? ''), `${role.name} trusts the KEDA operator`).toBe(kedaScaled.includes(role.name));
        const trustedBy = roles.filter((r) => subjectsOf(r.address).includes(subject)).map((r) => String(r.values.name));
        expect(trustedBy.sort(), `roles trusting ${subject}`).toEqual(subject === kedaSubject ? [role.name, ...kedaScaled].sort() : [role.name]);
      }

      // Nothing else in the plan trusts a workload except the EKS-managed EBS CSI driver and the
      // tenants' own service accounts (their trust: tenant-isolation below).
      const expected = contract.roles.flatMap((r) => (r.serviceAccount ? [`system:serviceaccount:${r.serviceAccount.replace('/', ':')}`] : []));
      const tenantNamespaces = (catalog.tenants ?? []).map((t) => `system:serviceaccount:tenant-${t.name}:`);
      const extra = [...new Set(roles.flatMap((r) => subjectsOf(r.address)))].filter((x) => !expected.includes(x) && !tenantNamespaces.some((n) => x.startsWith(n)));
      expect(extra).toEqual(['system:serviceaccount:kube-system:ebs-csi-controller-sa']);
    }, TIMEOUT);

    it(`${env}: the plan creates exactly the repositories, queues, buckets and secrets of contract.json`, async () => {
      const plan = (await offlinePlan(env)) as PlanJson & { planned_values?: { outputs?: Record<string, { value?: unknown }> } };
      const contract = readContract(env, tfDir());
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
      const bound = loadDist(join(clone!.root, 'dist'), env)
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

    it(`${env}: flows: topics encrypted and publishable by exactly their publishers; DLQs; exact queue producers and consumers`, async () => {
      // README "Report flow": what synth derived from apps/flows/*.yaml, checked in the plan (test/terraform/flow-plan.ts).
      const plan = (await offlinePlan(env)) as PlanJson;
      const contract = readContract(env, tfDir());
      const catalog = JSON.parse(readFileSync(join(tfDir(), 'environments', env, 'catalog.json'), 'utf8')) as CatalogJson;
      expect(topicProblems(plan, contract, env)).toEqual([]);
      expect(queueAccessProblems(plan, contract, catalog, env)).toEqual([]);
      // Every AWS API a workload calls has an interface endpoint its aws-apis egress reaches (endpoints.ts).
      expect(endpointProblems(plan, JSON.parse(readFileSync(join(tfDir(), 'environments', env, 'catalog.json'), 'utf8')) as EndpointCatalog)).toEqual([]);
    }, TIMEOUT);

    it(
      `${env}: README walkthrough: the plan creates the added service's role, repository, queue access and secret reads`,
      async () => {
        const plan = (await offlinePlan(env)) as PlanJson;
        const template = clone!.template;
        const roleName = `fintrack-${env}-${NEW}`;
        const contract = readContract(env, tfDir());
        const contractRole = contract.roles.find((r) => r.name === roleName);

        // The IRSA role, trusting exactly the new service account.
        const role = resources(plan, 'aws_iam_role').find((r) => r.values.name === roleName);
        expect(role, `aws_iam_role ${roleName}`).toBeDefined();
        const trust = policyDocuments(plan).find((d) => d.address === role!.address);
        const subjects = trust!.statements.flatMap((s) => s.conditions.flatMap((c) => c.values)).filter((v) => v.startsWith('system:serviceaccount:'));
        expect(subjects).toEqual([`system:serviceaccount:${contractRole!.serviceAccount!.replace('/', ':')}`]);

        // Its ECR repository.
        expect(resources(plan, 'aws_ecr_repository').map((r) => r.values.name)).toContain(NEW);

        // Its queue access: one statement per declared queue, on that queue's ARN.
        const policy = policyDocuments(plan).find((d) => d.type === 'aws_iam_role_policy' && d.address.includes(`"service/${NEW}"`));
        for (const q of template.aws?.sqs ?? []) {
          const arn = `arn:aws:sqs:${contract.region}:${contract.accountId}:fintrack-${env}-${q.queue}`;
          expect(
            policy?.statements.some((s) => s.resources?.includes(arn) && s.actions.some((a) => a.startsWith('sqs:'))),
            `sqs ${q.access} on ${arn}`,
          ).toBe(true);
        }

        // Every secret it reads exists and lets its role (and external-secrets) read it.
        const secretPolicies = policyDocuments(plan).filter((d) => d.type === 'aws_secretsmanager_secret_policy');
        for (const key of new Set((template.secrets ?? []).map((s) => s.key))) {
          const name = `fintrack/${env}/${key}`;
          expect(resources(plan, 'aws_secretsmanager_secret').map((r) => r.values.name), name).toContain(name);
          const readers = secretPolicies
            .find((d) => d.address.endsWith(`[${JSON.stringify(name)}]`))
            ?.statements.flatMap((s) => s.conditions.filter((c) => c.variable === 'aws:PrincipalArn').flatMap((c) => c.values));
          expect(readers, `readers of ${name}`).toContain(contractRole!.arn);
        }
      },
      TIMEOUT,
    );
    it(`${env}: the state migration moves every resource of the single root into exactly the layer that now plans it`, async () => {
      const planned = await layerPlans(env);
      const managed = (plan: LayerPlan) =>
        (plan.resource_changes as Array<{ address: string; module_address?: string; mode: string; type: string; name: string; index?: string | number }>).filter(
          (r) => r.mode === 'managed',
        );
      // The single root's state as it was: the same resources under module.platform, the flow logs
      // still in module.network (scripts/tf-layers.ts movedResources, read backwards).
      const groups = new Map<string, StateResource>();
      for (const r of [...planned.values()].flatMap(managed)) {
        const local = r.address.replace(/\[[^\]]*\]$/, '');
        const back = movedResources.find((m) => m.to === local);
        const address = back ? back.from : local;
        const module = `module.${MONOLITH_MODULE}.${address.slice(0, address.lastIndexOf(`.${r.type}.`))}`;
        const key = `${module} ${r.type} ${r.name}`;
        const g = groups.get(key) ?? { index: groups.size, module, mode: 'managed' as const, type: r.type, name: r.name, instanceKeys: [] };
        groups.set(key, { ...g, instanceKeys: [...g.instanceKeys, r.index ?? null] });
      }
      const moves = planLayerMoves([...groups.values()], `${env} single state`);
      expect(moves.errors).toEqual([]);
      for (const layer of layers) expect([...moves.layers[layer]].sort(), `${env}/${layer}`).toEqual(managed(planned.get(layer)!).map((r) => r.address).sort());
    }, TIMEOUT);
  }
});
