import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '../../test/db';
import { type Database, openDatabase } from './client';
import { migrate } from './migrate';
import { grantAppRole } from './roles';

// A hardened deployment needs PostgreSQL roles: PGlite has one user inside the process.
const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('a hardened PostgreSQL deployment (grant-app-role)', () => {
  const role = `kumiai_app_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  let owner: TestDatabase;
  let app: Database;

  beforeAll(async () => {
    owner = await createTestDb();
    await owner.db.execute(sql`CREATE ROLE ${sql.identifier(role)} LOGIN`);
    await grantAppRole(owner, role);
    const asApp = new URL(url!);
    asApp.pathname = `/${owner.name}`;
    asApp.username = role;
    asApp.password = '';
    app = await openDatabase({ kind: 'postgres', url: asApp.toString(), poolSize: 2 });
  });
  afterAll(async () => {
    await app?.close();
    await owner?.close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${role}`).finally(() => admin.end());
  });

  const code = async (statement: ReturnType<typeof sql>) => {
    try {
      await app.db.execute(statement);
      return 'ok';
    } catch (err) {
      return (
        (err as { code?: string; cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code
      );
    }
  };

  it('starts (the schema is up to date) and writes records, whose writes are audited', async () => {
    await migrate(app); // nothing to apply: must not need CREATE rights
    expect(await code(sql`insert into workplaces (name) values ('第一工場')`)).toBe('ok');
    const rows = await app.db.execute(
      sql`select count(*)::int as n from audit_log where table_name = 'workplaces'`,
    );
    expect((rows as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(1);
  });

  it('cannot edit, delete or truncate the audit log, nor edit history rows', async () => {
    expect(await code(sql`update audit_log set action = 'x'`)).toBe('42501');
    expect(await code(sql`delete from audit_log`)).toBe('42501');
    expect(await code(sql`truncate audit_log`)).toBe('42501');
    expect(await code(sql`alter table audit_log disable trigger audit_log_append_only`)).toBe('42501');
    expect(await code(sql`update engagement_history set reason = 'x'`)).toBe('42501');
  });
});
