/**
 * The bench's table, its ratio to `cdk8s synth`, and issue 13's targets checked against the rows.
 */
import type { BenchRow } from './run-bench.ts';

/** One target of issue 13 and whether the rows meet it (undefined: the rows cannot tell). */
export interface TargetResult {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean | undefined;
}

const s = (ms: number): string => (ms / 1000).toFixed(2);

/** The rows as an aligned text table. */
export function table(rows: readonly BenchRow[]): string[] {
  const header = ['catalog', 'services', 'step', 'runs', 'wall s', 'cpu s', 'peak RSS MiB', 'files written', 'MiB written', 'ms/service'];
  const body = rows.map((r) => [
    r.catalog,
    String(r.services),
    r.step,
    String(r.runs),
    s(r.wallMs),
    s(r.cpuMs),
    r.peakRssMiB.toFixed(0),
    String(r.files),
    (r.bytes / 2 ** 20).toFixed(1),
    r.msPerService.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i < 3 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [line(header), ...body.map(line)];
}

/** How much slower `cdk8s synth` is than synth on today's catalog (both writing every file). */
export function cdk8sRatio(rows: readonly BenchRow[]): number | undefined {
  const cdk8s = rows.find((r) => r.step === 'cdk8s synth');
  const synth = rows.find((r) => r.catalog === 'today' && r.step === 'synth');
  return cdk8s && synth ? cdk8s.wallMs / synth.wallMs : undefined;
}

/** Issue 13's targets on this machine class, checked against what was measured. */
export function targets(rows: readonly BenchRow[]): TargetResult[] {
  const row = (catalog: string, step: string): BenchRow | undefined => rows.find((r) => r.catalog === catalog && r.step === step);
  const out: TargetResult[] = [];
  const upTo = (target: string, r: BenchRow | undefined, limitMs: number): void =>
    void out.push({ target, measured: r ? `${s(r.wallMs)} s` : 'not run', met: r ? r.wallMs <= limitMs : undefined });
  upTo("today's catalog: verify <= 1 s", row('today', 'verify'), 1000);
  upTo("today's catalog: synth <= 0.5 s", row('today', 'synth'), 500);
  const s1000 = row('generated-1000', 'synth');
  const v1000 = row('generated-1000', 'verify');
  out.push({
    target: '1,000 services x 3 envs: synth + verify <= 40 s',
    measured: s1000 && v1000 ? `${s(s1000.wallMs + v1000.wallMs)} s` : 'not run',
    met: s1000 && v1000 ? s1000.wallMs + v1000.wallMs <= 40_000 : undefined,
  });
  const peak = Math.max(0, ...rows.filter((r) => r.step !== 'cdk8s synth').map((r) => r.peakRssMiB));
  out.push({ target: 'peak RSS <= 1 GiB', measured: `${peak.toFixed(0)} MiB`, met: peak <= 1024 });
  const generated = rows.filter((r) => r.catalog.startsWith('generated-') && r.services >= 100);
  const sizes = [...new Set(generated.map((r) => r.services))].sort((a, b) => a - b);
  for (const step of ['synth', 'verify'] as const) {
    const first = generated.find((r) => r.step === step && r.services === sizes[0]);
    const last = generated.find((r) => r.step === step && r.services === sizes.at(-1));
    const ratio = first && last && first !== last ? last.msPerService / first.msPerService : undefined;
    out.push({
      target: `${step} ms/service within +-20 % from ${sizes[0] ?? 100} to ${sizes.at(-1) ?? 1000} services`,
      measured:
        ratio === undefined
          ? 'needs two sizes >= 100'
          : `${first?.msPerService.toFixed(1)} -> ${last?.msPerService.toFixed(1)} (x${ratio.toFixed(2)})`,
      met: ratio === undefined ? undefined : ratio >= 0.8 && ratio <= 1.2,
    });
  }
  // Fixed costs (bundle load, CRD schemas, add-ons) make ms/service fall as the catalog grows; the
  // cost of one more service is the slope between sizes, which stays flat when the cost is linear.
  if (sizes.length >= 3) {
    for (const step of ['synth', 'verify'] as const) {
      const at = (n: number | undefined): BenchRow | undefined => generated.find((r) => r.step === step && r.services === n);
      const [a, b, c] = [at(sizes[0]), at(sizes[1]), at(sizes.at(-1))];
      if (!a || !b || !c) continue;
      const first = (b.wallMs - a.wallMs) / (b.services - a.services);
      const last = (c.wallMs - b.wallMs) / (c.services - b.services);
      out.push({
        target: `${step} cost of one more service within +-20 % (${a.services}->${b.services} vs ${b.services}->${c.services})`,
        measured: `${first.toFixed(1)} -> ${last.toFixed(1)} ms (x${(last / first).toFixed(2)})`,
        met: last / first >= 0.8 && last / first <= 1.2,
      });
    }
  }
  return out;
}

/** Everything printed: table, ratio, targets. */
export function report(rows: readonly BenchRow[]): string[] {
  const ratio = cdk8sRatio(rows);
  return [
    ...table(rows),
    '',
    ratio === undefined ? 'cdk8s synth: not run' : `cdk8s synth / synth on today's catalog: x${ratio.toFixed(2)} (wall)`,
    '',
    ...targets(rows).map((t) => `${t.met === undefined ? 'n/a ' : t.met ? 'PASS' : 'FAIL'}  ${t.target}: ${t.measured}`),
  ];
}
