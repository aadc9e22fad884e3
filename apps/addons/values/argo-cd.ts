/** Helm values of Argo CD (self-managed: this Application manages the Argo CD that syncs it). */
import type { AddonContext } from '../../addon-context.ts';

/**
 * Restores the Application health check Argo CD removed in 1.8, so an app-of-apps waits for each
 * child's health before the next sync wave (argo-cd docs, operator-manual/health.md).
 */
export const APPLICATION_HEALTH_LUA = `hs = {}
hs.status = "Progressing"
hs.message = ""
if obj.status ~= nil then
  if obj.status.health ~= nil then
    hs.status = obj.status.health.status
    if obj.status.health.message ~= nil then
      hs.message = obj.status.health.message
    end
  end
end
return hs
`;

/** Values of the `argo-cd` chart. */
export function argoCdValues(ctx: AddonContext): Record<string, unknown> {
  const replicas = ctx.require('replicas');
  const ha = replicas > 1;
  return {
    // Chart 10.0.0 turned global.networkPolicy.create on (README "Upgrading"); stated here so the
    // bootstrap install and the self-managed release agree and a chart default flip is a visible diff.
    global: { domain: `argocd.${ctx.env.spec.domain}`, networkPolicy: { create: true, defaultDenyIngress: false } },
    configs: {
      cm: {
        'resource.customizations.health.argoproj.io_Application': APPLICATION_HEALTH_LUA,
        'application.resourceTrackingMethod': 'annotation',
        'timeout.reconciliation': '180s',
        'exec.enabled': false,
      },
      params: { 'server.insecure': false },
    },
    controller: { replicas: 1 },
    server: { replicas, pdb: { enabled: ha, minAvailable: 1 } },
    repoServer: { replicas, pdb: { enabled: ha, minAvailable: 1 } },
    applicationSet: { replicas },
    'redis-ha': { enabled: ha },
    redis: { enabled: !ha },
  };
}
