/** Helm values of the NVIDIA device plugin (exposes `nvidia.com/gpu` on GPU nodes). */
import type { AddonContext } from '../../addon-context.ts';

/** Values of the `nvidia-device-plugin` chart: only on the gpu-spot pool, tolerating its taint. */
export function nvidiaDevicePluginValues(_ctx: AddonContext): Record<string, unknown> {
  return {
    // The chart's default affinity needs Node Feature Discovery labels, which this cluster does not
    // run: select the GPU pool directly instead (null removes the default).
    affinity: null,
    nodeSelector: { 'karpenter.sh/nodepool': 'gpu-spot' },
    tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
    priorityClassName: 'system-node-critical',
    gfd: { enabled: false },
    nfd: { enabled: false },
  };
}
