/**
 * Errors found in the catalog, each tied to the file and field that caused it.
 */

/** One problem in one catalog file. */
export interface CatalogIssue {
  /** Repo-relative path of the file, e.g. `apps/services/payments-service.yaml`. */
  readonly file: string;
  /** Dotted field path inside the file, e.g. `environments.prod.replicas`; empty for the whole file. */
  readonly path: string;
  /** 1-based line of the field, when the file could be located. */
  readonly line?: number;
  /** What is wrong, with the value received where useful. */
  readonly message: string;
  /** The other side of a rule that spans files (the first declaration of a duplicate, the service behind a missing output). */
  readonly related?: { readonly file: string; readonly path: string; readonly line?: number };
}

/**
 * Formats an issue as `file:line: path: message`, the form editors and CI logs link, followed by
 * `(see file:line path)` for the other side of a cross-file rule.
 */
export function formatIssue(issue: CatalogIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  const r = issue.related;
  const see = r ? ` (see ${r.line === undefined ? r.file : `${r.file}:${r.line}`}${r.path === '' ? '' : ` ${r.path}`})` : '';
  return issue.path === '' ? `${where}: ${issue.message}${see}` : `${where}: ${issue.path}: ${issue.message}${see}`;
}

/** Thrown when the catalog is invalid; carries every issue found, not only the first. */
export class CatalogError extends Error {
  /** Every issue found. */
  public readonly issues: readonly CatalogIssue[];

  public constructor(issues: readonly CatalogIssue[]) {
    super(
      `invalid catalog (${issues.length} error${issues.length === 1 ? '' : 's'}):\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`,
    );
    this.name = 'CatalogError';
    this.issues = issues;
  }
}
