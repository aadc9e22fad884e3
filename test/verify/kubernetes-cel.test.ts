/**
 * The Kubernetes CEL quantity library registered in verify's CEL engine, against the results
 * k8s.io/apiserver/pkg/cel/library (quantity_test.go) gives in Go.
 */
import { describe, expect, it } from 'vitest';
import { evaluateCel, toCel } from '../../scripts/verify/cel/engine.ts';

const CASES: readonly [string, unknown][] = [
  ["quantity('1Gi') == quantity('1024Mi')", true],
  ["quantity('100m').isLessThan(quantity('0.2'))", true],
  ["quantity('2').isGreaterThan(quantity('1500m'))", true],
  ["quantity('1.5').compareTo(quantity('1500m'))", 0n],
  ["quantity('1Ki').compareTo(quantity('1k'))", 1n],
  ["isQuantity('1.5Gi')", true],
  ["isQuantity('1.5x')", false],
  ["isQuantity('')", false],
  ["quantity('2k').asInteger()", 2000n],
  ["quantity('1.5').isInteger()", false],
  ["quantity('1e3').isInteger()", true],
  ["quantity('-50m').sign()", -1n],
  ["quantity('0').sign()", 0n],
  ["quantity('500m').add(quantity('1')) == quantity('1500m')", true],
  ["quantity('1').sub(quantity('250m')).asApproximateFloat()", 0.75],
  // regex library (regex_test.go)
  ["'abc 123'.find('[0-9]+')", '123'],
  ["'abc'.find('[0-9]+')", ''],
  ["'karpenter.sh/nodepool'.find('^([^/]+)')", 'karpenter.sh'],
  ["'123 abc 456'.findAll('[0-9]+') == ['123', '456']", true],
  ["'123 abc 456'.findAll('[0-9]+', 1) == ['123']", true],
];

describe('Kubernetes CEL functions', () => {
  it.each(CASES)('%s', (expression, expected) => {
    // GIVEN an expression WHEN evaluated THEN the Go result
    expect(evaluateCel(expression, {})).toEqual({ ok: true, value: expected });
  });

  it('fails quantity() on an invalid quantity, as Go does', () => {
    expect(evaluateCel("quantity('1.5x')", {})).toEqual({
      ok: false,
      error: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    });
  });

  it('fails asInteger() on a fraction', () => {
    expect(evaluateCel("quantity('1.5').asInteger()", {})).toEqual({ ok: false, error: 'cannot convert value to integer' });
  });

  it('reads integral JSON numbers as int64', () => {
    // GIVEN an int field WHEN compared with an int literal and type-checked THEN it is an int
    expect(
      evaluateCel(
        'type(object.n) == int && object.n == 0 && type(object.f) == double',
        toCel({ object: { n: 0, f: 0.5 } }) as Record<string, unknown>,
      ),
    ).toEqual({ ok: true, value: true });
  });
});
