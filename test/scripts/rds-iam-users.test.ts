/** scripts/rds-iam-users.ts: SQL for the IAM-authenticated PostgreSQL users of contract.json. */
import { describe, expect, it } from 'vitest';
import { rdsIamUsersSql } from '../../scripts/rds-iam-users.ts';
import { contractFile, readContract } from '../../scripts/verify/aws-contract.ts';

describe('rds:iam-users', () => {
  it('creates each user idempotently, in rds_iam, allowed to connect', () => {
    const sql = rdsIamUsersSql([{ user: 'app_user', role: 'arn:aws:iam::123456789012:role/fintrack-prod-app' }]);
    expect(sql).toContain("IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'app_user') THEN CREATE ROLE app_user WITH LOGIN;");
    expect(sql).toContain('GRANT rds_iam TO app_user;');
    expect(sql).toContain('GRANT CONNECT ON DATABASE fintrack TO app_user;');
  });

  it('fails on a user name that is not a plain identifier', () => {
    expect(() => rdsIamUsersSql([{ user: 'x; DROP TABLE y', role: 'arn:aws:iam::123456789012:role/r' }])).toThrow(
      'rdsIamUser "x; DROP TABLE y" is not a plain PostgreSQL identifier',
    );
  });

  it.each(['dev', 'staging', 'prod'])('covers every rdsIamUser of the committed %s contract', (env) => {
    const read = readContract(contractFile('terraform/environments', env));
    if ('error' in read) throw new Error(read.error);
    const sql = rdsIamUsersSql(read.contract.rdsIamUsers);
    for (const { user } of read.contract.rdsIamUsers) expect(sql).toContain(`GRANT rds_iam TO ${user};`);
  });
});
