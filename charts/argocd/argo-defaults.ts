/**
 * Settings every Argo CD object of this repo shares.
 */

/** Each environment's Argo CD manages its own cluster. */
export const IN_CLUSTER = 'https://kubernetes.default.svc';
/** Namespace Argo CD and Image Updater run in. */
export const ARGOCD_NAMESPACE = 'argocd';
/** Deleting an Application deletes what it deployed (app-of-apps cascading delete). */
export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';
/** Annotation ordering Applications within the app-of-apps. */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
/** Transient failures (CRDs not yet served, webhooks starting) are retried with backoff. */
export const RETRY = { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } } as const;
/**
 * Objects above this size are applied server-side: client-side apply stores the whole object in
 * the last-applied annotation, which the API server caps at 256 KiB.
 */
export const SERVER_SIDE_APPLY_BYTES = 128 * 1024;
