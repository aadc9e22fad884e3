/**
 * README "Tenants" as a test, end to end in a scratch clone of the repository:
 * GIVEN one new catalog file, a second silo tenant, and nothing else changed by hand WHEN synth runs
 * (no Terraform apply, no tf:outputs) THEN every environment renders its namespace, its own
 * Application and AppProject and its copies of the dedicated services; verify passes with zero
 * errors (tenancy isolation included); and an offline `terraform plan` of every environment creates
 * its key (rotating every 90 days), its queue and DLQ, and roles trusting exactly its service
 * accounts that reach no other tenant's key, queue, login or roles.
 *
 * The dedicated services are read from the catalog at run time, so the test never depends on
 * today's services or tenants.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { synth } from '../../scripts/synth/synth-command.ts';
import { awsContractSchema, type AwsContract } from '../../scripts/verify/aws-contract.ts';
import { verifyDist } from '../../scripts/verify/run-verify.ts';
import { policyDocuments, resources } from '../terraform/checks/plan.ts';
import type { PlanJson } from '../terraform/checks/index.ts';
import { tenantReaches } from '../terraform/checks/tenant-isolation.ts';
import { describeTerraform, environments, planOf } from '../terraform/terraform.ts';
import { scratchClone } from '../support/scratch-clone.ts';

const NEW = 'zz-second';
const NAMESPACE = `tenant-${NEW}`;
const TIMEOUT = 600_000;
const CRDS_DIR = resolve(process.env.CRDS_DIR ?? '../shared/crds');

let root = '';
let dedicated: string[] = [];
const plans = new Map<string, Promise<unknown>>();
const contractOf = (env: string): AwsContract =>
  awsContractSchema.parse(JSON.parse(readFileSync(join(root, 'terraform/environments', env, 'contract.json'), 'utf8')));

beforeAll(() => {
  root = scratchClone();
  dedicated = readdirSync(join(root, 'apps/services'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => load(readFileSync(join(root, 'apps/services', f), 'utf8')) as { name: string; tenancy?: { siloDedicated?: boolean } })
    .filter((s) => s.tenancy?.siloDedicated === true)
    .map((s) => s.name)
    .sort();
  if (dedicated.length === 0) throw new Error('no catalog service has tenancy.siloDedicated: true, so a silo tenant has nothing to run');
  // README "Tenants" step 1: one file.
  writeFileSync(join(root, 'apps/tenants', `${NEW}.yaml`), `name: ${NEW}\ndisplayName: Second Silo Ltd\nmode: silo\n`);
});

afterAll(() => {
  if (root && process.env.TF_TEST_KEEP !== '1') rmSync(root, { recursive: true, force: true });
});

describeTerraform('README walkthrough: add a silo tenant in one file', () => {
  it(
    'synth renders its namespace, Application, AppProject and workloads; verify passes',
    async () => {
      const result = synth({ cwd: root });
      expect(result.err).toEqual([]);
      expect(result.exitCode).toBe(0);
      for (const env of environments) {
        const dist = (p: string): boolean => existsSync(join(root, 'dist', env, p));
        expect(dist(`cluster-config/namespace-${NAMESPACE}.yaml`), `dist/${env} namespace`).toBe(true);
        expect(dist(`cluster-config/networkpolicy-${NAMESPACE}-default-deny.yaml`), `dist/${env} default-deny`).toBe(true);
        expect(
          dist(`argocd/application-${NAMESPACE}.yaml`) && dist(`argocd/appproject-${NAMESPACE}.yaml`),
          `dist/${env} Application + AppProject`,
        ).toBe(true);
        for (const svc of dedicated) expect(dist(`${NAMESPACE}/deployment-${svc}.yaml`), `dist/${env}/${NAMESPACE} ${svc}`).toBe(true);
        const tenant = contractOf(env).tenants?.find((t) => t.name === NEW);
        expect(tenant?.roles).toHaveLength(dedicated.length);
      }
      for (const env of environments) {
        const p = planOf(join(root, 'terraform'), env, `tenant-walkthrough-${env}`);
        p.catch(() => undefined);
        plans.set(env, p);
      }
      const verified = await verifyDist(join(root, 'dist'), { crdsDir: CRDS_DIR });
      expect(
        verified.findings.filter((f) => f.severity === 'error').map((f) => `${f.env}/${f.app} ${f.check}/${f.rule}: ${f.message}`),
      ).toEqual([]);
    },
    TIMEOUT,
  );

  for (const env of environments) {
    it(
      `${env}: terraform plan creates its key, queues and roles, isolated from every other tenant`,
      async () => {
        const started = plans.get(env);
        if (!started) throw new Error('synth did not succeed, so nothing was planned');
        const plan = (await started) as PlanJson;
        const contract = contractOf(env);
        const tenant = contract.tenants!.find((t) => t.name === NEW)!;

        const alias = resources(plan, 'aws_kms_alias').find((a) => a.values.name === tenant.keyAlias);
        expect(alias, tenant.keyAlias).toBeDefined();
        const key = resources(plan, 'aws_kms_key').find((k) => k.moduleAddress === alias!.moduleAddress);
        expect([key?.values.enable_key_rotation, key?.values.rotation_period_in_days]).toEqual([true, 90]);

        const queues = resources(plan, 'aws_sqs_queue').map((q) => q.values.name);
        expect(queues).toEqual(expect.arrayContaining([tenant.queue, `${tenant.queue}-dlq`]));

        for (const arn of tenant.roles) {
          const role = contract.roles.find((r) => r.arn === arn)!;
          const planned = resources(plan, 'aws_iam_role').find((r) => r.values.name === role.name);
          expect(planned, role.name).toBeDefined();
          const subjects = policyDocuments(plan)
            .find((d) => d.address === planned!.address)!
            .statements.flatMap((s) => s.conditions.flatMap((c) => c.values))
            .filter((v) => v.startsWith('system:serviceaccount:'));
          expect(subjects).toEqual([`system:serviceaccount:${role.serviceAccount!.replace('/', ':')}`]);
        }
        expect(tenantReaches(plan, { accountId: contract.accountId, region: contract.region, tenants: contract.tenants! })).toEqual([]);
      },
      TIMEOUT,
    );
  }
});
