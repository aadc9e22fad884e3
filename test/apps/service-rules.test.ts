/**
 * The rules AWS and Kubernetes would enforce later, each with a failing and a passing case:
 * registry hosts, secret-looking variable names, closest-match suggestions, strict UTF-8 and the
 * lines of fields found after parsing.
 */
import { describe, expect, it } from 'vitest';
import { awsNamePrefix, closest, editDistance, looksLikeSecret, registryHostOf } from '../../apps/service-rules.ts';
import { ADDON_IDENTITIES } from '../../apps/schema/platform-identities.ts';
import { ENVIRONMENT_NAMES } from '../../apps/schema/common.ts';
import { decodeUtf8, lineOfPath, withLines } from '../../apps/yaml-file.ts';
import { formatIssue } from '../../apps/issues.ts';

describe('registryHostOf', () => {
  it('finds a registry host the way docker reference parsing does', () => {
    expect(registryHostOf('docker.io/library/nginx')).toBe('docker.io');
    expect(registryHostOf('999999999999.dkr.ecr.eu-west-1.amazonaws.com/app')).toBe('999999999999.dkr.ecr.eu-west-1.amazonaws.com');
    expect(registryHostOf('localhost/app')).toBe('localhost');
    expect(registryHostOf('registry:5000/app')).toBe('registry:5000');
  });

  it('accepts plain and namespaced repository names', () => {
    expect(registryHostOf('payments-service')).toBeUndefined();
    expect(registryHostOf('team-a/payments-service')).toBeUndefined();
  });
});

describe('IAM role names of add-ons', () => {
  it("fit IAM CreateRole's 64 characters in every environment (fintrack-<env>-addon-<name>)", () => {
    const names = ENVIRONMENT_NAMES.flatMap((env) => ADDON_IDENTITIES.map((a) => `${awsNamePrefix(env)}-addon-${a.name}`));
    expect(names.filter((n) => n.length > 64)).toEqual([]);
  });
});

describe('looksLikeSecret', () => {
  it.each([
    'DB_PASSWORD',
    'PASSWORD',
    'API_TOKEN',
    'GITHUB_TOKEN',
    'JWT_SECRET',
    'CLIENT_SECRETS',
    'SIGNING_KEY',
    'STRIPE_APIKEY',
    'AWS_CREDENTIALS',
  ])('refuses %s', (name) => expect(looksLikeSecret(name)).toBe(true));

  it.each(['LOG_LEVEL', 'MODEL_BUCKET_KEY', 'TLS_KEY_FILE', 'KMS_KEY_ID', 'CACHE_KEY', 'KEYCLOAK_URL', 'MONKEY_MODE', 'TOKENIZER_PATH'])(
    'accepts %s',
    (name) => expect(looksLikeSecret(name)).toBe(false),
  );
});

describe('closest', () => {
  it('names the nearest candidate', () => {
    expect(editDistance('reconcilation', 'reconciliation')).toBe(1);
    expect(closest('paymnets', ['identity', 'payments', 'risk'])).toBe('payments');
  });

  it('suggests nothing beyond the distance allowed', () => {
    expect(closest('ledger-service', ['api-gateway', 'auth-service'], 3)).toBeUndefined();
  });
});

describe('decodeUtf8', () => {
  const bytes = (...parts: (string | number[])[]): Uint8Array =>
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

  it('accepts multi-byte text', () => {
    expect(decodeUtf8('f.yaml', bytes('name: café ✓ 😀\n'))).toEqual({ ok: true, value: 'name: café ✓ 😀\n' });
  });

  it.each([
    ['a Latin-1 byte', [0xe9, 0x0a], 'e9 0a'],
    ['an overlong slash', [0xc0, 0xaf], 'c0 af'],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80], 'ed a0 80'],
    ['a truncated sequence', [0xe2, 0x82], 'e2 82'],
  ])('fails on %s with the line and byte', (_name, bad, hex) => {
    const result = decodeUtf8('f.yaml', bytes('a: 1\nb: ', bad as number[]));
    expect(result).toEqual({
      ok: false,
      issues: [{ file: 'f.yaml', path: '', line: 2, message: `invalid UTF-8 at byte 8 (${hex}): save the file as UTF-8` }],
    });
  });
});

describe('lines of fields found after parsing', () => {
  const text = 'name: a\nnetwork:\n  callers: [b, c]\nenv:\n  X: "1"\n';

  it('locates dotted paths, array items and the nearest existing parent', () => {
    expect(lineOfPath(text, 'network.callers[1]')).toBe(3);
    expect(lineOfPath(text, 'env.X')).toBe(5);
    // A missing key points at its parent's value (as for a missing required field).
    expect(lineOfPath(text, 'env.MISSING')).toBe(5);
    expect(lineOfPath('{\n  "roles": {\n    "a": "x"\n  }\n}\n', 'roles.a')).toBe(3);
  });

  it('gives no line for the whole file or an unparsable text', () => {
    expect(lineOfPath(text, '')).toBeUndefined();
    expect(lineOfPath('a: [1\n', 'a')).toBeUndefined();
  });

  it('formats the other side of a cross-file rule with its own line', () => {
    const issue = { file: 'x.yaml', path: 'name', line: 2, message: 'duplicate', related: { file: 'y.yaml', path: 'name', line: 3 } };
    expect(formatIssue(issue)).toBe('x.yaml:2: name: duplicate (see y.yaml:3 name)');
    expect(withLines([{ file: 'missing.yaml', path: 'a', message: 'm' }], '/nonexistent')).toEqual([
      { file: 'missing.yaml', path: 'a', message: 'm' },
    ]);
  });
});
