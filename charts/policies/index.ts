/** Every Gatekeeper policy rendered into `dist/<env>/policies/`. */
import { allowedRegistry } from './allowed-registry.ts';
import { appArmor } from './app-armor.ts';
import { capabilities } from './capabilities.ts';
import { fsGroup } from './fs-group.ts';
import { hostIsolation } from './host-isolation.ts';
import { hostProcess } from './host-process.ts';
import { imageTag } from './image-tag.ts';
import { namespacePodSecurity } from './namespace-pod-security.ts';
import type { PolicyDefinition } from './policy-definition.ts';
import { privilegeEscalation } from './privilege-escalation.ts';
import { probeHost } from './probe-host.ts';
import { procMount } from './proc-mount.ts';
import { probes } from './probes.ts';
import { readOnlyRootFilesystem } from './read-only-root-filesystem.ts';
import { requiredLabels } from './required-labels.ts';
import { resources } from './resources.ts';
import { runAsNonRoot } from './run-as-non-root.ts';
import { seLinux } from './se-linux.ts';
import { seccompLocalhost } from './seccomp-localhost.ts';
import { seccomp } from './seccomp.ts';
import { serviceType } from './service-type.ts';
import { sysctls } from './sysctls.ts';
import { volumeTypes } from './volume-types.ts';

export * from './policy-definition.ts';
export { SELINUX_TYPES_V1_31 } from './se-linux.ts';
export { SAFE_SYSCTLS_V1_32 } from './sysctls.ts';

/** All policies, in rendering order. */
export const POLICIES: readonly PolicyDefinition[] = [
  runAsNonRoot,
  privilegeEscalation,
  capabilities,
  seccomp,
  seccompLocalhost,
  readOnlyRootFilesystem,
  resources,
  hostIsolation,
  hostProcess,
  probeHost,
  sysctls,
  appArmor,
  seLinux,
  procMount,
  volumeTypes,
  fsGroup,
  requiredLabels,
  allowedRegistry,
  imageTag,
  probes,
  namespacePodSecurity,
  serviceType,
];
