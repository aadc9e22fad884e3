/**
 * The Secrets Manager secrets the rendered ExternalSecrets read, derived from the catalog: every
 * key a service declares under `secrets`, plus Alertmanager's receivers. Terraform creates each one
 * (modules/secrets); a few it also fills from resources it creates (RDS endpoint, Redis endpoint,
 * queue URLs), the rest an operator provides (see README "Secrets an operator provides").
 */
import { receiverSecretProperties } from '../charts/observability/alert-routing.ts';
import type { CatalogIssue } from './issues.ts';
import type { ServiceDeclaration } from './schema/service.ts';

/** Key (below the environment prefix) of Alertmanager's receiver keys and webhooks. */
export const ALERTMANAGER_SECRET_KEY = 'alertmanager';

/** Whether critical alerts page PagerDuty in `env` (dev never pages: Slack only). */
export function pagesOnCall(env: string): boolean {
  return env !== 'dev';
}

/**
 * GitHub App credentials: Argo CD's read access to this repository and Image Updater's write access
 * (dist/<env>/argocd-config). An operator stores each as JSON with these properties (README
 * "Bootstrap a cluster"); only External Secrets reads them.
 */
export const GITHUB_APP_SECRET_KEYS = { repoRead: 'argocd/github-app-read', imageWrite: 'argocd-image-updater/github-app' } as const;
/** Properties of a GitHub App credentials secret. */
export const GITHUB_APP_SECRET_PROPERTIES = ['appId', 'installationId', 'privateKey'] as const;

/** Who puts the value in: Terraform (from resources it creates) or an operator (external values). */
export type SecretSource = 'terraform' | 'operator';

/** One secret, as Terraform creates it and the contract lists it. */
export interface PlatformSecret {
  /** Key below the environment prefix, e.g. `rds`. */
  readonly key: string;
  /** Properties of its JSON value. */
  readonly properties: readonly string[];
  /** Who writes the value. */
  readonly source: SecretSource;
  /** Catalog services whose ExternalSecrets read it (the External Secrets role always may). */
  readonly readers: readonly string[];
}

/** The catalog's queues (sorted, unique). */
export function catalogQueues(services: readonly ServiceDeclaration[]): string[] {
  return [...new Set(services.flatMap((s) => s.aws.sqs.map((q) => q.queue)))].sort();
}

/** The catalog's SNS topics (sorted, unique): the flows' `notify.topic`s, applied to their publishers. */
export function catalogTopics(services: readonly ServiceDeclaration[]): string[] {
  return [...new Set(services.flatMap((s) => s.aws.sns.map((t) => t.topic)))].sort();
}

/**
 * Secrets whose value Terraform writes, with the properties it writes (modules/platform
 * `written_secrets` builds the same JSON: RDS endpoint, Redis TLS URL, one URL per queue, one ARN
 * per topic).
 */
export function terraformWrittenSecrets(
  queues: readonly string[],
  topics: readonly string[] = [],
): Readonly<Record<string, readonly string[]>> {
  return {
    rds: ['dbname', 'host', 'port'],
    redis: ['url'],
    sqs: queues.map((q) => `${q}-queue-url`),
    sns: topics.map((t) => `${t}-topic-arn`),
  };
}

/** Every secret an environment's ExternalSecrets read, sorted by key. */
export function platformSecrets(services: readonly ServiceDeclaration[], env: string): PlatformSecret[] {
  const written = terraformWrittenSecrets(catalogQueues(services), catalogTopics(services));
  const byKey = new Map<string, { properties: Set<string>; readers: Set<string> }>();
  const add = (key: string, property: string, reader?: string) => {
    const entry = byKey.get(key) ?? { properties: new Set<string>(), readers: new Set<string>() };
    entry.properties.add(property);
    if (reader) entry.readers.add(reader);
    byKey.set(key, entry);
  };
  for (const s of services) for (const secret of s.secrets) add(secret.key, secret.property, s.name);
  for (const property of receiverSecretProperties(pagesOnCall(env))) add(ALERTMANAGER_SECRET_KEY, property);
  for (const key of Object.values(GITHUB_APP_SECRET_KEYS)) for (const property of GITHUB_APP_SECRET_PROPERTIES) add(key, property);
  return [...byKey.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, { properties, readers }]) => {
      const source: SecretSource = key in written ? 'terraform' : 'operator';
      return {
        key,
        // Terraform writes its whole value; an operator owes exactly what is read.
        properties: source === 'terraform' ? [...(written[key] ?? [])].sort() : [...properties].sort(),
        source,
        readers: [...readers].sort(),
      };
    });
}

const WRITTEN_PER_NAME: Readonly<Record<string, string>> = {
  sqs: '<queue>-queue-url for each queue in the catalog',
  sns: '<topic>-topic-arn for each topic in the catalog',
};

/** A service reading a property Terraform does not write into one of its secrets. */
export function secretIssues(services: readonly { file: string; spec: ServiceDeclaration }[]): CatalogIssue[] {
  const specs = services.map((s) => s.spec);
  const written = terraformWrittenSecrets(catalogQueues(specs), catalogTopics(specs));
  return services.flatMap(({ file, spec }) =>
    spec.secrets.flatMap((secret, i) => {
      const properties = written[secret.key];
      if (properties === undefined || properties.includes(secret.property)) return [];
      return [
        {
          file,
          path: `secrets[${i}].property`,
          message: `"${secret.property}" is not in secret "${secret.key}": Terraform writes ${WRITTEN_PER_NAME[secret.key] ?? properties.join(', ')}`,
        },
      ];
    }),
  );
}
