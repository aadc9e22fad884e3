/**
 * A flow's observability in one environment: its queue's and dead-letter queue's AWS names, its
 * worker and thresholds, for the FlowAlerts rule and the flow dashboard (charts/observability/).
 */
import type { FlowAlertsProps } from '../charts/observability/flow-alerts.ts';
import type { ResolvedEnvironment } from './resolved-environment.ts';

/** Alert and dashboard props of every flow of the catalog in the resolved environment. */
export function resolveFlowObservability(model: ResolvedEnvironment): Omit<FlowAlertsProps, 'ruleNamespace' | 'environment'>[] {
  const { env } = model;
  // The flows' queue metrics are CloudWatch's SQS metrics: a platform without AWS (k3s `local`)
  // renders no queue alerts for services either (apps/localize.ts localizeObservability).
  if (!env.platform.cloudIam) return [];
  return model.catalog.flows.flatMap(({ spec }) => {
    const worker = model.byName.get(spec.worker);
    // The catalog refuses a flow naming an unknown worker; nothing to render without one.
    if (!worker) return [];
    const queue = env.names.queueName(spec.queue.name);
    return [
      {
        flow: spec.name,
        worker: { name: worker.spec.name, namespace: worker.namespace },
        queue,
        deadLetterQueue: env.names.deadLetterQueueName(queue),
        maxAgeSeconds: spec.queue.maxAgeSeconds,
        latencyP99Seconds: spec.completion.latencyP99Seconds,
      },
    ];
  });
}
