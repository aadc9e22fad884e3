/** Helm values of OPA Gatekeeper with CEL (K8sNativeValidation) policies. */
import type { AddonContext } from '../../addon-context.ts';

/** Values of the `gatekeeper` chart. */
export function gatekeeperValues(ctx: AddonContext): Record<string, unknown> {
  return {
    replicas: ctx.settings.replicas ?? 3,
    enableK8sNativeValidation: true,
    // ExpansionTemplates: judge a Deployment by the Pod it would create.
    enableGeneratorResourceExpansion: true,
    auditInterval: 60,
    constraintViolationsLimit: 50,
    logDenies: true,
    emitAdmissionEvents: true,
    podMonitor: { enabled: false },
  };
}
