/**
 * A flow's observability in one environment: its queue's and dead-letter queue's AWS names, its
 * worker and thresholds, for the FlowAlerts rule and the flow dashboard (charts/observability/).
 */
import type { FlowAlertsProps } from '../charts/observability/flow-alerts.ts';
import type { Catalog, CatalogEnvironment } from './catalog.ts';
import { namespaceOf } from './resolve.ts';

/** Alert and dashboard props of every flow of the catalog in `env`. */
export function resolveFlowObservability(
  catalog: Catalog,
  env: CatalogEnvironment,
): Omit<FlowAlertsProps, 'ruleNamespace' | 'environment'>[] {
  const byName = new Map(catalog.services.map((s) => [s.spec.name, s.spec]));
  return catalog.flows.flatMap(({ spec }) => {
    const worker = byName.get(spec.worker);
    // The catalog refuses a flow naming an unknown worker; nothing to render without one.
    if (!worker) return [];
    const queue = env.names.queueName(spec.queue.name);
    return [
      {
        flow: spec.name,
        worker: { name: worker.name, namespace: namespaceOf(worker) },
        queue,
        deadLetterQueue: env.names.deadLetterQueueName(queue),
        maxAgeSeconds: spec.queue.maxAgeSeconds,
        latencyP99Seconds: spec.completion.latencyP99Seconds,
      },
    ];
  });
}
