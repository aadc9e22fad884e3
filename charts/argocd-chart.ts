/**
 * `dist/<env>/argocd/`: what the root Application syncs — the AppProjects, one child Application
 * per app folder and per Helm add-on. Nothing else: the root sync's dry run knows only the kinds
 * the bootstrap's Helm install of Argo CD created (ImageUpdaters live in `argocd-config/`).
 */
import type { Construct } from 'constructs';
import type { EnvironmentName } from '../apps/schema/common.ts';
import { AppChart } from './app-chart.ts';
import { ARGOCD_NAMESPACE, SERVER_SIDE_APPLY_BYTES } from './argocd/argo-defaults.ts';
import { ChildApplication } from './argocd/child-application.ts';
import type { HelmAddon } from './argocd/helm-addon.ts';
import { namespaceLabels } from './argocd/pod-security.ts';
import { Project, type GroupKind } from './argocd/project.ts';
import { InvalidPropsError } from './invalid-props-error.ts';
import type { KubeObject, RenderedApp } from './rendered-app.ts';
import { SYNC_WAVES } from './sync-waves.ts';

/** Props of {@link ArgoCdChart}. */
export interface ArgoCdChartProps {
  /** Environment. */
  readonly env: EnvironmentName;
  /** This repository and the branch Argo CD tracks. */
  readonly gitops: { readonly repoURL: string; readonly targetRevision: string };
  /** App folders of the environment (each gets a child Application). */
  readonly apps: readonly RenderedApp[];
  /** Helm add-ons of the environment (each gets a child Application). */
  readonly addons: readonly HelmAddon[];
}

/** Projects exist before any Application of the root sync refers to them. */
const PROJECT_WAVE = -10;

/** Project of every Helm add-on. */
export const ADDONS_PROJECT = 'platform-addons';

/**
 * Cluster-scoped kinds the add-on charts install. Helm add-ons are not rendered here, so this list
 * is declared (and reviewed) rather than derived; everything we render ourselves is derived.
 */
export const ADDON_CLUSTER_KINDS: readonly GroupKind[] = [
  { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
  { group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration' },
  { group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration' },
  { group: 'apiregistration.k8s.io', kind: 'APIService' },
  { group: 'scheduling.k8s.io', kind: 'PriorityClass' },
  { group: 'networking.k8s.io', kind: 'IngressClass' },
  { group: 'elbv2.k8s.aws', kind: 'IngressClassParams' },
  { group: '', kind: 'Namespace' },
  // trivy-operator renders its compliance specs as cluster-scoped ClusterComplianceReports by default
  // (aquasecurity/trivy-operator deploy/helm/templates/specs/*.yaml).
  { group: 'aquasecurity.github.io', kind: 'ClusterComplianceReport' },
];

function groupKind(obj: KubeObject): GroupKind {
  const slash = obj.apiVersion.indexOf('/');
  return { group: slash < 0 ? '' : obj.apiVersion.slice(0, slash), kind: obj.kind };
}

function uniqueKinds(objs: readonly KubeObject[]): GroupKind[] {
  const seen = new Map<string, GroupKind>();
  for (const o of objs) seen.set(`${groupKind(o).group}/${o.kind}`, groupKind(o));
  return [...seen.values()];
}

/** The app-of-apps of one environment. */
export class ArgoCdChart extends AppChart {
  public constructor(scope: Construct, props: ArgoCdChartProps) {
    super(scope, { env: props.env, appName: 'argocd', namespace: ARGOCD_NAMESPACE, syncWave: SYNC_WAVES.crdAddons, project: 'bootstrap' });
    const { repoURL, targetRevision } = props.gitops;

    // Apps without a home namespace (cluster-scoped objects, or several namespaces) still need one.
    const destination = (app: RenderedApp): string => app.namespace ?? ARGOCD_NAMESPACE;
    const byProject = new Map<string, RenderedApp[]>();
    for (const app of props.apps) {
      if (!app.argo) throw new InvalidPropsError('apps', `app '${app.name}' in ${props.env} has no Argo CD placement`);
      byProject.set(app.argo.project, [...(byProject.get(app.argo.project) ?? []), app]);
    }
    for (const [name, apps] of [...byProject].sort(([a], [b]) => a.localeCompare(b))) {
      const objects = apps.flatMap((a) => a.objects);
      const namespaces = [...apps.map(destination), ...objects.flatMap((o) => (o.metadata.namespace ? [o.metadata.namespace] : []))];
      new Project(this, `project-${name}`, {
        name,
        description: `FinTrack ${props.env}: ${apps.map((a) => a.name).join(', ')}`,
        sourceRepos: [repoURL],
        namespaces,
        clusterResources: uniqueKinds(objects.filter((o) => !o.metadata.namespace)),
        namespacedResources: uniqueKinds(objects.filter((o) => o.metadata.namespace)),
        syncWave: PROJECT_WAVE,
      });
    }
    if (props.addons.length > 0) {
      new Project(this, `project-${ADDONS_PROJECT}`, {
        name: ADDONS_PROJECT,
        description: `FinTrack ${props.env}: Helm add-ons`,
        sourceRepos: props.addons.map((a) => a.repoURL),
        namespaces: props.addons.map((a) => a.namespace),
        clusterResources: ADDON_CLUSTER_KINDS,
        syncWave: PROJECT_WAVE,
      });
    }

    for (const app of props.apps) {
      const argo = app.argo as NonNullable<RenderedApp['argo']>;
      const largest = Math.max(...app.objects.map((o) => JSON.stringify(o).length));
      new ChildApplication(this, `app-${app.name}`, {
        name: app.name,
        project: argo.project,
        syncWave: argo.syncWave,
        namespace: destination(app),
        source: { kind: 'dist', repoURL, targetRevision, path: `dist/${props.env}/${app.name}` },
        labels: { 'fintrack.io/environment': props.env },
        serverSideApply: largest > SERVER_SIDE_APPLY_BYTES,
        skipDryRunOnMissingResource: argo.syncWave === SYNC_WAVES.policies,
      });
    }

    const addonsByNamespace = new Map<string, string[]>();
    for (const a of props.addons) addonsByNamespace.set(a.namespace, [...(addonsByNamespace.get(a.namespace) ?? []), a.name]);
    for (const addon of props.addons) {
      // kube-system exists in every cluster and is not ours to label.
      const owns = addon.namespace !== 'kube-system';
      new ChildApplication(this, `app-${addon.name}`, {
        name: addon.name,
        project: ADDONS_PROJECT,
        syncWave: addon.syncWave,
        namespace: addon.namespace,
        source: { kind: 'helm', repoURL: addon.repoURL, chart: addon.chart, version: addon.version, values: addon.values },
        labels: { 'fintrack.io/environment': props.env },
        serverSideApply: addon.serverSideApply,
        ...(owns ? { managedNamespaceLabels: namespaceLabels(addonsByNamespace.get(addon.namespace) ?? []) } : {}),
      });
    }
  }
}
