/**
 * PrometheusRule expressions parsed with Prometheus's own Lezer grammar
 * (@prometheus-io/lezer-promql, the parser the Prometheus UI uses): a syntax error makes the
 * operator's admission webhook refuse the rule (prometheus-operator pkg/admission
 * validatePrometheusRule, which runs Prometheus rulefmt), or Prometheus fail to load it.
 */
import { parser } from '@prometheus-io/lezer-promql';
import { arr, rec } from '../model.ts';
import type { Emit, EnvIndex } from './env-index.ts';

/** Rules of this module. */
export const PROMQL_RULES = ['promql-syntax', 'prometheusrule-fields'] as const;

// Prometheus model/labels + rulefmt: a recording rule's name is a metric name, `for` a duration
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const PROM_DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;

/** The offset of the first syntax error in `expr`, or undefined when it parses. */
export function promqlError(expr: string): number | undefined {
  if (expr.trim() === '') return 0;
  let at: number | undefined;
  parser.parse(expr).iterate({
    enter: (node) => {
      if (at === undefined && node.type.isError) at = node.from;
      return at === undefined;
    },
  });
  return at;
}

/** Runs the PromQL rules on one environment. */
export function checkPromql(ix: EnvIndex, emit: Emit): void {
  for (const pr of ix.of('monitoring.coreos.com/PrometheusRule')) {
    arr(rec(pr.object.spec).groups).forEach((g, i) =>
      arr(rec(g).rules).forEach((raw, j) => {
        const r = rec(raw);
        const path = `spec.groups[${i}].rules[${j}]`;
        const name = String(r.alert ?? r.record ?? '');
        const expr = String(r.expr ?? '');
        const at = promqlError(expr);
        if (at !== undefined)
          emit(
            pr,
            'promql-syntax',
            'error',
            `${pr.file}: ${path}.expr (${name}): PromQL syntax error at offset ${at}: …${expr.slice(Math.max(0, at - 20), at + 20)}…`,
          );
        if ((r.alert === undefined) === (r.record === undefined))
          emit(pr, 'prometheusrule-fields', 'error', `${pr.file}: ${path}: exactly one of alert and record must be set`);
        if (typeof r.record === 'string' && !METRIC_NAME.test(r.record))
          emit(pr, 'prometheusrule-fields', 'error', `${pr.file}: ${path}.record: "${r.record}" is not a valid metric name`);
        if (r.for !== undefined && !PROM_DURATION.test(String(r.for)))
          emit(pr, 'prometheusrule-fields', 'error', `${pr.file}: ${path}.for: "${String(r.for)}" is not a Prometheus duration`);
      }),
    );
  }
}
