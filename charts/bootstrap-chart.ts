/**
 * `dist/<env>/bootstrap/`: the one folder a human applies per cluster
 * (`kubectl apply -k dist/<env>/bootstrap`): the `bootstrap` AppProject, the root Application
 * that syncs `dist/<env>/argocd/` (the app-of-apps), and the Role letting CI re-apply the folder.
 */
import type { Construct } from 'constructs';
import type { EnvironmentName } from '../apps/schema/common.ts';
import { AppChart } from './app-chart.ts';
import { ARGOCD_NAMESPACE } from './argocd/argo-defaults.ts';
import { BootstrapDeployerAccess } from './argocd/bootstrap-deployer.ts';
import { ChildApplication } from './argocd/child-application.ts';
import { Project } from './argocd/project.ts';
import { SYNC_WAVES } from './sync-waves.ts';

/** Props of {@link BootstrapChart}. */
export interface BootstrapChartProps {
  /** Environment. */
  readonly env: EnvironmentName;
  /** This repository and the branch Argo CD tracks. */
  readonly gitops: { readonly repoURL: string; readonly targetRevision: string };
}

/** Project `bootstrap` may only manage Argo CD's own objects in the argocd namespace. */
export class BootstrapChart extends AppChart {
  public constructor(scope: Construct, props: BootstrapChartProps) {
    super(scope, {
      env: props.env,
      appName: 'bootstrap',
      namespace: ARGOCD_NAMESPACE,
      syncWave: SYNC_WAVES.crdAddons,
      project: 'bootstrap',
    });
    new Project(this, 'project', {
      name: 'bootstrap',
      description: `FinTrack ${props.env}: the root app-of-apps and what it syncs (projects and applications)`,
      sourceRepos: [props.gitops.repoURL],
      namespaces: [ARGOCD_NAMESPACE],
      clusterResources: [],
      namespacedResources: [
        { group: 'argoproj.io', kind: 'AppProject' },
        { group: 'argoproj.io', kind: 'Application' },
      ],
    });
    new ChildApplication(this, 'root', {
      name: 'root',
      project: 'bootstrap',
      syncWave: 0,
      namespace: ARGOCD_NAMESPACE,
      source: {
        kind: 'dist',
        repoURL: props.gitops.repoURL,
        targetRevision: props.gitops.targetRevision,
        path: `dist/${props.env}/argocd`,
      },
      labels: { 'fintrack.io/environment': props.env },
    });
    new BootstrapDeployerAccess(this, 'deployer', { namespace: ARGOCD_NAMESPACE });
  }
}
