/** scripts/rds-iam-users.ts: SQL for the IAM-authenticated PostgreSQL users of contract.json. */
import { describe, expect, it } from 'vitest';
import { rdsIamUsersSql, tenantDatabasesSql } from '../../scripts/rds-iam-users.ts';
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

describe('rds:iam-users for tenants', () => {
  it('gives a silo tenant its own database that only its login may connect to', () => {
    const sql = tenantDatabasesSql([{ name: 'acme', mode: 'silo', dbUser: 'tenant_acme', database: 'tenant_acme' }]);
    expect(sql).toContain('GRANT rds_iam TO tenant_acme;');
    expect(sql).toContain(
      "SELECT 'CREATE DATABASE tenant_acme OWNER tenant_acme' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'tenant_acme')\\gexec",
    );
    expect(sql).toContain('REVOKE CONNECT ON DATABASE tenant_acme FROM PUBLIC;');
    expect(sql).toContain('GRANT CONNECT ON DATABASE tenant_acme TO tenant_acme;');
    expect(sql).not.toContain('GRANT CONNECT ON DATABASE fintrack');
  });

  it('puts a pool tenant in the shared database as a member of pool_tenants', () => {
    const sql = tenantDatabasesSql([{ name: 'beta', mode: 'pool', dbUser: 'tenant_beta', database: null }]);
    expect(sql).toContain('GRANT pool_tenants TO tenant_beta;');
    expect(sql).toContain('GRANT CONNECT ON DATABASE fintrack TO tenant_beta;');
    expect(sql).not.toContain('CREATE DATABASE');
  });

  it('fails on a tenant login that is not a plain identifier', () => {
    expect(() => tenantDatabasesSql([{ name: 'x', mode: 'pool', dbUser: 'x; DROP', database: null }])).toThrow(
      'tenant x: dbUser "x; DROP" is not a plain PostgreSQL identifier',
    );
  });

  it.each(['dev', 'staging', 'prod'])('covers every tenant of the committed %s contract', (env) => {
    const read = readContract(contractFile('terraform/environments', env));
    if ('error' in read) throw new Error(read.error);
    const tenants = read.contract.tenants ?? [];
    const sql = tenantDatabasesSql(tenants);
    for (const t of tenants) expect(sql).toContain(`GRANT rds_iam TO ${t.dbUser};`);
  });
});
