/** Every Gatekeeper policy rendered into `dist/<env>/policies/`. */
import { allowedRegistry } from './allowed-registry.ts';
import { capabilities } from './capabilities.ts';
import { hostIsolation } from './host-isolation.ts';
import { imageTag } from './image-tag.ts';
import { namespacePodSecurity } from './namespace-pod-security.ts';
import type { PolicyDefinition } from './policy-definition.ts';
import { privilegeEscalation } from './privilege-escalation.ts';
import { probes } from './probes.ts';
import { readOnlyRootFilesystem } from './read-only-root-filesystem.ts';
import { resources } from './resources.ts';
import { runAsNonRoot } from './run-as-non-root.ts';
import { seccomp } from './seccomp.ts';
import { serviceType } from './service-type.ts';

export * from './policy-definition.ts';

/** All policies, in rendering order. */
export const POLICIES: readonly PolicyDefinition[] = [
  runAsNonRoot,
  privilegeEscalation,
  capabilities,
  seccomp,
  readOnlyRootFilesystem,
  resources,
  hostIsolation,
  allowedRegistry,
  imageTag,
  probes,
  namespacePodSecurity,
  serviceType,
];
