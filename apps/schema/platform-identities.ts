/**
 * The platform's own AWS identities and buckets, declared once: the add-ons that get an IAM role
 * (with the service account their chart values create) and the buckets the platform owns besides
 * the catalog's. A leaf module: the loader, the add-on values and the Terraform catalog all read it.
 */

/**
 * Add-ons that need an IAM role, with the service account their chart values create. One entry
 * per add-on: its role `fintrack-<env>-addon-<name>` follows (Terraform's policy for it lives in
 * modules/workload-identity `addon_statements`).
 */
export const ADDON_IDENTITIES = [
  { name: 'argocd-image-updater', namespace: 'argocd', serviceAccount: 'argocd-image-updater' },
  { name: 'aws-load-balancer-controller', namespace: 'kube-system', serviceAccount: 'aws-load-balancer-controller' },
  { name: 'cert-manager', namespace: 'cert-manager', serviceAccount: 'cert-manager' },
  { name: 'external-dns', namespace: 'external-dns', serviceAccount: 'external-dns' },
  { name: 'external-secrets', namespace: 'external-secrets', serviceAccount: 'external-secrets' },
  { name: 'karpenter', namespace: 'karpenter', serviceAccount: 'karpenter' },
  { name: 'keda', namespace: 'keda', serviceAccount: 'keda-operator' },
  { name: 'loki', namespace: 'logging', serviceAccount: 'loki' },
] as const;

/** Buckets the platform itself owns besides the catalog's (modules/platform `buckets`). */
export const PLATFORM_BUCKETS = ['loki'] as const;
