/**
 * Gatekeeper ExpansionTemplates: workloads are judged as the Pods they will create, so a bad
 * Deployment is rejected at admission instead of its ReplicaSet failing silently later.
 */
import { Construct } from 'constructs';
import { ExpansionTemplateV1Beta1 as ExpansionTemplate } from '../imports/expansion.gatekeeper.sh.ts';

/** Generators whose pod template is `spec.template`, by API group and version. */
const POD_TEMPLATE_GENERATORS = [
  { groups: ['apps'], versions: ['v1'], kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'] },
  { groups: ['batch'], versions: ['v1'], kinds: ['Job'] },
];

/** Renders the expansion of every pod-creating kind into a synthetic v1 Pod. */
export class WorkloadExpansion extends Construct {
  public constructor(scope: Construct, id: string) {
    super(scope, id);
    const annotations = { 'argocd.argoproj.io/sync-wave': '0' };
    new ExpansionTemplate(this, 'Workloads', {
      metadata: { name: 'expand-workloads', annotations },
      spec: {
        applyTo: POD_TEMPLATE_GENERATORS.map((g) => ({ groups: [...g.groups], versions: [...g.versions], kinds: [...g.kinds] })),
        templateSource: 'spec.template',
        generatedGvk: { group: '', version: 'v1', kind: 'Pod' },
      },
    });
    new ExpansionTemplate(this, 'CronJobs', {
      metadata: { name: 'expand-cronjobs', annotations },
      spec: {
        applyTo: [{ groups: ['batch'], versions: ['v1'], kinds: ['CronJob'] }],
        templateSource: 'spec.jobTemplate.spec.template',
        generatedGvk: { group: '', version: 'v1', kind: 'Pod' },
      },
    });
  }
}
