/** Helm values of Argo CD Image Updater (v1: configured by ImageUpdater resources). */
import type { AddonContext } from '../../addon-context.ts';

/** Values of the `argocd-image-updater` chart. */
export function argocdImageUpdaterValues(ctx: AddonContext): Record<string, unknown> {
  const registry = ctx.env.spec.ecrRegistry;
  return {
    replicaCount: 1,
    config: {
      logLevel: ctx.settings.logLevel ?? 'info',
      registries: [
        {
          name: 'ECR',
          api_url: `https://${registry}`,
          prefix: registry,
          ping: true,
          insecure: false,
          // ECR tokens last 12 h; the script asks ECR for a fresh one.
          credentials: 'ext:/scripts/ecr-login.sh',
          credsexpire: '10h',
        },
      ],
    },
    authScripts: {
      enabled: true,
      scripts: {
        'ecr-login.sh': `#!/bin/sh\naws ecr --region ${ctx.env.spec.region} get-authorization-token --output text --query 'authorizationData[].authorizationToken' | base64 -d\n`,
      },
    },
    metrics: { enabled: true, serviceMonitor: { enabled: true } },
  };
}
