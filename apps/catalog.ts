/**
 * Loads the catalog (`apps/environments/*.yaml`, `apps/environments/*.terraform.json`,
 * `apps/services/*.yaml`, `apps/addons/*.yaml`, `apps/teams.yaml`, `apps/chart-repositories.yaml`),
 * validates every file once (strictly as UTF-8), and checks the rules that span files.
 *
 * This is the edge: the only place that reads catalog files. Every problem found is collected and
 * thrown together as a {@link CatalogError}, each naming its file and field.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { ENVIRONMENT_NAMES } from './schema/common.ts';
import { addonSchema, GATEKEEPER_MIN_VERSION, type AddonDeclaration } from './schema/addon.ts';
import { environmentSchema, type Environment } from './schema/environment.ts';
import { serviceSchema } from './schema/service.ts';
import { tenantSchema } from './schema/tenant.ts';
import { tenantIssues } from './tenant-rules.ts';
import type { CatalogService, CatalogTenant } from './catalog-entries.ts';

export type { CatalogService, CatalogTenant } from './catalog-entries.ts';
import { flowSchema } from './schema/flow.ts';
import { flowIssues, type CatalogFlow } from './flow-rules.ts';
import { applyFlows } from './flow-derivation.ts';
import { terraformOutputsSchema, type TerraformOutputs } from './schema/terraform-outputs.ts';
import { teamsFileSchema } from './schema/teams.ts';
import { chartRepositoriesFileSchema } from './schema/chart-repositories.ts';
import { awsNameIssues, closest, repositoryHostIssues, secretEnvIssues, serviceSecretEnvIssues, teamIssues } from './service-rules.ts';
import { CatalogError, type CatalogIssue } from './issues.ts';
import { readUtf8, readYaml, withLines } from './yaml-file.ts';
import { ADDON_IDENTITIES } from './schema/platform-identities.ts';
import { AwsNames } from './aws-names.ts';
import { EKS_PROFILE, K3S_PROFILE, k3sAsEnvironment, noTerraformOutputs, type PlatformProfile } from './platform.ts';
import { secretIssues } from './platform-secrets.ts';
import type { z } from 'zod';

/** A platform add-on declaration with the file it came from. */
export interface CatalogAddon {
  /** Repo-relative path of the declaration. */
  readonly file: string;
  /** The validated declaration. */
  readonly spec: AddonDeclaration;
}

/** An environment with what Terraform reported for it. */
export interface CatalogEnvironment {
  /** Repo-relative path of the declaration. */
  readonly file: string;
  /** The validated declaration. */
  readonly spec: Environment;
  /** Repo-relative path of the Terraform outputs file. */
  readonly terraformFile: string;
  /** What only an apply can tell (VPC id, …); every conventional name comes from {@link names}. */
  readonly terraform: TerraformOutputs;
  /** The environment's conventional AWS names (roles, repositories, queues, buckets, secrets). */
  readonly names: AwsNames;
  /** What the platform offers (IRSA, Karpenter, ALB, …): the one place renderers ask. */
  readonly platform: PlatformProfile;
}

/** The whole validated catalog. */
export interface Catalog {
  /** Environments in promotion order (dev, staging, prod). */
  readonly environments: readonly CatalogEnvironment[];
  /** Services sorted by name, with what the flows derive applied (apps/flow-derivation.ts). */
  readonly services: readonly CatalogService[];
  /** Asynchronous flows (`apps/flows/*.yaml`) sorted by name. */
  readonly flows: readonly CatalogFlow[];
  /** Platform add-ons (`apps/addons/*.yaml`) sorted by name. */
  readonly addons: readonly CatalogAddon[];
  /** Tenants (`apps/tenants/*.yaml`, optional folder) sorted by name. */
  readonly tenants: readonly CatalogTenant[];
}

/** Options of {@link loadCatalog}. */
export interface LoadCatalogOptions {
  /**
   * Folder holding `environments/` and `services/`.
   * @default 'apps'
   */
  readonly root?: string;
  /**
   * Folder that paths in messages are relative to.
   * @default - the current working directory
   */
  readonly cwd?: string;
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
}

/** Loads and validates the catalog; throws {@link CatalogError} listing every issue. */
export function loadCatalog(options: LoadCatalogOptions = {}): Catalog {
  const root = options.root ?? 'apps';
  const cwd = options.cwd ?? process.cwd();
  const rel = (p: string): string => relative(cwd, resolve(cwd, p)) || p;
  const issues: CatalogIssue[] = [];

  const environments: CatalogEnvironment[] = [];
  const envDir = join(root, 'environments');
  const seen = new Set<string>();
  for (const name of yamlFiles(envDir)) {
    const file = rel(join(envDir, name));
    const stem = basename(name).replace(/\.ya?ml$/, '');
    if (!(ENVIRONMENT_NAMES as readonly string[]).includes(stem)) {
      issues.push({ file, path: '', message: `unknown environment "${stem}": expected one of ${ENVIRONMENT_NAMES.join(', ')}` });
      continue;
    }
    const parsed = readYaml(join(envDir, name), environmentSchema, file);
    if (!parsed.ok) {
      issues.push(...parsed.issues);
      continue;
    }
    if (parsed.value.name !== stem) {
      issues.push({ file, path: 'name', message: `"${parsed.value.name}" must match the file name "${stem}"` });
      continue;
    }
    seen.add(stem);
    if (parsed.value.platform === 'k3s') {
      // No AWS account, so no Terraform outputs file: the placeholders never render (apps/platform.ts).
      const spec = k3sAsEnvironment(parsed.value);
      const terraformFile = rel(join(envDir, `${stem}.terraform.json`));
      const names = new AwsNames(spec);
      environments.push({ file, spec, terraformFile, terraform: noTerraformOutputs(spec), names, platform: K3S_PROFILE });
      continue;
    }
    const terraformPath = join(envDir, `${stem}.terraform.json`);
    const terraformFile = rel(terraformPath);
    const terraform = readTerraformOutputs(terraformPath, terraformFile, issues);
    if (terraform) {
      checkTerraformAgrees(parsed.value, terraform, terraformFile, issues);
      environments.push({ file, spec: parsed.value, terraformFile, terraform, names: new AwsNames(parsed.value), platform: EKS_PROFILE });
    }
  }
  for (const env of ENVIRONMENT_NAMES) {
    if (!seen.has(env) && !issues.some((i) => i.file.endsWith(`${env}.yaml`))) {
      issues.push({ file: rel(join(envDir, `${env}.yaml`)), path: '', message: `environment "${env}" is not declared` });
    }
  }
  environments.sort((a, b) => ENVIRONMENT_NAMES.indexOf(a.spec.name) - ENVIRONMENT_NAMES.indexOf(b.spec.name));

  const svcDir = join(root, 'services');
  const declared: CatalogService[] = readDeclarations(svcDir, serviceSchema, rel, issues);
  if (declared.length === 0 && !issues.some((i) => i.file.startsWith(rel(svcDir)))) {
    issues.push({ file: rel(svcDir), path: '', message: 'no service declarations found' });
  }
  // Services whose file is invalid still exist: don't report them as unknown callers too.
  const invalid = new Set(yamlFiles(svcDir).map((f) => f.replace(/\.ya?ml$/, '')));
  // Flows are checked against the services as declared, then applied: every rule below and every
  // reader of the catalog sees the derived callers, queues, topics and secrets.
  const flows: CatalogFlow[] = readDeclarations(join(root, 'flows'), flowSchema, rel, issues);
  flows.sort((a, b) => a.spec.name.localeCompare(b.spec.name));
  issues.push(...flowIssues(flows, declared, invalid));
  const services = applyFlows(
    declared,
    flows.map((f) => f.spec),
  );
  services.sort((a, b) => a.spec.name.localeCompare(b.spec.name));
  issues.push(...crossServiceIssues(services, invalid));
  issues.push(...secretIssues(services));

  const teamsFile = rel(join(root, 'teams.yaml'));
  const teams = readList(join(root, 'teams.yaml'), teamsFile, teamsFileSchema, issues)?.teams.map((t) => t.name);
  const accounts = environments.filter((e) => e.platform.cloudIam).map((e) => ({ name: e.spec.name, accountId: e.spec.accountId }));
  for (const { file, spec } of services) {
    issues.push(...repositoryHostIssues(file, spec), ...awsNameIssues(file, spec, accounts), ...serviceSecretEnvIssues(file, spec));
    if (teams) issues.push(...teamIssues(file, spec, teams, teamsFile));
  }
  for (const env of environments) issues.push(...secretEnvIssues(env.file, env.spec.defaults.env ?? {}, 'defaults.env'));

  const reposFile = rel(join(root, 'chart-repositories.yaml'));
  const repos = readList(join(root, 'chart-repositories.yaml'), reposFile, chartRepositoriesFileSchema, issues)?.repositories.map(
    (r) => r.url,
  );
  const addons: CatalogAddon[] = readDeclarations(join(root, 'addons'), addonSchema, rel, issues);
  for (const { file, spec } of addons) issues.push(...platformAddonIssues(file, spec, environments));
  for (const { file, spec } of addons)
    issues.push(...addonIssues(file, spec), ...(repos ? chartRepositoryIssues(file, spec, repos, reposFile) : []));
  addons.sort((a, b) => a.spec.name.localeCompare(b.spec.name));

  const tenants: CatalogTenant[] = readDeclarations(join(root, 'tenants'), tenantSchema, rel, issues);
  tenants.sort((a, b) => a.spec.name.localeCompare(b.spec.name));
  issues.push(...tenantIssues(tenants, services, teams ?? []));

  if (issues.length > 0) throw new CatalogError(withLines(issues, cwd));
  return { environments, services, flows, addons, tenants };
}

/** Reads one catalog-wide list file (`teams.yaml`, `chart-repositories.yaml`); missing is an issue. */
function readList<S extends z.ZodType>(path: string, file: string, schema: S, issues: CatalogIssue[]): z.infer<S> | undefined {
  if (!existsSync(path)) {
    issues.push({ file, path: '', message: 'missing: this catalog file is required' });
    return undefined;
  }
  const parsed = readYaml(path, schema, file);
  if (parsed.ok) return parsed.value;
  issues.push(...parsed.issues);
  return undefined;
}

/** An add-on's chart repository must be on the reviewed list (it becomes an allowed Argo CD source). */
function chartRepositoryIssues(file: string, addon: AddonDeclaration, repos: readonly string[], reposFile: string): CatalogIssue[] {
  if (repos.includes(addon.chart.repoURL)) return [];
  return [
    {
      file,
      path: 'chart.repoURL',
      message: `"${addon.chart.repoURL}" is not a reviewed chart repository: add it to ${reposFile} in a reviewed change first; it becomes an allowed source of the platform-addons project`,
    },
  ];
}

/** An add-on listed for an environment whose platform cannot run it (e.g. karpenter on k3s). */
function platformAddonIssues(file: string, addon: AddonDeclaration, environments: readonly CatalogEnvironment[]): CatalogIssue[] {
  return addon.environments.flatMap((name, i) => {
    const env = environments.find((e) => e.spec.name === name);
    const why = env?.platform.unsupportedAddons[addon.name];
    return why ? [{ file, path: `environments[${i}]`, message: `"${name}" is a ${env!.platform.platform} environment: ${why}` }] : [];
  });
}

/** Rules of one add-on that need more than its schema: IRSA namespaces, minimum versions. */
function addonIssues(file: string, addon: AddonDeclaration): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const identity = ADDON_IDENTITIES.find((a) => a.name === addon.name);
  if (identity && identity.namespace !== addon.namespace) {
    issues.push({
      file,
      path: 'namespace',
      message: `"${addon.namespace}" must be "${identity.namespace}": Terraform trusts system:serviceaccount:${identity.namespace}:${identity.serviceAccount} (ADDON_IDENTITIES in apps/schema/platform-identities.ts)`,
    });
  }
  if (addon.name === 'gatekeeper' && compareVersions(addon.chart.version, GATEKEEPER_MIN_VERSION) < 0) {
    issues.push({
      file,
      path: 'chart.version',
      message: `"${addon.chart.version}" is below ${GATEKEEPER_MIN_VERSION}, the first Gatekeeper with stable CEL (K8sNativeValidation)`,
    });
  }
  return issues;
}

/** Compares the release parts of two exact versions (`v` prefix and pre-release ignored). */
function compareVersions(a: string, b: string): number {
  const parts = (v: string): number[] => v.replace(/^v/, '').split(/[-+]/)[0]!.split('.').map(Number);
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** Reads every `<name>.yaml` in `dir` with `schema`; a declaration's `name` must match its file. */
function readDeclarations<S extends z.ZodType<{ name: string }>>(
  dir: string,
  schema: S,
  rel: (p: string) => string,
  issues: CatalogIssue[],
): { file: string; spec: z.infer<S> }[] {
  const out: { file: string; spec: z.infer<S> }[] = [];
  for (const name of yamlFiles(dir)) {
    const file = rel(join(dir, name));
    const parsed = readYaml(join(dir, name), schema, file);
    if (!parsed.ok) {
      issues.push(...parsed.issues);
      continue;
    }
    const stem = basename(name).replace(/\.ya?ml$/, '');
    if (parsed.value.name !== stem) {
      issues.push({ file, path: 'name', message: `"${parsed.value.name}" must match the file name "${stem}"` });
      continue;
    }
    out.push({ file, spec: parsed.value });
  }
  return out;
}

function readTerraformOutputs(path: string, file: string, issues: CatalogIssue[]): TerraformOutputs | undefined {
  if (!existsSync(path)) {
    issues.push({ file, path: '', message: 'missing: run `npm run tf:outputs -- <env>` after `terraform apply`' });
    return undefined;
  }
  const text = readUtf8(path, file);
  if (!text.ok) {
    issues.push(...text.issues);
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text.value);
  } catch (e) {
    issues.push({ file, path: '', message: `invalid JSON: ${(e as Error).message}` });
    return undefined;
  }
  const result = terraformOutputsSchema.safeParse(json);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    issues.push({ file, path: issue.path.map(String).join('.'), message: issue.message });
  }
  return undefined;
}

function checkTerraformAgrees(env: Environment, tf: TerraformOutputs, file: string, issues: CatalogIssue[]): void {
  const pairs = [
    ['accountId', env.accountId, tf.accountId],
    ['region', env.region, tf.region],
    ['clusterName', env.clusterName, tf.clusterName],
    ['ecrRegistry', env.ecrRegistry, tf.ecrRegistry],
  ] as const;
  for (const [field, declared, created] of pairs) {
    if (declared !== created) {
      issues.push({ file, path: field, message: `"${created}" differs from "${declared}" declared in apps/environments/${env.name}.yaml` });
    }
  }
}

/** Rules that need more than one service: unique names and repositories, known callers, no self-calls. */
function crossServiceIssues(services: readonly CatalogService[], declared: ReadonlySet<string>): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const names = new Map<string, string>();
  const repos = new Map<string, CatalogService>();
  for (const entry of services) {
    const { file, spec } = entry;
    const other = names.get(spec.name);
    if (other)
      issues.push({
        file,
        path: 'name',
        message: `duplicate service "${spec.name}"`,
        related: { file: other, path: 'name' },
      });
    names.set(spec.name, file);
    const sameRepo = repos.get(spec.image.repository);
    if (sameRepo)
      issues.push({
        file,
        path: 'image.repository',
        message: `"${spec.image.repository}" is already the repository of ${sameRepo.spec.name}`,
        related: { file: sameRepo.file, path: 'image.repository' },
      });
    repos.set(spec.image.repository, entry);
  }
  const known = [...new Set([...names.keys(), ...declared])];
  for (const { file, spec } of services) {
    spec.network.callers.forEach((caller, i) => {
      const path = `network.callers[${i}]`;
      if (caller === spec.name) issues.push({ file, path, message: `a service cannot list itself as a caller` });
      else if (!names.has(caller) && !declared.has(caller)) {
        const near = closest(caller, known, 3);
        issues.push({
          file,
          path,
          message: `unknown caller "${caller}": no such service in apps/services/${near ? ` (closest: "${near}")` : ''}`,
        });
      }
    });
  }
  return issues;
}
