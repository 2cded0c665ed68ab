import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '../../../test/db';
import { actingAs } from '../../db/acting';
import { rowsOf } from '../../db/queries/records';
import type { ServiceContext } from '../context';
import { applyDemandLinkImport } from './apply-demand-link-import';
import { contextAs, tableSnapshot } from './import.test-helper';
import { importFile } from './import-file';

// Issue 15 §1: members linked to demands from a CSV/XLSX (社員番号 or ID, 要求 or 要求ID).

const NOW = new Date('2026-06-10T03:00:00Z');
let database: TestDatabase;
let admin: ServiceContext;
let rep: ServiceContext;
const ids: Record<string, string> = {};

async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
  return rowsOf<T>(await database.db.execute(query))[0]!;
}

async function insertId(query: ReturnType<typeof sql>) {
  return (await one<{ id: string }>(query)).id;
}

const csv = (text: string) => new TextEncoder().encode(text.replaceAll('\n', '\r\n'));

async function xlsx(rows: (string | number)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('紐付け');
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const run = (
  ctx: ServiceContext,
  data: Uint8Array,
  options: { dryRun?: boolean; skipInvalid?: boolean; fileName?: string } = {},
) =>
  importFile(ctx, {
    kind: 'demand-links',
    data,
    fileName: options.fileName ?? 'links.csv',
    dryRun: options.dryRun ?? false,
    skipInvalid: options.skipInvalid ?? false,
  });

async function links() {
  return rowsOf<{ demand_id: string; member_id: string; source: string; created_by: string | null }>(
    await database.db.execute(
      sql`select demand_id, member_id, source, created_by from demand_members order by demand_id, member_id`,
    ),
  );
}

async function linkEvents() {
  return rowsOf<{
    demand_id: string;
    member_id: string;
    action: string;
    source: string;
    actor_id: string | null;
  }>(
    await database.db.execute(
      sql`select demand_id, member_id, action, source, actor_id from demand_link_events order by id`,
    ),
  );
}

beforeAll(async () => {
  database = await createTestDb();
  admin = (await contextAs(database.db, 'admin', NOW)).ctx;
  ids.wpA = await insertId(sql`insert into workplaces (name) values ('第一工場') returning id`);
  ids.wpB = await insertId(sql`insert into workplaces (name) values ('本社') returning id`);
  const member = (name: string, number: string | null, wp: string) =>
    insertId(
      sql`insert into members (name, employee_number, workplace_id) values (${name}, ${number}, ${wp}) returning id`,
    );
  ids.yamada = await member('山田 太郎', 'E001', ids.wpA);
  ids.zeros = await member('佐藤 花子', '00123', ids.wpA);
  ids.suzuki = await member('鈴木 一郎', 'E003', ids.wpB);
  ids.spring = await insertId(
    sql`insert into bargaining_seasons (name, starts_on, ends_on) values ('2026春闘', '2026-02-01', '2026-06-30') returning id`,
  );
  ids.autumn = await insertId(
    sql`insert into bargaining_seasons (name, starts_on, ends_on) values ('2025秋闘', '2025-09-01', '2025-12-31') returning id`,
  );
  const demand = (title: string, season: string) =>
    insertId(sql`insert into demands (title, season_id) values (${title}, ${season}) returning id`);
  ids.raise = await demand('賃上げ', ids.spring);
  ids.oldRaise = await demand('賃上げ', ids.autumn);
  ids.telework = await demand('テレワーク', ids.spring);
  await demand('休日増', ids.spring);
  await demand('休日増', ids.spring);
  // A member merged into 山田: an old export's ID follows the merge.
  ids.merged = '3f0b8a0e-0000-4000-8000-000000000001';
  await database.db.execute(
    sql`insert into member_merges (merged_id, kept_id) values (${ids.merged}, ${ids.yamada})`,
  );
  const repUser = await contextAs(database.db, 'rep', NOW);
  rep = { ...repUser.ctx, actor: { ...repUser.ctx.actor, workplaceIds: [ids.wpA!] } };
  rep.db = actingAs(database.db, rep.actor.id, NOW);
});
afterAll(async () => {
  await database?.close();
});
beforeEach(async () => {
  await database.db.execute(sql`delete from demand_members`);
  await database.db.execute(sql`delete from demand_link_events`);
});

describe('demand-link import', () => {
  it('checks a CSV with Japanese headers (nothing written), then links with source import, audited, with link events', async () => {
    const file = csv(
      '社員番号,氏名,要求,交渉シーズン\nE001,山田 太郎,賃上げ,\n00123,佐藤 花子,賃上げ,2026春闘\nE001,山田 太郎,賃上げ,2025秋闘\nE001,,テレワーク,\n',
    );
    const before = await tableSnapshot(database.db);
    const check = await run(admin, file, { dryRun: true });
    expect(check).toMatchObject({
      kind: 'demand-links',
      dryRun: true,
      applied: false,
      total: 4,
      created: 4,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      errors: [],
      warnings: [],
    });
    expect(check.mapping).toEqual({
      社員番号: 'employeeNumber',
      氏名: null,
      要求: 'demandTitle',
      交渉シーズン: 'seasonName',
    });
    // By season (latest first), then title.
    expect(check.byDemand).toEqual([
      { demandId: ids.telework, title: 'テレワーク', seasonName: '2026春闘', linked: 1, alreadyLinked: 0 },
      { demandId: ids.raise, title: '賃上げ', seasonName: '2026春闘', linked: 2, alreadyLinked: 0 },
      { demandId: ids.oldRaise, title: '賃上げ', seasonName: '2025秋闘', linked: 1, alreadyLinked: 0 },
    ]);
    expect(await links()).toEqual([]);
    expect(await tableSnapshot(database.db)).toEqual(before);

    const done = await run(admin, file);
    expect(done).toMatchObject({ applied: true, created: 4, unchanged: 0 });
    const made = await links();
    expect(made).toHaveLength(4);
    expect(made.every((l) => l.source === 'import' && l.created_by === admin.actor.id)).toBe(true);
    expect(made.map((l) => `${l.demand_id}:${l.member_id}`).sort()).toEqual(
      [
        `${ids.raise}:${ids.yamada}`,
        `${ids.raise}:${ids.zeros}`,
        `${ids.oldRaise}:${ids.yamada}`,
        `${ids.telework}:${ids.yamada}`,
      ].sort(),
    );
    const events = await linkEvents();
    expect(events).toHaveLength(4);
    expect(
      events.every((e) => e.action === 'link' && e.source === 'import' && e.actor_id === admin.actor.id),
    ).toBe(true);
    const audit = await one<{ details: Record<string, unknown>; actor_id: string }>(
      sql`select details, actor_id from audit_log where action = 'import' and table_name = 'demand_members' order by id desc limit 1`,
    );
    expect(audit.actor_id).toBe(admin.actor.id);
    expect(audit.details).toMatchObject({
      kind: 'demand-links',
      fileName: 'links.csv',
      total: 4,
      created: 4,
      linked: 4,
      demands: 3,
    });

    // Again: every pair is already linked; nothing changes, no new events.
    const again = await run(admin, file);
    expect(again).toMatchObject({ applied: true, created: 0, unchanged: 4, errors: [] });
    expect(again.byDemand.map((d) => [d.linked, d.alreadyLinked])).toEqual([
      [0, 1],
      [0, 2],
      [0, 1],
    ]);
    expect(await links()).toHaveLength(4);
    expect(await linkEvents()).toHaveLength(4);
  });

  it('reads an XLSX with English headers, demand and member IDs (a merged member’s ID follows the merge)', async () => {
    const file = await xlsx([
      ['Member ID', 'Employee number', 'Demand ID', 'Demand', 'Season'],
      [ids.merged!, '', ids.telework!, '', ''],
      ['', 'E003', '', '賃上げ', '2025秋闘'],
    ]);
    const result = await run(admin, file, { fileName: 'links.xlsx' });
    expect(result).toMatchObject({ format: 'xlsx', applied: true, created: 2, errors: [] });
    expect(result.mapping).toEqual({
      'Member ID': 'memberId',
      'Employee number': 'employeeNumber',
      'Demand ID': 'demandId',
      Demand: 'demandTitle',
      Season: 'seasonName',
    });
    expect((await links()).map((l) => `${l.demand_id}:${l.member_id}`).sort()).toEqual(
      [`${ids.telework}:${ids.yamada}`, `${ids.oldRaise}:${ids.suzuki}`].sort(),
    );
  });

  it('reports every row error at once and writes nothing; skipInvalid links the valid rows', async () => {
    const file = csv(
      [
        'ID,社員番号,要求ID,要求,交渉シーズン',
        ',E001,,賃上げ,', // 2: valid
        ',E999,,賃上げ,', // 3: unknown employee number
        ',123,,賃上げ,', // 4: 00123 but for leading zeros
        '3f0b8a0e-0000-4000-8000-00000000ffff,,,賃上げ,', // 5: unknown member ID
        'not-an-id,,,賃上げ,', // 6: not an ID
        ',E001,3f0b8a0e-0000-4000-8000-00000000eeee,,', // 7: unknown demand ID
        ',E001,,存在しない要求,', // 8: no such title this season
        ',E001,,休日増,', // 9: two demands have this title
        ',E001,,賃上げ,2024春闘', // 10: unknown season
        ',,,賃上げ,', // 11: no member
        ',E001,,,2026春闘', // 12: no demand
        ',,,,2030春闘', // 13: no member, no demand, unknown season
        ',E001,,賃上げ,2026春闘', // 14: repeats row 2 (a warning, linked once)
      ].join('\n'),
    );
    const before = await tableSnapshot(database.db);
    const result = await run(admin, file);
    expect(result).toMatchObject({ applied: false, total: 13, skipped: 11, created: 1, unchanged: 1 });
    expect(result.errors).toEqual([
      { row: 3, column: '社員番号', message: 'no member has this employee number' },
      {
        row: 4,
        column: '社員番号',
        message: 'no member has this employee number (00123 differs only in leading zeros)',
      },
      { row: 5, column: 'ID', message: 'no member has this ID' },
      { row: 6, column: 'ID', message: 'must be a member ID' },
      { row: 7, column: '要求ID', message: 'no demand has this ID' },
      { row: 8, column: '要求', message: 'no demand of the season has this title' },
      { row: 9, column: '要求', message: 'matches 2 demands of the season; use the demand ID' },
      { row: 10, column: '交渉シーズン', message: 'no bargaining season has this name' },
      { row: 11, column: '社員番号', message: 'is required' },
      { row: 12, column: '要求', message: 'is required' },
      { row: 13, column: '社員番号', message: 'is required' },
      { row: 13, column: '要求', message: 'is required' },
      { row: 13, column: '交渉シーズン', message: 'no bargaining season has this name' },
    ]);
    expect(result.warnings).toEqual([
      expect.objectContaining({ row: 14, kind: 'link_in_file', otherRow: 2, column: null }),
    ]);
    expect(await links()).toEqual([]);
    expect(await tableSnapshot(database.db)).toEqual(before);

    const skipping = await run(admin, file, { skipInvalid: true });
    expect(skipping).toMatchObject({ applied: true, created: 1, unchanged: 1, skipped: 11 });
    expect(await links()).toEqual([expect.objectContaining({ demand_id: ids.raise, member_id: ids.yamada })]);
  });

  it('links for a rep only members of their workplaces; one elsewhere is reported as unknown', async () => {
    const file = csv('社員番号,要求\nE001,賃上げ\nE003,賃上げ\n');
    const refused = await run(rep, file);
    expect(refused).toMatchObject({ applied: false, created: 1 });
    // Exactly the message of a number no member has: nothing tells that 鈴木 exists.
    expect(refused.errors).toEqual([
      { row: 3, column: '社員番号', message: 'no member has this employee number' },
    ]);
    const byId = await run(rep, csv(`ID,要求\n${ids.suzuki},賃上げ\n`));
    expect(byId.errors).toEqual([{ row: 2, column: 'ID', message: 'no member has this ID' }]);
    expect(await links()).toEqual([]);

    const done = await run(rep, file, { skipInvalid: true });
    expect(done).toMatchObject({ applied: true, created: 1, skipped: 1 });
    expect(await links()).toEqual([
      expect.objectContaining({ demand_id: ids.raise, member_id: ids.yamada, created_by: rep.actor.id }),
    ]);
    // The pair made by someone else counts as already linked.
    const again = await run(rep, csv('社員番号,要求\nE001,賃上げ\n'));
    expect(again.byDemand).toEqual([
      expect.objectContaining({ demandId: ids.raise, linked: 0, alreadyLinked: 1 }),
    ]);
  });

  it('refuses a mapping that names no member or no demand (400), and a saved mapping name', async () => {
    await expect(run(admin, csv('氏名,要求\n山田,賃上げ\n'))).rejects.toMatchObject({
      code: 'validation_failed',
      fields: { mapping: 'no column is mapped to memberId or employeeNumber' },
    });
    await expect(run(admin, csv('社員番号,氏名\nE001,山田\n'))).rejects.toMatchObject({
      code: 'validation_failed',
      fields: { mapping: 'no column is mapped to demandId or demandTitle' },
    });
    await expect(
      importFile(admin, {
        kind: 'demand-links',
        data: csv('社員番号,要求\nE001,賃上げ\n'),
        fileName: 'x.csv',
        mappingName: '様式',
        dryRun: true,
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('checks rows given directly (a bad value is a row error, never a failed statement)', async () => {
    const result = await applyDemandLinkImport(
      admin,
      [
        { row: 2, memberId: 'nope', demandTitle: '賃上げ' },
        { row: 3, employeeNumber: 'E001' },
        { row: 4, employeeNumber: 'E001', demandTitle: 'x'.repeat(201) },
      ],
      { dryRun: true },
    );
    expect(result.errors).toEqual([
      { row: 2, column: 'memberId', message: 'must be a member ID' },
      { row: 3, column: 'demandTitle', message: 'is required' },
      { row: 4, column: 'demandTitle', message: 'must be at most 200 characters' },
    ]);
  });

  it('uses every demand while there is no current season (as the demand list does)', async () => {
    // Before any season started: a title without a season is looked up among all demands.
    const early: ServiceContext = { ...admin, now: new Date('2025-01-10T03:00:00Z') };
    const result = await run(early, csv('社員番号,要求\nE001,テレワーク\nE001,賃上げ\n'), { dryRun: true });
    expect(result.errors).toEqual([
      { row: 3, column: '要求', message: 'matches 2 demands of the season; use the demand ID' },
    ]);
    expect(result.byDemand).toEqual([expect.objectContaining({ demandId: ids.telework, linked: 1 })]);
  });
});
