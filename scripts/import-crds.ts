/**
 * `npm run import`: regenerates imports/ from the upstream CRD schemas with `cdk8s import`
 * (usage in scripts/commands/import.ts).
 *
 * The CRDs stay outside the repo (default ../shared/crds, override with CRDS_DIR): they are
 * concatenated into one temporary multi-document file so that CRDs of the same API group land in
 * one generated module, then imported offline. `cdk8s import` also records what it imported in
 * cdk8s.yaml (rewriting the file without its comments, naming the temporary file); this repo does
 * not use that list, so cdk8s.yaml is put back byte-for-byte afterwards.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EXIT, finish, isEntry, parseCommand, type CommandOutput } from './cli.ts';
import { IMPORT_SPEC } from './commands/import.ts';

/** The CRD files whose kinds the charts construct (file names in CRDS_DIR). */
export const IMPORTED_CRDS = [
  'external-secrets.io_externalsecrets.yaml',
  'external-secrets.io_clustersecretstores.yaml',
  'monitoring.coreos.com_servicemonitors.yaml',
  'monitoring.coreos.com_prometheusrules.yaml',
  'monitoring.coreos.com_alertmanagerconfigs.yaml',
  'cert-manager.io_certificates.yaml',
  'cert-manager.io_clusterissuers.yaml',
  'karpenter.sh_nodepools.yaml',
  'karpenter.k8s.aws_ec2nodeclasses.yaml',
  'templates.gatekeeper.sh_constrainttemplates.yaml',
  'expansion.gatekeeper.sh_expansiontemplate.yaml',
  'argocd-image-updater.argoproj.io_imageupdaters.yaml',
  'keda.sh_scaledobjects.yaml',
  'keda.sh_triggerauthentications.yaml',
] as const;

/** Options of {@link importCrds}. */
export interface ImportOptions {
  /** Repository root (holds cdk8s.yaml and imports/). @default - process.cwd() */
  readonly cwd?: string;
  /** Folder of the CRD files. @default - CRDS_DIR, else ../shared/crds */
  readonly crdsDir?: string;
  /** Runs cdk8s import on `bundle` into `output` (relative to `cwd`). @default - node_modules/.bin/cdk8s import */
  readonly cdk8sImport?: (bundle: string, output: string, cwd: string) => void;
}

function cdk8sImport(bundle: string, output: string, cwd: string): void {
  const args = ['import', '--no-check-upgrade', '--language', 'typescript', '--output', output, bundle];
  execFileSync(join(cwd, 'node_modules/.bin/cdk8s'), args, { cwd, stdio: 'inherit' });
}

/** Runs `import <argv>`. */
export function importCrds(argv: readonly string[], options: ImportOptions = {}): CommandOutput {
  const parsed = parseCommand(IMPORT_SPEC, argv);
  if (!parsed.ok) return parsed;
  const cwd = options.cwd ?? process.cwd();
  const crdsDir = resolve(cwd, options.crdsDir ?? process.env.CRDS_DIR ?? '../shared/crds');
  const missing = IMPORTED_CRDS.filter((file) => !existsSync(join(crdsDir, file)));
  if (missing.length > 0)
    return { exitCode: EXIT.usage, out: [], err: missing.map((f) => `import: ${join(crdsDir, f)}: no such CRD file (set CRDS_DIR)`) };
  const config = join(cwd, 'cdk8s.yaml');
  const configText = existsSync(config) ? readFileSync(config) : undefined;
  const work = mkdtempSync(join(tmpdir(), 'crds-'));
  try {
    const bundle = join(work, 'crds.yaml');
    writeFileSync(bundle, IMPORTED_CRDS.map((file) => readFileSync(join(crdsDir, file), 'utf8')).join('\n---\n'));
    // Generated beside imports/ and swapped in only on success, so a failed import keeps the old classes.
    const fresh = `imports.tmp-${process.pid}`;
    rmSync(join(cwd, fresh), { recursive: true, force: true });
    try {
      (options.cdk8sImport ?? cdk8sImport)(bundle, fresh, cwd);
    } catch (e) {
      rmSync(join(cwd, fresh), { recursive: true, force: true });
      throw e;
    }
    rmSync(join(cwd, 'imports'), { recursive: true, force: true });
    renameSync(join(cwd, fresh), join(cwd, 'imports'));
  } catch (e) {
    return { exitCode: EXIT.usage, out: [], err: [`import: cdk8s import failed: ${(e as Error).message}`] };
  } finally {
    rmSync(work, { recursive: true, force: true });
    if (configText !== undefined) writeFileSync(config, configText);
    else rmSync(config, { force: true });
  }
  return { exitCode: EXIT.ok, out: [`imports/ regenerated from ${IMPORTED_CRDS.length} CRDs in ${crdsDir}`], err: [] };
}

if (isEntry(import.meta.url)) finish(importCrds(process.argv.slice(2)));
