/**
 * Conformance of verify's CEL engine with Kubernetes: every function of the Kubernetes CEL
 * libraries against the examples in their documentation (kubernetes/website
 * content/en/docs/reference/using-api/cel.md and the doc comments of
 * k8s.io/apiserver/pkg/cel/library/*.go), plus CEL optionals and the strings extension.
 */
import { describe, expect, it } from 'vitest';
import { evaluateCel, toCel } from '../../scripts/verify/cel/engine.ts';

type Case = readonly [expression: string, expected: unknown];

const CONFORMANCE: Readonly<Record<string, readonly Case[]>> = {
  // quantity.go and cel.md "Kubernetes quantity library"
  quantity: [
    ["quantity('1Gi') == quantity('1024Mi')", true],
    ["quantity('100m').isLessThan(quantity('0.2'))", true],
    ["quantity('500000G').isInteger()", true],
    ["quantity('50k').asInteger()", 50000n],
    ["quantity('9999999999999999999999999999999999999G').asApproximateFloat() > 1e45", true],
    ["quantity('50k').sub(20000) == quantity('30k')", true],
    ["quantity('50k').add(20).sub(quantity('100k')).sub(-50000) == quantity('20')", true],
    ["quantity('200M').compareTo(quantity('0.2G'))", 0n],
    ["quantity('150Mi').isGreaterThan(quantity('100Mi'))", true],
    ["quantity('50M').isLessThan(quantity('100M'))", true],
    ["quantity('1Ki').compareTo(quantity('1k'))", 1n],
    ["isQuantity('1.5Gi')", true],
    ["isQuantity('1.5x')", false],
    ["quantity('1.5').isInteger()", false],
    ["quantity('-50m').sign()", -1n],
    ["quantity('1').sub(quantity('250m')).asApproximateFloat()", 0.75],
  ],
  // regex.go and cel.md "Kubernetes regex library"
  regex: [
    ["'abc 123'.find('[0-9]+')", '123'],
    ["'abc 123'.find('[0-9]*')", ''],
    ["'abc'.find('[0-9]+')", ''],
    ["'123 abc 456'.findAll('[0-9]+')", ['123', '456']],
    ["'123 abc 456'.findAll('[0-9]+', 1)", ['123']],
    ["'1, 2'.findAll('[0-9]*')", ['1', '', '2']],
  ],
  // lists.go and cel.md "Kubernetes list library"
  lists: [
    ['[1, 2, 3].isSorted()', true],
    ["['a', 'b', 'b', 'c'].isSorted()", true],
    ['[2.0, 1.0].isSorted()', false],
    ['[].isSorted()', true],
    ['[1, 3].sum()', 4n],
    ['[1.0, 3.0].sum()', 4],
    ['[].sum()', 0n],
    ['[0.25, 0.75].sum() == 1.0', true],
    ['[1, 3].min()', 1n],
    ['[1, 3].max()', 3n],
    ['[5, 7].max() < [8, 9].min()', true],
    ['[1, 2, 2, 3].indexOf(2)', 1n],
    ["['a', 'b', 'b', 'c'].lastIndexOf('b')", 2n],
    ['[1.0].indexOf(1.1)', -1n],
    ["[].indexOf('string')", -1n],
    ["['should-be-first', 'x'].indexOf('should-be-first') == 0", true],
  ],
  // cel-go ext/sets.go (enabled by k8s.io/apiserver/pkg/cel/environment/base.go)
  sets: [
    ['sets.contains([], [])', true],
    ['sets.contains([1, 2, 3, 4], [2, 3])', true],
    ['sets.contains([1, 2.0, 3u], [1.0, 2u, 3])', true],
    ['sets.contains([1], [2])', false],
    ['sets.equivalent([1, 2, 3], [3u, 2.0, 1])', true],
    ['sets.equivalent([1, 2], [2, 2, 2, 1])', true],
    ['sets.equivalent([1, 2], [1, 3])', false],
    ['sets.intersects([1], [1, 2])', true],
    ['sets.intersects([1], [2])', false],
    ['sets.intersects([], [])', false],
  ],
  // urls.go and cel.md "Kubernetes URL library"
  url: [
    ["isURL('https://user:pass@example.com:80/path?query=val#fragment')", true],
    ["isURL('/absolute-path')", true],
    ["isURL('https://a:b:c/')", false],
    ["isURL('../relative-path')", false],
    ["url('/path').getScheme()", ''],
    ["url('https://example.com/').getScheme()", 'https'],
    ["url('https://example.com:80/').getHost()", 'example.com:80'],
    ["url('https://example.com/').getHost()", 'example.com'],
    ["url('https://[::1]:80/').getHost()", '[::1]:80'],
    ["url('https://[::1]/').getHost()", '[::1]'],
    ["url('/path').getHost()", ''],
    ["url('https://example.com:80/').getHostname()", 'example.com'],
    ["url('https://127.0.0.1:80/').getHostname()", '127.0.0.1'],
    ["url('https://[::1]:80/').getHostname()", '::1'],
    ["url('https://example.com:80/').getPort()", '80'],
    ["url('https://example.com/').getPort()", ''],
    ["url('https://example.com/path').getEscapedPath()", '/path'],
    ["url('https://example.com/path with spaces/').getEscapedPath()", '/path%20with%20spaces/'],
    ["url('https://example.com').getEscapedPath()", ''],
    ["url('https://example.com/path?k1=a&k2=b&k2=c').getQuery() == {'k1': ['a'], 'k2': ['b', 'c']}", true],
    ["url('https://example.com/path?key with spaces=value with spaces').getQuery() == {'key with spaces': ['value with spaces']}", true],
    ["url('https://example.com/path?').getQuery() == {}", true],
  ],
  // ip.go
  ip: [
    ["isIP('127.0.0.1')", true],
    ["isIP('::1')", true],
    ["isIP('127.0.0.256')", false],
    ["isIP(':::1')", false],
    ["isIP('01.2.3.4')", false],
    ["isIP('::ffff:1.2.3.4')", false],
    ["isIP('fe80::1%eth0')", false],
    ["ip.isCanonical('127.0.0.1')", true],
    ["ip.isCanonical('2001:db8::abcd')", true],
    ["ip.isCanonical('2001:DB8::ABCD')", false],
    ["ip.isCanonical('2001:db8::0:0:0:abcd')", false],
    ["ip('127.0.0.1').family()", 4n],
    ["ip('::1').family()", 6n],
    ["ip('0.0.0.0').isUnspecified()", true],
    ["ip('::').isUnspecified()", true],
    ["ip('::1').isUnspecified()", false],
    ["ip('127.0.0.1').isLoopback()", true],
    ["ip('192.168.0.1').isLoopback()", false],
    ["ip('::1').isLoopback()", true],
    ["ip('224.0.0.1').isLinkLocalMulticast()", true],
    ["ip('224.0.1.1').isLinkLocalMulticast()", false],
    ["ip('ff02::1').isLinkLocalMulticast()", true],
    ["ip('fd00::1').isLinkLocalMulticast()", false],
    ["ip('169.254.169.254').isLinkLocalUnicast()", true],
    ["ip('fe80::1').isLinkLocalUnicast()", true],
    ["ip('fd80::1').isLinkLocalUnicast()", false],
    ["ip('192.168.0.1').isGlobalUnicast()", true],
    ["ip('255.255.255.255').isGlobalUnicast()", false],
    ["ip('2001:db8::abcd').isGlobalUnicast()", true],
    ["ip('ff00::1').isGlobalUnicast()", false],
    ["string(ip('2001:db8:0:0:0:0:0:1'))", '2001:db8::1'],
    ["ip('10.0.0.1') == ip('10.0.0.1')", true],
  ],
  // cidr.go
  cidr: [
    ["isCIDR('192.168.0.0/16')", true],
    ["isCIDR('::1/128')", true],
    ["isCIDR('192.168.0.0/33')", false],
    ["isCIDR('::1/129')", false],
    ["cidr('192.168.0.0/24').containsIP(ip('192.168.0.1'))", true],
    ["cidr('192.168.0.0/24').containsIP(ip('192.168.1.1'))", false],
    ["cidr('192.168.0.0/24').containsIP('192.168.0.1')", true],
    ["cidr('192.168.0.0/16').containsCIDR(cidr('192.168.10.0/24'))", true],
    ["cidr('192.168.1.0/24').containsCIDR(cidr('192.168.2.0/24'))", false],
    ["cidr('192.168.0.0/16').containsCIDR('192.168.10.0/24')", true],
    ["cidr('192.168.0.1/24').ip() == ip('192.168.0.1')", true],
    ["cidr('::1/128').ip().family()", 6n],
    ["cidr('192.168.0.1/24').masked() == cidr('192.168.0.0/24')", true],
    ["cidr('192.168.0.0/24') == cidr('192.168.0.0/24').masked()", true],
    ["cidr('192.168.0.1/24') == cidr('192.168.0.1/24').masked()", false],
    ["cidr('192.168.0.0/16').prefixLength()", 16n],
    ["cidr('::1/128').prefixLength()", 128n],
    ["string(cidr('10.0.0.0/8'))", '10.0.0.0/8'],
  ],
  // format.go
  format: [
    ["format.dns1123Label().validate('my-label-name').hasValue()", false],
    ["format.dns1123Label().validate('My_Label').hasValue()", true],
    ["format.dns1123Subdomain().validate('apiextensions.k8s.io').hasValue()", false],
    ["format.dns1035Label().validate('1abc').hasValue()", true],
    ["format.qualifiedName().validate('apiextensions.k8s.io/v1beta1').hasValue()", false],
    ["format.dns1123LabelPrefix().validate('my-label-prefix-').hasValue()", false],
    ["format.labelValue().validate('my-value').hasValue()", false],
    ["format.uri().validate('http://example.com').hasValue()", false],
    ["format.uuid().validate('123e4567-e89b-12d3-a456-426614174000').hasValue()", false],
    ["format.byte().validate('aGVsbG8=').hasValue()", false],
    ["format.date().validate('2021-01-01').hasValue()", false],
    ["format.datetime().validate('2021-01-01T00:00:00Z').hasValue()", false],
    ["format.named('dns1123Label').hasValue()", true],
    ["format.named('nope').hasValue()", false],
    ["format.named('labelValue').value().validate('-bad').hasValue()", true],
  ],
  // semverlib.go
  semver: [
    ["isSemver('1.0.0')", true],
    ["isSemver('0.1.0-alpha.1')", true],
    ["isSemver('hello')", false],
    ["isSemver('v1.0')", false],
    ["isSemver('v1.0', true)", true],
    ["isSemver('200K')", false],
    ["semver('v1.0.0', true) == semver('1.0.0')", true],
    ["semver('1.0', true) == semver('1.0.0')", true],
    ["semver('01.01.01', true) == semver('1.1.1')", true],
    ["semver('1.2.3').major()", 1n],
    ["semver('1.2.3').minor()", 2n],
    ["semver('1.2.3').patch()", 3n],
    ["semver('1.2.3').compareTo(semver('1.2.3'))", 0n],
    ["semver('1.2.3').compareTo(semver('2.0.0'))", -1n],
    ["semver('1.2.3').compareTo(semver('0.1.2'))", 1n],
    ["semver('1.0.0-alpha').isLessThan(semver('1.0.0'))", true],
    ["semver('1.0.0-alpha.10').isGreaterThan(semver('1.0.0-alpha.9'))", true],
  ],
  // cel-go ext/strings.go (Kubernetes enables the strings extension)
  strings: [
    ["'hello'.charAt(4)", 'o'],
    ["'hello'.charAt(5)", ''],
    ["'hello hello'.replace('he', 'we')", 'wello wello'],
    ["'hello hello'.replace('he', 'we', 1)", 'wello hello'],
    ["'hello'.reverse()", 'olleh'],
    ["strings.quote('first\\nsecond')", '"first\\nsecond"'],
    ["'%s is %d years, %.2f%%'.format(['ann', 42, 99.5])", 'ann is 42 years, 99.50%'],
    ["'%x %o %b'.format([255, 8, 5])", 'ff 10 101'],
    ["'%s'.format([[1, 'a']])", '[1, a]'],
    ["'a,b,c'.split(',')", ['a', 'b', 'c']],
    ["['a', 'b'].join('-')", 'a-b'],
    ["'TacoCat'.lowerAscii()", 'tacocat'],
    ["' x '.trim()", 'x'],
  ],
  // CEL optional types (cel-go cel.OptionalTypes, Kubernetes 1.29+)
  optionals: [
    ['object.?spec.?replicas.orValue(1)', 3n],
    ['object.?spec.?paused.orValue(false)', false],
    ['object.?status.?ready.hasValue()', false],
    ["object.metadata.labels[?'app'].orValue('none')", 'web'],
    ["object.metadata.labels[?'tier'].orValue('none')", 'none'],
    ['object.spec.containers[?0].hasValue()', true],
    ['object.spec.containers[?5].hasValue()', false],
    ['optional.of(1).value()', 1n],
    ['optional.none().hasValue()', false],
    ['optional.none().or(optional.of(2)).value()', 2n],
    ['object.?spec.containers.orValue([]).size()', 1n],
  ],
};

const OBJECT = toCel({
  object: { metadata: { labels: { app: 'web' } }, spec: { replicas: 3, containers: [{ name: 'app' }] } },
}) as Record<string, unknown>;

describe('Kubernetes CEL libraries (documentation examples)', () => {
  for (const [library, cases] of Object.entries(CONFORMANCE)) {
    it.each(cases)(`${library}: %s`, (expression, expected) => {
      // GIVEN a documented expression WHEN evaluated THEN the documented result
      expect(evaluateCel(expression, OBJECT)).toEqual({ ok: true, value: expected });
    });
  }
});

describe('Kubernetes CEL errors', () => {
  it.each([
    ["quantity('1.5x')", "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ["quantity('1.5').asInteger()", 'cannot convert value to integer'],
    ['[].min()', 'min called on empty list'],
    [
      "ip('127.0.0.256')",
      'IP Address "127.0.0.256" parse error during conversion from string: ParseAddr("127.0.0.256"): unable to parse IP',
    ],
    ["ip('::ffff:1.2.3.4')", 'IPv4-mapped IPv6 address "::ffff:1.2.3.4" is not allowed'],
    ["semver('Three')", 'Invalid semver: Three'],
    ["url('../relative-path')", 'URL parse error during conversion from string: parse "../relative-path": invalid URI for request'],
    ["'abc'.charAt(4)", 'index out of range: 4'],
  ])('fails %s', (expression, error) => {
    // GIVEN an expression Go rejects WHEN evaluated THEN an error
    expect(evaluateCel(expression, {})).toEqual({ ok: false, error });
  });

  it('fails to compile unknown syntax, naming the cause', () => {
    const r = evaluateCel('object.spec +', OBJECT);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error).toMatch(/^compilation failed: /);
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

describe('type checking', () => {
  it('fails a type error even in a branch that never runs, as Kubernetes compiles first', () => {
    // GIVEN an ill-typed expression whose bad branch is not taken WHEN evaluated THEN a compile error
    expect(evaluateCel("true || ('a' + 1 == 'a1')", {})).toEqual({
      ok: false,
      error: 'compilation failed: no such overload: string + int',
    });
  });

  it('accepts dyn operands, which Kubernetes checks only at run time', () => {
    expect(evaluateCel('object.n + 1 == 2', toCel({ object: { n: 1 } }) as Record<string, unknown>)).toEqual({ ok: true, value: true });
  });
});
