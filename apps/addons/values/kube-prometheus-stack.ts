/** Helm values of kube-prometheus-stack (Prometheus, Alertmanager, Grafana, operator). */
import type { AddonContext } from '../../addon-context.ts';
import { memoryBytes } from '../../schema/quantity.ts';

/** Label of the AlertmanagerConfig that the observability app renders. */
export const ALERTMANAGER_CONFIG_NAME = 'fintrack-routing';

/** Values of the `kube-prometheus-stack` chart. */
export function kubePrometheusStackValues(ctx: AddonContext): Record<string, unknown> {
  const days = ctx.require('retentionDays');
  const size = ctx.require('storageSize');
  const storageClassName = ctx.require('storageClass');
  const replicas = ctx.require('replicas');
  // Stop before the volume is full: retention by size at 90 % of the PVC.
  const retentionGB = Math.floor((memoryBytes(size) * 0.9) / 1e9);
  return {
    crds: { enabled: true },
    prometheus: {
      prometheusSpec: {
        replicas,
        retention: `${days}d`,
        retentionSize: `${retentionGB}GB`,
        externalLabels: { cluster: ctx.env.spec.clusterName, environment: ctx.env.spec.name },
        // Select every ServiceMonitor / PodMonitor / PrometheusRule / Probe in every namespace,
        // not only those carrying this Helm release's label.
        serviceMonitorSelectorNilUsesHelmValues: false,
        podMonitorSelectorNilUsesHelmValues: false,
        ruleSelectorNilUsesHelmValues: false,
        probeSelectorNilUsesHelmValues: false,
        storageSpec: {
          volumeClaimTemplate: {
            spec: { storageClassName, accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } } },
          },
        },
      },
    },
    alertmanager: {
      alertmanagerSpec: {
        replicas,
        // Our AlertmanagerConfig (observability app) is the whole routing tree, time intervals included.
        alertmanagerConfiguration: { name: ALERTMANAGER_CONFIG_NAME },
      },
    },
    grafana: {
      defaultDashboardsTimezone: 'utc',
      sidecar: { dashboards: { enabled: true, label: 'grafana_dashboard', labelValue: '1', searchNamespace: 'ALL' } },
      ...(ctx.runs('loki')
        ? { additionalDataSources: [{ name: 'Loki', type: 'loki', access: 'proxy', url: 'http://loki-gateway.logging.svc.cluster.local' }] }
        : {}),
    },
  };
}
