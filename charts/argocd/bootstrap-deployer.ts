/**
 * What the CI deploy role may do in the cluster: apply `dist/<env>/bootstrap` and nothing else.
 * EKS access policies cover no custom resources (aws/containers-roadmap#2349), so Terraform maps
 * the role to a Kubernetes group (`aws_eks_access_entry.kubernetes_groups`, modules/eks) and this
 * Role grants that group the Argo CD objects of the bootstrap folder in `argocd`, plus updating
 * this Role and RoleBinding themselves so a re-apply of the folder passes. The first apply is a
 * cluster admin's (break-glass), who also installs Argo CD.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';

/** Kubernetes group of the CI deploy role's access entry (terraform/modules/platform `deploy_kubernetes_group`). */
export const BOOTSTRAP_DEPLOYERS_GROUP = 'fintrack:bootstrap-deployers';

/** Name of the Role and RoleBinding. */
export const BOOTSTRAP_DEPLOYER = 'bootstrap-deployer';

/** Props of {@link BootstrapDeployerAccess}. */
export interface BootstrapDeployerAccessProps {
  /** Namespace the bootstrap objects live in. */
  readonly namespace: string;
  /**
   * Group the deploy role authenticates as.
   * @default 'fintrack:bootstrap-deployers'
   */
  readonly group?: string;
}

/** Role + RoleBinding letting the deploy group apply the bootstrap folder. */
export class BootstrapDeployerAccess extends Construct {
  public constructor(scope: Construct, id: string, props: BootstrapDeployerAccessProps) {
    super(scope, id);
    const metadata = { name: BOOTSTRAP_DEPLOYER, namespace: props.namespace };
    new k8s.KubeRole(this, 'Resource', {
      metadata,
      rules: [
        // kubectl apply reads, creates or patches each object of the folder.
        { apiGroups: ['argoproj.io'], resources: ['applications', 'appprojects'], verbs: ['get', 'list', 'create', 'patch', 'update'] },
        {
          apiGroups: ['rbac.authorization.k8s.io'],
          resources: ['roles', 'rolebindings'],
          resourceNames: [BOOTSTRAP_DEPLOYER],
          verbs: ['get', 'patch', 'update'],
        },
      ],
    });
    new k8s.KubeRoleBinding(this, 'Binding', {
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: BOOTSTRAP_DEPLOYER },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: props.group ?? BOOTSTRAP_DEPLOYERS_GROUP }],
    });
  }
}
