/**
 * The public edge of an environment: the host names its ALB serves. Both sides derive them from
 * here: the Ingress (apps/resolve-cluster.ts) and Terraform's certificate (catalog.json `edge.hosts`,
 * modules/edge), so the certificate always covers what the Ingress serves.
 */
import type { Catalog } from './catalog.ts';
import type { Environment } from './schema/environment.ts';

/** Host of the public API in `env` (`api.<domain>`). */
export function publicApiHost(env: Pick<Environment, 'domain'>): string {
  return `api.${env.domain}`;
}

/** Hosts the environment's ALB serves: the public API's, when a service is public; none otherwise. */
export function edgeHosts(catalog: Pick<Catalog, 'services'>, env: Pick<Environment, 'domain'>): string[] {
  return catalog.services.some(({ spec }) => spec.network.public) ? [publicApiHost(env)] : [];
}
