/**
 * README "Add a service" as a test, end to end in a scratch clone of the repository:
 * GIVEN a copy of one catalog service under a new name WHEN synth runs (no Terraform apply, no
 * tf:outputs) THEN dist/ gains the service, verify passes with zero errors, and an offline
 * `terraform plan` of every environment creates its IAM role (trusting its service account), its
 * ECR repository, its queue access and reads of every secret it uses.
 *
 * Which service is copied is chosen from the catalog at run time (any non-public service with a
 * queue and secrets), so the test never depends on today's services.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { synth } from '../../scripts/synth/synth-command.ts';
import { awsContractSchema } from '../../scripts/verify/aws-contract.ts';
import { verifyDist } from '../../scripts/verify/run-verify.ts';
import { policyDocuments, resources } from '../terraform/checks/plan.ts';
import type { PlanJson } from '../terraform/checks/index.ts';
import { describeTerraform, environments, planOf } from '../terraform/terraform.ts';
import { scratchClone } from '../support/scratch-clone.ts';

const NEW = 'zz-walkthrough';
const TIMEOUT = 600_000;
const CRDS_DIR = resolve(process.env.CRDS_DIR ?? '../shared/crds');

interface ServiceFile {
  name: string;
  image: { repository: string };
  network?: { public?: boolean };
  placement?: string;
  secrets?: { key: string; property: string }[];
  aws?: { rdsIamUser?: string | null; sqs?: { queue: string; access: string }[] };
}

let root = '';
let template: ServiceFile;
/** Offline plans of the clone, started together once synth has written catalog.json. */
const plans = new Map<string, Promise<unknown>>();

beforeAll(() => {
  root = scratchClone();
  const services = readdirSync(join(root, 'apps/services'))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ file: f, spec: load(readFileSync(join(root, 'apps/services', f), 'utf8')) as ServiceFile }));
  const pick = services.find(
    ({ spec }) =>
      !spec.network?.public && spec.placement !== 'gpu-spot' && (spec.aws?.sqs?.length ?? 0) > 0 && (spec.secrets?.length ?? 0) > 0,
  );
  if (!pick) throw new Error('no catalog service with a queue and secrets to copy');
  template = pick.spec;
  // README step 1: copy a service file; the file name is the service name.
  let text = readFileSync(join(root, 'apps/services', pick.file), 'utf8')
    .replace(new RegExp(`^name: ${template.name}$`, 'm'), `name: ${NEW}`)
    .replace(`repository: ${template.image.repository}`, `repository: ${NEW}`);
  if (template.aws?.rdsIamUser) text = text.replace(`rdsIamUser: ${template.aws.rdsIamUser}`, 'rdsIamUser: zz_walkthrough');
  writeFileSync(join(root, 'apps/services', `${NEW}.yaml`), text);
});

afterAll(() => {
  if (root && process.env.TF_TEST_KEEP !== '1') rmSync(root, { recursive: true, force: true });
});

describeTerraform('README walkthrough: add a service in one pass', () => {
  it(
    'synth renders it without Terraform outputs, and verify passes',
    async () => {
      // WHEN npm run synth (README step 6), with apps/environments/*.terraform.json untouched
      const result = synth({ cwd: root });
      expect(result.err).toEqual([]);
      expect(result.exitCode).toBe(0);
      for (const env of environments) {
        expect(existsSync(join(root, 'dist', env, NEW, `serviceaccount-${NEW}.yaml`)), `dist/${env}/${NEW}`).toBe(true);
        const contract = awsContractSchema.parse(
          JSON.parse(readFileSync(join(root, 'terraform/environments', env, 'contract.json'), 'utf8')),
        );
        expect(contract.roles.map((r) => r.name)).toContain(`fintrack-${env}-${NEW}`);
      }
      // Plan every environment in the background while verify runs (the runner bounds concurrency).
      for (const env of environments) {
        const p = planOf(join(root, 'terraform'), env, `walkthrough-${env}`);
        p.catch(() => undefined);
        plans.set(env, p);
      }
      // THEN npm run verify: zero errors, the contract check included
      const verified = await verifyDist(join(root, 'dist'), { crdsDir: CRDS_DIR });
      expect(
        verified.findings.filter((f) => f.severity === 'error').map((f) => `${f.env}/${f.app} ${f.check}/${f.rule}: ${f.message}`),
      ).toEqual([]);
    },
    TIMEOUT,
  );

  for (const env of environments) {
    it(
      `${env}: terraform plan creates its role, repository, queue access and secret reads`,
      async () => {
        const started = plans.get(env);
        if (!started) throw new Error('synth did not succeed, so nothing was planned');
        const plan = (await started) as PlanJson;
        const roleName = `fintrack-${env}-${NEW}`;
        const contract = awsContractSchema.parse(
          JSON.parse(readFileSync(join(root, 'terraform/environments', env, 'contract.json'), 'utf8')),
        );
        const roleArn = contract.roles.find((r) => r.name === roleName)?.arn;

        // The IRSA role, trusting exactly the new service account.
        const role = resources(plan, 'aws_iam_role').find((r) => r.values.name === roleName);
        expect(role, `aws_iam_role ${roleName}`).toBeDefined();
        const trust = policyDocuments(plan).find((d) => d.address === role!.address);
        const subjects = trust!.statements
          .flatMap((s) => s.conditions.flatMap((c) => c.values))
          .filter((v) => v.startsWith('system:serviceaccount:'));
        expect(subjects).toEqual([
          `system:serviceaccount:${contract.roles.find((r) => r.name === roleName)!.serviceAccount!.replace('/', ':')}`,
        ]);

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
          expect(
            resources(plan, 'aws_secretsmanager_secret').map((r) => r.values.name),
            name,
          ).toContain(name);
          const readers = secretPolicies
            .find((d) => d.address.endsWith(`[${JSON.stringify(name)}]`))
            ?.statements.flatMap((s) => s.conditions.filter((c) => c.variable === 'aws:PrincipalArn').flatMap((c) => c.values));
          expect(readers, `readers of ${name}`).toContain(roleArn);
        }
      },
      TIMEOUT,
    );
  }
});
