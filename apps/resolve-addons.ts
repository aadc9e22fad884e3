/**
 * Resolves the add-on catalog for one environment into what an Argo CD Application with a Helm
 * source needs: chart coordinates, sync wave, server-side apply and the rendered values. Values
 * that come from AWS are filled here from the environment and its Terraform outputs.
 */
import { SYNC_WAVES } from '../charts/sync-waves.ts';
import { AddonContext, AddonValueError, type AddonValuesBuilder } from './addon-context.ts';
import type { Catalog, CatalogAddon, CatalogEnvironment } from './catalog.ts';
import { CatalogError, type CatalogIssue } from './issues.ts';
import type { AddonName } from './schema/addon.ts';
import { argoCdValues } from './addons/values/argo-cd.ts';
import { argocdImageUpdaterValues } from './addons/values/argocd-image-updater.ts';
import { awsLoadBalancerControllerValues } from './addons/values/aws-load-balancer-controller.ts';
import { certManagerValues } from './addons/values/cert-manager.ts';
import { externalDnsValues } from './addons/values/external-dns.ts';
import { externalSecretsValues } from './addons/values/external-secrets.ts';
import { fluentBitValues } from './addons/values/fluent-bit.ts';
import { gatekeeperValues } from './addons/values/gatekeeper.ts';
import { karpenterValues } from './addons/values/karpenter.ts';
import { kedaValues } from './addons/values/keda.ts';
import { kubePrometheusStackValues } from './addons/values/kube-prometheus-stack.ts';
import { lokiValues } from './addons/values/loki.ts';
import { metricsServerValues } from './addons/values/metrics-server.ts';
import { nvidiaDevicePluginValues } from './addons/values/nvidia-device-plugin.ts';
import { trivyOperatorValues } from './addons/values/trivy-operator.ts';
import type { HelmAddon } from '../charts/argocd/helm-addon.ts';

/** One add-on as an Argo CD Application renders it. */
/** An add-on resolved for one environment: exactly what the app-of-apps renders as an Application. */
export type ResolvedAddon = HelmAddon;

/** The values builder of every add-on; the type makes a missing builder a compile error. */
export const ADDON_VALUES: Readonly<Record<AddonName, AddonValuesBuilder>> = {
  'argo-cd': argoCdValues,
  'argocd-image-updater': argocdImageUpdaterValues,
  'aws-load-balancer-controller': awsLoadBalancerControllerValues,
  'cert-manager': certManagerValues,
  'external-dns': externalDnsValues,
  'external-secrets': externalSecretsValues,
  'fluent-bit': fluentBitValues,
  gatekeeper: gatekeeperValues,
  karpenter: karpenterValues,
  keda: kedaValues,
  'kube-prometheus-stack': kubePrometheusStackValues,
  loki: lokiValues,
  'metrics-server': metricsServerValues,
  'nvidia-device-plugin': nvidiaDevicePluginValues,
  'trivy-operator': trivyOperatorValues,
};

/** The add-ons of `env`, sorted by name, with every problem found instead of the first. */
export function resolveAddonsWithIssues(catalog: Catalog, env: CatalogEnvironment): { addons: ResolvedAddon[]; issues: CatalogIssue[] } {
  const running = catalog.addons.filter((a) => a.spec.environments.includes(env.spec.name));
  const names = new Set(running.map((a) => a.spec.name));
  const addons: ResolvedAddon[] = [];
  const issues: CatalogIssue[] = [];
  for (const addon of running) {
    try {
      addons.push(resolveOne(addon, env, names));
    } catch (e) {
      if (!(e instanceof AddonValueError)) throw e;
      issues.push(e.issue);
    }
  }
  return { addons, issues };
}

/** The add-ons of `env`, sorted by name; throws {@link CatalogError} when a value is missing. */
export function resolveAddons(catalog: Catalog, env: CatalogEnvironment): ResolvedAddon[] {
  const { addons, issues } = resolveAddonsWithIssues(catalog, env);
  if (issues.length > 0) throw new CatalogError(issues);
  return addons;
}

function resolveOne(addon: CatalogAddon, env: CatalogEnvironment, running: ReadonlySet<string>): ResolvedAddon {
  const { spec } = addon;
  return {
    name: spec.name,
    namespace: spec.namespace,
    repoURL: spec.chart.repoURL,
    chart: spec.chart.chart,
    version: spec.chart.version,
    syncWave: SYNC_WAVES[spec.syncWave],
    serverSideApply: spec.serverSideApply,
    values: ADDON_VALUES[spec.name](new AddonContext(addon, env, running)),
  };
}
