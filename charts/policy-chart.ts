/**
 * The Gatekeeper policies of one environment: `dist/<env>/policies/`.
 */
import type { Construct } from 'constructs';
import type { EnvironmentName } from '../apps/schema/common.ts';
import { AppChart } from './app-chart.ts';
import { InvalidPropsError } from './invalid-props-error.ts';
import { GatekeeperPolicy } from './gatekeeper-policy.ts';
import { POLICIES, SAFE_SYSCTLS_V1_32, SELINUX_TYPES_V1_31, type PolicyDefinition } from './policies/index.ts';
import { SYNC_WAVES } from './sync-waves.ts';
import { WorkloadExpansion } from './workload-expansion.ts';

/** Props of {@link PolicyChart}. */
export interface PolicyChartProps {
  /** Environment of the app folder. */
  readonly env: EnvironmentName;
  /** Registry host images must come from (the environment's ECR registry). */
  readonly ecrRegistry: string;
  /**
   * Namespaces every constraint excludes: the cluster add-ons', which run agents that need host
   * access or upstream images and are reviewed with their Helm charts instead.
   */
  readonly exemptNamespaces: readonly string[];
  /** Namespaces allowed to expose NodePort/LoadBalancer Services. @default ['edge'] */
  readonly ingressNamespaces?: readonly string[];
  /** Localhost seccomp profiles installed on the nodes that pods may name. @default [] */
  readonly localhostSeccompProfiles?: readonly string[];
}

/** Labels every Pod carries (the Microservice construct sets them on its pod template). */
export const REQUIRED_POD_LABELS: readonly string[] = ['app.kubernetes.io/name', 'fintrack.io/team'];

/** GIDs pods may use for fsGroup and supplementalGroups: no root or system groups. */
export const POD_GROUP_RANGES: readonly { min: number; max: number }[] = [{ min: 1000, max: 65535 }];

/** Expansion templates plus one template and constraint per policy. */
export class PolicyChart extends AppChart {
  public constructor(scope: Construct, props: PolicyChartProps) {
    super(scope, { env: props.env, appName: 'policies', syncWave: SYNC_WAVES.policies, project: 'platform' });
    if (!/^[a-z0-9.-]+(:[0-9]+)?$/.test(props.ecrRegistry))
      throw new InvalidPropsError('ecrRegistry', `'ecrRegistry' (${props.ecrRegistry}) must be a registry host for ${props.env}`);
    const parameters: Record<string, Record<string, unknown>> = {
      FintrackAllowedRegistry: { registry: props.ecrRegistry },
      FintrackCapabilities: { allowedCapabilities: ['NET_BIND_SERVICE'] },
      FintrackNamespacePodSecurity: { levels: ['restricted'] },
      FintrackServiceType: { ingressNamespaces: [...(props.ingressNamespaces ?? ['edge'])] },
      FintrackSeccompLocalhost: { allowedLocalhostProfiles: [...(props.localhostSeccompProfiles ?? [])] },
      FintrackSysctls: { allowedSysctls: [...SAFE_SYSCTLS_V1_32] },
      FintrackSELinux: { allowedTypes: [...SELINUX_TYPES_V1_31] },
      FintrackFsGroup: { ranges: POD_GROUP_RANGES.map((r) => ({ ...r })) },
      FintrackRequiredLabels: { labels: [...REQUIRED_POD_LABELS] },
    };
    new WorkloadExpansion(this, 'Expansion');
    for (const policy of POLICIES as readonly PolicyDefinition[]) {
      const params = parameters[policy.kind];
      new GatekeeperPolicy(this, policy.kind, {
        policy,
        ...(params ? { parameters: params } : {}),
        excludedNamespaces: props.exemptNamespaces,
      });
    }
  }
}
