/**
 * Entry point for `cdk8s synth --no-check-upgrade` (see cdk8s.yaml). It synthesizes the same
 * charts the plain cdk8s way into build/cdk8s.out, for inspection. `npm run synth` is the supported
 * path: `cdk8s synth` deletes its output folder first, which would destroy Image Updater's
 * write-backs if it pointed at dist/.
 */
import { loadCatalog } from './apps/catalog.ts';
import { formatIssue } from './apps/issues.ts';
import { renderCatalog } from './scripts/synth/render.ts';

const result = renderCatalog(loadCatalog(), { outdir: process.env.CDK8S_OUTDIR ?? 'build/cdk8s.out' });
if (result.issues.length > 0) {
  for (const issue of result.issues) console.error(formatIssue(issue));
  process.exit(1);
}
for (const app of result.cdkApps) app.synth();
