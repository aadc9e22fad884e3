/**
 * The synth command as a function, so tests run it in-process against temporary folders.
 * Reads the catalog, renders, plans dist/ and, only when nothing is wrong, writes.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { loadCatalog, type Catalog } from '../../apps/catalog.ts';
import { CatalogError, formatIssue, type CatalogIssue } from '../../apps/issues.ts';
import { awsContract, hasTerraform, terraformCatalog } from '../../apps/terraform-catalog.ts';
import { withLines } from '../../apps/yaml-file.ts';
import { bootstrapFiles } from './bootstrap-files.ts';
import { localSecretsTemplate } from './local-secrets-template.ts';
import { localNetworkContract, localSecretKey } from '../../apps/localize.ts';
import { DIST_NETWORK_CONTRACT } from '../verify/network-contract.ts';
import { LOCAL_SECRETS_NAMESPACE } from '../../apps/platform.ts';
import { LOCAL_SECRET_STORE_NAME } from '../../charts/cluster/local-secret-store.ts';
import { commitDist, findLeftovers, recoverDist, sidecars, type TransactionStep } from './dist-transaction.ts';
import { changedFiles, planChange, planDist } from './dist-writer.ts';
import { fsFailureLine, isFsError } from './fs-failure.ts';
import { objectLimitIssues } from './object-limits.ts';
import { acquireLock, LockHeldError, type SynthLock } from './synth-lock.ts';
import type { WriterFs } from './writer-fs.ts';
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
  /** How long to wait for another synth's lock, in milliseconds. @default 30000 */
  readonly lockWaitMs?: number;
  /** File operations of the dist/ transaction (tests inject faults). @default - the real file system */
  readonly fs?: WriterFs;
  /** Called at each step of the dist/ transaction (a test hook). @default - nothing */
  readonly onStep?: (step: TransactionStep) => void;
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

/** Invalid input: exit 2, the repository's code for usage and input errors (scripts/cli.ts EXIT). */
function failed(lines: readonly string[]): SynthResult {
  return {
    exitCode: 2,
    out: [],
    err: [`synth failed: ${lines.length} error${lines.length === 1 ? '' : 's'}; nothing was written.`, ...lines.map((l) => `  ${l}`)],
  };
}

/** The folders holding Terraform catalogs (`<terraform>/environments/*`). */
function terraformEnvDirs(terraformDir: string): string[] {
  const root = join(terraformDir, 'environments');
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => join(root, e.name));
}

/**
 * Renders the catalog into dist/ (see {@link SynthOptions}). Holds the dist/ lock throughout, so
 * concurrent synths run one after the other; file-system errors come back as one line, exit 1.
 */
export function synth(options: SynthOptions = {}): SynthResult {
  const cwd = options.cwd ?? process.cwd();
  const dist = resolve(cwd, options.dist ?? 'dist');
  let lock: SynthLock;
  try {
    const lockPath = sidecars(dist).lock;
    lock = acquireLock(lockPath, options.lockWaitMs ?? 30_000, relative(cwd, lockPath));
  } catch (e) {
    if (e instanceof LockHeldError) return { exitCode: 1, out: [], err: [`synth: ${e.message}`] };
    if (isFsError(e)) return { exitCode: 1, out: [], err: [fsFailureLine(e, cwd, 'Nothing was written.')] };
    throw e;
  }
  let committed = false;
  const onStep = (step: TransactionStep): void => {
    if (step === 'committed') committed = true;
    options.onStep?.(step);
  };
  try {
    const result = synthLocked({ ...options, onStep }, cwd, dist);
    return lock.notes.length === 0 ? result : { ...result, out: [...result.out, ...lock.notes.map((n) => `synth: ${n}`)] };
  } catch (e) {
    if (!isFsError(e)) throw e;
    const outcome = (e as { duringRecovery?: boolean }).duringRecovery
      ? 'An interrupted synth could not be repaired yet; fix this and run synth again.'
      : committed
        ? 'The new dist/ was committed; run synth again to finish switching it in.'
        : 'dist/ and the Terraform catalogs were left as they were.';
    return { exitCode: 1, out: [], err: [fsFailureLine(e, cwd, outcome)] };
  } finally {
    lock.release();
  }
}

function synthLocked(options: SynthOptions, cwd: string, dist: string): SynthResult {
  const started = performance.now();
  const at = (p: string): string => resolve(cwd, p);
  const show = (issues: readonly CatalogIssue[]): string[] =>
    withLines(issues, cwd).map((i) => formatIssue({ ...i, file: relative(cwd, at(i.file)) }));
  const terraformDir = at(options.terraform ?? 'terraform');
  const outsideDirs = terraformEnvDirs(terraformDir);
  const notes: string[] = [];
  if (options.check) {
    const left = findLeftovers(dist, outsideDirs, options.fs);
    if (left.paths.length > 0)
      return {
        exitCode: 1,
        out: [],
        err: [
          `an interrupted synth left ${left.paths.length} file(s) behind; run \`npm run synth\` to ${left.committed ? 'finish' : 'undo'} it.`,
          ...left.paths.map((p) => `  ${relative(cwd, p)}`),
        ],
      };
  } else {
    let recovered;
    try {
      recovered = recoverDist(dist, outsideDirs, { ...(options.fs ? { fs: options.fs } : {}) });
    } catch (e) {
      throw Object.assign(e as Error, { duringRecovery: true });
    }
    if (recovered) {
      notes.push(
        {
          forward: 'synth: finished an interrupted synth that had committed; dist/ holds its new tree',
          back: 'synth: removed what an interrupted synth had left; dist/ kept its previous tree',
          cleanup: 'synth: removed what a finished synth had left behind',
        }[recovered.direction],
        ...recovered.paths.map((p) => `  removed or finished: ${relative(cwd, p)}`),
      );
    }
  }
  let catalog: Catalog;
  try {
    catalog = loadCatalog({ root: at(options.apps ?? 'apps'), cwd });
  } catch (e) {
    if (!(e instanceof CatalogError)) throw e;
    return failed(show(e.issues));
  }
  const rendered = renderCatalog(catalog);
  if (rendered.issues.length > 0) return failed(show(rendered.issues));
  const tooLarge = objectLimitIssues(catalog, rendered.apps);
  if (tooLarge.length > 0) return failed(show(tooLarge));

  const extra = new Map(
    rendered.models
      .filter((model) => hasTerraform(model.env))
      .flatMap((model) => [
        [join(terraformDir, 'environments', model.env.spec.name, 'catalog.json'), toStableJson(terraformCatalog(model))],
        [join(terraformDir, 'environments', model.env.spec.name, 'contract.json'), toStableJson(awsContract(model))],
      ]),
  );
  // Without Terraform, the network contract verify judges NetworkPolicies against sits beside the app folders.
  for (const model of rendered.models.filter((m) => !hasTerraform(m.env)))
    extra.set(join(dist, model.env.spec.name, DIST_NETWORK_CONTRACT), toStableJson(localNetworkContract(model)));
  for (const env of catalog.environments) {
    const local = env.platform.secretStore === 'kubernetes';
    const bootstrap = {
      ...env.spec,
      repoURL: env.spec.gitops.repoURL,
      ...(local ? { localSecrets: { namespace: LOCAL_SECRETS_NAMESPACE, secretName: (key: string) => localSecretKey(env, key) } } : {}),
    };
    for (const [path, content] of bootstrapFiles(dist, bootstrap, rendered.apps)) extra.set(path, content);
    if (local)
      for (const [path, content] of localSecretsTemplate(
        dist,
        env.spec.name,
        LOCAL_SECRETS_NAMESPACE,
        LOCAL_SECRET_STORE_NAME,
        rendered.apps,
      ))
        extra.set(path, content);
  }
  const cache = new YamlCache(at('build/synth-yaml-cache.json'));
  const plan = planDist(dist, rendered.apps, extra, cache.serialize);
  try {
    cache.save();
  } catch {
    // the cache only saves time; a failure to keep it must not fail synth
  }
  if (plan.issues.length > 0) return failed(show(plan.issues));

  if (options.check) {
    const ms = Math.round(performance.now() - started);
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
  const change = planChange(plan, dist);
  const written = change.writes.size + change.outside.size;
  const deleted = change.deletes.length;
  if (written + deleted > 0)
    commitDist(dist, change, { ...(options.fs ? { fs: options.fs } : {}), ...(options.onStep ? { onStep: options.onStep } : {}) });
  const objects = rendered.apps.reduce((n, a) => n + a.objects.length, 0);
  const ms = Math.round(performance.now() - started);
  return {
    exitCode: 0,
    out: [
      `synth: ${rendered.apps.length} apps, ${objects} objects in ${catalog.environments.length} environments; ${written} file(s) written, ${deleted} deleted (${ms} ms)`,
      ...notes,
    ],
    err: [],
  };
}
