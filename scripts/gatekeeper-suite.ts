/**
 * `node scripts/run.mjs scripts/gatekeeper-suite.ts <library-dir>`: runs a Gatekeeper policy
 * library's own gator suites (`suite.yaml`: template, constraint, cases with expected violations)
 * through verify's admission evaluator, for every template with K8sNativeValidation code, and
 * prints how many cases agree with the expected outcome. A measurement tool, not part of verify.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadAll } from 'js-yaml';
import { celPolicyOf, evaluateConstraint, type AdmissionInput } from './verify/checks/admission.ts';
import { matchesConstraint } from './verify/constraint-match.ts';
import { arr, rec, type KubeObject } from './verify/model.ts';

function suites(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...suites(p));
    else if (e.name === 'suite.yaml') out.push(p);
  }
  return out;
}

const yamlOf = (path: string): unknown[] => loadAll(readFileSync(path, 'utf8'));

/** The request a gator case object stands for: an AdmissionReview's request, or a CREATE. */
function inputOf(doc: Record<string, unknown>): AdmissionInput {
  if (doc.kind !== 'AdmissionReview') return { operation: 'CREATE', object: doc as unknown as KubeObject };
  const r = rec(doc.request);
  const op = String(r.operation ?? 'CREATE') as AdmissionInput['operation'];
  const object = r.object ? (r.object as KubeObject) : null;
  const oldObject = r.oldObject ? (r.oldObject as KubeObject) : null;
  return { operation: op, object, oldObject };
}

// gator's assertion: `violations` yes/no/N, optionally only those whose message matches `message`.
function agrees(messages: readonly string[], assertion: Record<string, unknown>): boolean {
  const re = typeof assertion.message === 'string' ? new RegExp(assertion.message) : undefined;
  const n = re ? messages.filter((m) => re.test(m)).length : messages.length;
  const want = assertion.violations;
  if (want === 'yes' || want === true || want === undefined) return n > 0;
  if (want === 'no' || want === false) return n === 0;
  return n === Number(want);
}

function main(root: string): void {
  let cases = 0;
  let agreed = 0;
  let skipped = 0;
  const disagreements: string[] = [];
  for (const suitePath of suites(root)) {
    const dir = dirname(suitePath);
    const suite = rec(yamlOf(suitePath)[0]);
    for (const test of arr(suite.tests).map(rec)) {
      const template = rec(yamlOf(join(dir, String(test.template)))[0]);
      const code = arr(rec(arr(rec(template.spec).targets)[0]).code).map(rec);
      const cel = code.find((c) => c.engine === 'K8sNativeValidation');
      if (!cel) continue;
      const policy = celPolicyOf(rec(cel.source));
      const constraint = yamlOf(join(dir, String(test.constraint)))[0] as KubeObject;
      for (const c of arr(test.cases).map(rec)) {
        if (c.inventory !== undefined || typeof c.object !== 'string') {
          skipped++;
          continue;
        }
        const input = inputOf(rec(yamlOf(join(dir, c.object))[0]));
        const target = input.object ?? input.oldObject;
        const matched =
          target !== null &&
          target !== undefined &&
          matchesConstraint(target, rec(constraint.spec).match, (ns) => ({ 'kubernetes.io/metadata.name': ns }));
        let messages: string[];
        try {
          messages = typeof policy === 'string' ? [policy] : matched ? evaluateConstraint(policy, input, constraint) : [];
        } catch (e) {
          messages = [`crash: ${String(e)}`];
        }
        for (const a of arr(c.assertions).map(rec)) {
          cases++;
          if (agrees(messages, a)) agreed++;
          else
            disagreements.push(`${dir.slice(root.length + 1)} ${String(c.name)} want ${JSON.stringify(a)} got ${JSON.stringify(messages)}`);
        }
      }
    }
  }
  process.stdout.write(
    `${disagreements.join('\n')}\ncases ${cases}, agree ${agreed}, disagree ${cases - agreed}, skipped (inventory) ${skipped}\n`,
  );
}

main(process.argv[2] ?? '.');
