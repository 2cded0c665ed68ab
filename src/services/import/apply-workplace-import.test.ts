import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '../../../test/db';
import { rowsOf } from '../../db/queries/records';
import type { ServiceContext } from '../context';
import { applyWorkplaceImport } from './apply-workplace-import';
import { contextAs, tableSnapshot } from './import.test-helper';

const NOW = new Date('2026-06-10T03:00:00Z');
let database: TestDatabase;
let admin: ServiceContext;
let officerEmail = '';

async function workplace(name: string) {
  const [w] = rowsOf<{
    id: string;
    establishment: string | null;
    employee_count: number | null;
    atmosphere: string;
    owner_id: string | null;
    issues: string | null;
    version: number;
  }>(await database.db.execute(sql`select * from workplaces where name = ${name}`));
  return w;
}

beforeAll(async () => {
  database = await createTestDb();
  admin = (await contextAs(database.db, 'admin', NOW)).ctx;
  officerEmail = (await contextAs(database.db, 'officer', NOW)).user.email;
});
afterAll(async () => {
  await database?.close();
});

describe('applyWorkplaceImport', () => {
  it('creates, updates by name (only the file columns) and records atmosphere history', async () => {
    const first = await applyWorkplaceImport(
      admin,
      [
        {
          row: 2,
          name: '第一工場',
          establishment: '本社工場',
          employeeCount: 120,
          atmosphere: 'active',
          owner: officerEmail,
        },
        { row: 3, name: '物流センター', employeeCount: 40, issues: '人手不足' },
      ],
      { dryRun: false, fileName: 'workplaces.xlsx' },
    );
    expect(first).toMatchObject({ kind: 'workplaces', applied: true, created: 2, updated: 0, errors: [] });
    expect(await workplace('第一工場')).toMatchObject({
      establishment: '本社工場',
      employee_count: 120,
      atmosphere: 'active',
    });
    expect(await workplace('物流センター')).toMatchObject({ atmosphere: 'normal', issues: '人手不足' });

    const second = await applyWorkplaceImport(
      admin,
      [
        { row: 2, name: '第一工場', atmosphere: 'split_risk' },
        { row: 3, name: '物流センター', employeeCount: 40 },
      ],
      { dryRun: false },
    );
    expect(second).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const w = (await workplace('第一工場'))!;
    expect(w).toMatchObject({
      establishment: '本社工場',
      employee_count: 120,
      atmosphere: 'split_risk',
      version: 2,
    });
    const history = rowsOf<{ from: string | null; to: string; reason: string }>(
      await database.db.execute(
        sql`select "from", "to", reason from atmosphere_history where workplace_id = ${w.id} order by seq`,
      ),
    );
    expect(history).toEqual([
      { from: null, to: 'active', reason: 'インポート' },
      { from: 'active', to: 'split_risk', reason: 'インポート' },
    ]);
  });

  it('reports names repeated in the file, bad counts and unknown owners; writes nothing', async () => {
    const before = await tableSnapshot(database.db);
    const result = await applyWorkplaceImport(
      admin,
      [
        { row: 2, name: '新職場' },
        { row: 3, name: '新職場' },
        { row: 4, name: '別職場', employeeCount: -1 },
        { row: 5, name: '三職場', owner: '誰でもない' },
      ],
      { dryRun: false, columnNames: { name: '職場名' } },
    );
    expect(result.applied).toBe(false);
    expect(result.errors).toEqual([
      { row: 3, column: '職場名', message: 'appears more than once in the file (first at row 2)' },
      { row: 4, column: 'employeeCount', message: 'must be a whole number, 0 or more' },
      { row: 5, column: 'owner', message: 'no enabled staff user has this email address or name' },
    ]);
    expect(await tableSnapshot(database.db)).toEqual(before);
  });

  it('refuses executives and reps', async () => {
    const { ctx } = await contextAs(database.db, 'executive', NOW);
    await expect(applyWorkplaceImport(ctx, [{ row: 2, name: 'x' }], { dryRun: true })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});
