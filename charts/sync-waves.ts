/**
 * Argo CD sync waves of the app-of-apps, in order. Child Applications wait for each other's
 * health only with the Application health check restored in argocd-cm (see README).
 */
export const SYNC_WAVES = {
  /**
   * StorageClasses: before any add-on claims a volume. A PVC naming a class that does not exist yet
   * stays Pending, so Prometheus (wave crdAddons) would never turn healthy and the waves after it
   * would never sync.
   */
  storage: -4,
  /** Add-ons that install CRDs and admission webhooks other apps need. */
  crdAddons: -3,
  /** Add-ons that use those CRDs (log shipping, DNS, scanners). */
  addons: -2,
  /** Cluster configuration: namespaces, quotas, stores, issuers, node pools. */
  clusterConfig: -1,
  /** Gatekeeper templates and constraints. */
  policies: 0,
  /** Business services. */
  services: 1,
} as const;

/** One of {@link SYNC_WAVES}. */
export type SyncWave = (typeof SYNC_WAVES)[keyof typeof SYNC_WAVES];
