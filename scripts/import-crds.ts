/**
 * Regenerates imports/ from the upstream CRD schemas with `cdk8s import`.
 *
 * The CRDs stay outside the repo (default ../shared/crds, override with CRDS_DIR): they are
 * concatenated into one temporary multi-document file so that CRDs of the same API group land in
 * one generated module, then imported offline.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

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

const crdsDir = resolve(process.env.CRDS_DIR ?? '../shared/crds');
const work = mkdtempSync(join(tmpdir(), 'crds-'));
// `cdk8s import` records the temporary bundle under `imports:` in cdk8s.yaml (and drops its
// comments); keep the committed file as it is.
const cdk8sYaml = readFileSync('cdk8s.yaml', 'utf8');
try {
  const bundle = join(work, 'crds.yaml');
  writeFileSync(bundle, IMPORTED_CRDS.map((file) => readFileSync(join(crdsDir, file), 'utf8')).join('\n---\n'));
  rmSync('imports', { recursive: true, force: true });
  execFileSync('node_modules/.bin/cdk8s', ['import', '--no-check-upgrade', '--language', 'typescript', '--output', 'imports', bundle], {
    stdio: 'inherit',
  });
} finally {
  writeFileSync('cdk8s.yaml', cdk8sYaml);
  rmSync(work, { recursive: true, force: true });
}
