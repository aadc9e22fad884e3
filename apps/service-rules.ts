/**
 * Rules on one service that AWS or Kubernetes would enforce later (and worse): registry hosts in
 * repository names, the length of every AWS name derived from the service, plaintext values that
 * look like secrets, and teams that are not declared. Each returns issues naming the field.
 */
import type { CatalogIssue } from './issues.ts';
import { ENVIRONMENT_NAMES } from './schema/common.ts';
import type { ServiceDeclaration } from './schema/service.ts';

/** Prefix of every AWS name Terraform derives (terraform/modules/platform/main.tf, `local.name`). */
export const awsNamePrefix = (env: string): string => `fintrack-${env}`;

/**
 * Whether the first path segment of an image name is a registry host: it holds "." or ":" or is
 * "localhost" (the rule of distribution/reference, normalize.go splitDockerDomain).
 */
export function registryHostOf(repository: string): string | undefined {
  const slash = repository.indexOf('/');
  if (slash < 0) return undefined;
  const first = repository.slice(0, slash);
  return /[.:]/.test(first) || first === 'localhost' ? first : undefined;
}

/** Refuses a repository that names a registry: the environment's ECR registry is prepended to it. */
export function repositoryHostIssues(file: string, service: ServiceDeclaration): CatalogIssue[] {
  const host = registryHostOf(service.image.repository);
  if (host === undefined) return [];
  return [
    {
      file,
      path: 'image.repository',
      message: `"${service.image.repository}" starts with the registry host "${host}": write the repository inside the environment's ECR registry only (e.g. "${service.image.repository.slice(host.length + 1)}"); Terraform creates an ECR repository of this name and images are pulled from <ecrRegistry>/<repository>`,
    },
  ];
}

interface NameLimit {
  readonly path: string;
  readonly kind: string;
  readonly name: (env: string, accountId: string) => string;
  readonly max: number;
  readonly source: string;
}

/** Every AWS name Terraform derives from the service, with its limit and where the limit is defined. */
function derivedNames(service: ServiceDeclaration): NameLimit[] {
  return [
    {
      path: 'name',
      kind: 'IAM role name',
      name: (env) => `${awsNamePrefix(env)}-${service.name}`, // terraform/modules/workload-identity/main.tf, locals.identities
      max: 64, // AWS IAM API reference, CreateRole: RoleName length 1-64
      source: 'IAM CreateRole RoleName',
    },
    {
      path: 'image.repository',
      kind: 'ECR repository name',
      name: () => service.image.repository, // terraform/modules/ecr/main.tf, aws_ecr_repository.name = each.key
      max: 256, // AWS ECR API reference, CreateRepository: repositoryName length 2-256
      source: 'ECR CreateRepository repositoryName',
    },
    ...service.aws.s3.map((s, i) => ({
      path: `aws.s3[${i}].bucket`,
      kind: 'S3 bucket name',
      name: (env: string, accountId: string) => `${awsNamePrefix(env)}-${s.bucket}-${accountId}`, // terraform/modules/data/main.tf, locals.bucket_names
      max: 63, // Amazon S3 user guide, "General purpose bucket naming rules": 3-63 characters
      source: 'S3 bucket naming rules',
    })),
    ...service.aws.sqs.map((q, i) => ({
      path: `aws.sqs[${i}].queue`,
      kind: 'SQS dead-letter queue name',
      name: (env: string) => `${awsNamePrefix(env)}-${q.queue}-dlq`, // terraform/modules/data/main.tf, aws_sqs_queue.dlq
      max: 80, // Amazon SQS API reference, CreateQueue: QueueName up to 80 characters
      source: 'SQS CreateQueue QueueName',
    })),
  ];
}

/** Refuses a service whose derived AWS names exceed AWS's limits in any environment. */
export function awsNameIssues(
  file: string,
  service: ServiceDeclaration,
  environments: readonly { readonly name: string; readonly accountId: string }[],
): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  // Every environment the platform knows, with its account where declared (all ids are 12 digits).
  const envs = ENVIRONMENT_NAMES.map((name) => ({
    name,
    accountId: environments.find((e) => e.name === name)?.accountId ?? '000000000000',
  }));
  for (const limit of derivedNames(service)) {
    const longest = envs.map((e) => limit.name(e.name, e.accountId)).reduce((a, b) => (b.length > a.length ? b : a));
    if (longest.length > limit.max) {
      issues.push({
        file,
        path: limit.path,
        message: `derives the ${limit.kind} "${longest}" (${longest.length} characters), above AWS's limit of ${limit.max} (${limit.source}): shorten it by ${longest.length - limit.max}`,
      });
    }
  }
  return issues;
}

/**
 * Name parts that mark a variable as a secret: PASSWORD, SECRET, TOKEN, CREDENTIAL anywhere in a
 * part (`DBPASSWORD`, `ACCESSTOKEN`), KEY as a whole part or glued to a credential word (`APIKEY`).
 */
const SECRET_PART = /^([A-Z0-9]*(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|CREDENTIAL)S?|(API|ACCESS|PRIVATE|SECRET|SIGNING|MASTER)?KEYS?)$/;
/** Names whose KEY is not a credential: object keys and key ids, paths to files (TLS_KEY_FILE). */
const NOT_SECRET = /((^|_)(BUCKET|OBJECT|S3|CACHE|PARTITION|ROUTING|SORT|PRIMARY|FOREIGN)_KEYS?|_KEY_(ID|ARN)|_FILE|_PATH|_DIR)$/;

/** Whether an environment variable name looks like it holds a secret. */
export function looksLikeSecret(name: string): boolean {
  return !NOT_SECRET.test(name) && name.split('_').some((part) => SECRET_PART.test(part));
}

/** Refuses plaintext `env` values whose names look like secrets; they belong in `secrets:`. */
export function secretEnvIssues(file: string, env: Readonly<Record<string, string>>, at: string): CatalogIssue[] {
  return Object.keys(env)
    .filter(looksLikeSecret)
    .map((name) => ({
      file,
      path: `${at}.${name}`,
      message: `"${name}" looks like a secret and would be written in plaintext into the Deployment in Git: move it to 'secrets:' (a Secrets Manager key and property)`,
    }));
}

/** Secret-looking variables in a service's `env` and per-environment overrides. */
export function serviceSecretEnvIssues(file: string, service: ServiceDeclaration): CatalogIssue[] {
  return [
    ...secretEnvIssues(file, service.env, 'env'),
    ...Object.entries(service.environments).flatMap(([env, o]) => (o.env ? secretEnvIssues(file, o.env, `environments.${env}.env`) : [])),
  ];
}

/** Edit distance (insertions, deletions, substitutions) between two short strings. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length]!;
}

/** The candidate closest to `name` (ties: alphabetical), if within `maxDistance` edits. */
export function closest(name: string, candidates: readonly string[], maxDistance = Infinity): string | undefined {
  return [...candidates]
    .filter((c) => editDistance(name, c) <= maxDistance)
    .sort()
    .reduce<string | undefined>(
      (best, c) => (best === undefined || editDistance(name, c) < editDistance(name, best) ? c : best),
      undefined,
    );
}

/** Refuses a team not declared in the teams file. */
export function teamIssues(file: string, service: ServiceDeclaration, teams: readonly string[], teamsFile: string): CatalogIssue[] {
  if (teams.includes(service.team)) return [];
  const near = closest(service.team, teams);
  return [
    {
      file,
      path: 'team',
      message: `unknown team "${service.team}"${near ? `; did you mean "${near}"?` : ''} Teams are declared in ${teamsFile} (a new team needs its own entry there)`,
    },
  ];
}
