/** Helm values of Argo CD Image Updater (v1.2: configured by ImageUpdater resources in argocd-config/). */
import type { AddonContext } from '../../addon-context.ts';

/**
 * Prints `AWS:<token>` for ECR. The chart mounts it at /scripts (values `authScripts`); Image
 * Updater runs it for `ext:` credentials (docs/basics/authentication.md) and the image ships the
 * AWS CLI (Dockerfile). The CLI authenticates with the pod's IRSA web identity; HOME points at the
 * chart's writable /tmp because the root file system is read-only.
 */
export function ecrLoginScript(region: string): string {
  return `#!/bin/sh\nset -eu\nexport HOME=/tmp\naws ecr get-authorization-token --region ${region} --output text --query 'authorizationData[0].authorizationToken' | base64 -d\n`;
}

/** Values of the `argocd-image-updater` chart. */
export function argocdImageUpdaterValues(ctx: AddonContext): Record<string, unknown> {
  const registry = ctx.env.spec.ecrRegistry;
  return {
    replicaCount: 1,
    // Reads ECR through this role (Terraform: add-on "argocd-image-updater", ECR read on this environment's repositories).
    serviceAccount: ctx.irsaServiceAccount(),
    config: {
      // Every key but name/registries/sshConfig becomes an argocd-image-updater-config entry (templates/configmap.yaml).
      'log.level': ctx.settings.logLevel ?? 'info',
      'git.user': 'fintrack-image-updater',
      'git.email': 'platform+image-updater@fintrack.io',
      registries: [
        {
          name: 'ECR',
          api_url: `https://${registry}`,
          prefix: registry,
          ping: true,
          insecure: false,
          // ECR tokens last 12 h; re-run the script before they expire.
          credentials: 'ext:/scripts/ecr-login.sh',
          credsexpire: '10h',
        },
      ],
    },
    authScripts: { enabled: true, scripts: { 'ecr-login.sh': ecrLoginScript(ctx.env.spec.region) } },
    metrics: { enabled: true, serviceMonitor: { enabled: true } },
  };
}
