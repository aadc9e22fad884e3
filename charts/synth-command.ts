/**
 * The synth command as a function, so tests run it in-process against temporary folders.
 * Reads the catalog, renders, plans dist/ and, only when nothing is wrong, writes.
 */
import { join, relative, resolve } from 'node:path';
import { loadCatalog, type Catalog } from '../apps/catalog.ts';
import { CatalogError, formatIssue, type CatalogIssue } from '../apps/issues.ts';
import { awsContract, terraformCatalog } from '../apps/terraform-catalog.ts';
import { applyDistPlan, changedFiles, planDist } from './dist-writer.ts';
import { renderCatalog } from './render.ts';
import { toStableJson } from './yaml.ts';
import { YamlCache } from './yaml-cache.ts';

/** Options of {@link synth}. */
export interface SynthOptions {
  /** Catalog root. @default 'apps' */
  readonly apps?: string;
  /** Output folder Argo CD syncs. @default 'dist' */
  readonly dist?: string;
  /** Terraform folder receiving `environments/<env>/catalog.json` and `contract.json`. @default 'terraform' */
  readonly terraform?: string;
  /** Folder the other paths are relative to, and that messages name files from. @default - process.cwd() */
  readonly cwd?: string;
  /** Write nothing; fail when anything would change. @default false */
  readonly check?: boolean;
}

/** Outcome of {@link synth}: an exit code and the lines to print. */
export interface SynthResult {
  /** 0 on success. */
  readonly exitCode: number;
  /** Lines for standard output. */
  readonly out: readonly string[];
  /** Lines for standard error. */
  readonly err: readonly string[];
}

function failed(lines: readonly string[]): SynthResult {
  return {
    exitCode: 1,
    out: [],
    err: [`synth failed: ${lines.length} error${lines.length === 1 ? '' : 's'}; nothing was written.`, ...lines.map((l) => `  ${l}`)],
  };
}

/** Renders the catalog into dist/ (see {@link SynthOptions}). */
export function synth(options: SynthOptions = {}): SynthResult {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const at = (p: string): string => resolve(cwd, p);
  const show = (issues: readonly CatalogIssue[]): string[] => issues.map((i) => formatIssue({ ...i, file: relative(cwd, at(i.file)) }));
  let catalog: Catalog;
  try {
    catalog = loadCatalog({ root: at(options.apps ?? 'apps'), cwd });
  } catch (e) {
    if (!(e instanceof CatalogError)) throw e;
    return failed(show(e.issues));
  }
  const rendered = renderCatalog(catalog);
  if (rendered.issues.length > 0) return failed(show(rendered.issues));

  const terraformDir = at(options.terraform ?? 'terraform');
  const extra = new Map(
    catalog.environments.flatMap((env) => [
      [join(terraformDir, 'environments', env.spec.name, 'catalog.json'), toStableJson(terraformCatalog(catalog, env))],
      [join(terraformDir, 'environments', env.spec.name, 'contract.json'), toStableJson(awsContract(catalog, env))],
    ]),
  );
  const cache = new YamlCache(at('build/synth-yaml-cache.json'));
  const plan = planDist(at(options.dist ?? 'dist'), rendered.apps, extra, cache.serialize);
  cache.save();
  if (plan.issues.length > 0) return failed(show(plan.issues));

  const ms = Math.round(performance.now() - started);
  if (options.check) {
    const stale = [...changedFiles(plan), ...plan.deletes];
    if (stale.length === 0) return { exitCode: 0, out: [`dist/ is up to date (${plan.files.size} files, ${ms} ms)`], err: [] };
    return {
      exitCode: 1,
      out: [],
      err: [
        `dist/ is stale: ${stale.length} file(s) differ from what the sources render. Run \`npm run synth\` and commit dist/.`,
        ...stale.slice(0, 20).map((p) => `  ${relative(cwd, p)}`),
      ],
    };
  }
  const { written, deleted } = applyDistPlan(plan);
  const objects = rendered.apps.reduce((n, a) => n + a.objects.length, 0);
  return {
    exitCode: 0,
    out: [
      `synth: ${rendered.apps.length} apps, ${objects} objects in ${catalog.environments.length} environments; ${written} file(s) written, ${deleted} deleted (${ms} ms)`,
    ],
    err: [],
  };
}
