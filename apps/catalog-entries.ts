/**
 * A validated catalog declaration with the file it came from (apps/catalog.ts reads them; the rule
 * modules take them without depending on the loader).
 */
import type { ServiceDeclaration } from './schema/service.ts';
import type { TenantDeclaration } from './schema/tenant.ts';

/** A service declaration with the file it came from. */
export interface CatalogService {
  /** Repo-relative path of the declaration. */
  readonly file: string;
  /** The validated declaration. */
  readonly spec: ServiceDeclaration;
}

/** A tenant declaration with the file it came from. */
export interface CatalogTenant {
  /** Repo-relative path of the declaration. */
  readonly file: string;
  /** The validated declaration. */
  readonly spec: TenantDeclaration;
}
