import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '../../../test/db';
import type { ExportFormat } from '../../core/export/columns';
import { createMemberSchema } from '../../core/members/schemas';
import { rowsOf } from '../../db/queries/records';
import type { ServiceContext } from '../context';
import { exportRecords } from '../export/export-records';
import { createMember } from '../members/create-member';
import { createWorkplace } from '../workplaces/create-workplace';
import { contextAs } from './import.test-helper';
import { importFile } from './import-file';

// Issue 14: export → edit → import loses nothing. Members are matched by the export's
// ID column, so members without 社員番号 update instead of being created again.

const NOW = new Date('2026-06-10T03:00:00Z');
let database: TestDatabase;
let admin: ServiceContext;
let ownerEmail = '';
const ids: Record<string, string> = {};

async function memberCount(): Promise<number> {
  const [r] = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from members`));
  return Number(r!.n);
}

async function exported(format: ExportFormat): Promise<Buffer> {
  const download = await exportRecords(admin, 'members', format, { lang: 'ja', sort: 'nameKana' });
  const chunks: Buffer[] = [];
  for await (const chunk of download.body) chunks.push(Buffer.from(chunk as Buffer));
  await download.finished;
  return Buffer.concat(chunks);
}

const run = (data: Uint8Array, fileName: string, dryRun = true) =>
  importFile(admin, { kind: 'members', data, fileName, dryRun });

/** A CSV export with one cell changed (the row found by the member's id). */
function editCsv(bytes: Buffer, id: string, header: string, value: string): Buffer {
  const [head, ...rows] = parse(bytes, { bom: true }) as string[][];
  const column = head!.indexOf(header);
  const row = rows.find((r) => r[0] === id)!;
  row[column] = value;
  return Buffer.from(`\ufeff${stringify([head!, ...rows], { record_delimiter: 'windows' })}`);
}

beforeAll(async () => {
  database = await createTestDb();
  admin = (await contextAs(database.db, 'admin', NOW, '管理 太郎')).ctx;
  const officer = await contextAs(database.db, 'officer', NOW, '専従 花子');
  ownerEmail = officer.user.email;
  const wp = await createWorkplace(admin, { name: '第一工場', atmosphere: 'normal' });
  const add = async (key: string, body: Record<string, unknown>) => {
    ids[key] = (await createMember(admin, createMemberSchema.parse(body))).id;
  };
  await add('numbered', {
    name: '山田 太郎',
    nameKana: 'ヤマダ タロウ',
    employeeNumber: 'R001',
    workplaceId: wp.id,
    jobType: '技能職',
    joinedOn: '2015-04-08',
    engagement: 'active_core',
    nextActionDueOn: '2026-07-01',
    ownerId: officer.user.id,
    concerns: '=休憩が取れない',
  });
  await add('unnumbered', {
    name: '鈴木 花子',
    nameKana: 'スズキ ハナコ',
    workplaceId: wp.id,
    jobType: '事務職',
  });
  await add('bare', { name: '高橋 三郎' });
});
afterAll(async () => {
  await database?.close();
});

describe('export → import round trip', () => {
  it('re-imports an unchanged CSV or XLSX export as unchanged members, without 社員番号 too', async () => {
    const before = await memberCount();
    for (const format of ['csv', 'xlsx'] as const) {
      const bytes = await exported(format);
      const dry = await run(bytes, `members.${format}`);
      expect(dry.mapping).toMatchObject({ ID: 'id', 担当者: null, 担当者メール: 'owner' });
      expect(dry, format).toMatchObject({ errors: [], created: 0, updated: 0, unchanged: 3, changes: [] });
      const applied = await run(bytes, `members.${format}`, false);
      expect(applied, format).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 3 });
      expect(await memberCount()).toBe(before);
    }
  });

  it('updates exactly the member whose cell was edited, and lists before → after in the dry run', async () => {
    const before = await memberCount();
    const edited = editCsv(await exported('csv'), ids.unnumbered!, '職種', '技術職');
    const dry = await run(edited, 'members.csv');
    expect(dry).toMatchObject({ errors: [], created: 0, updated: 1, unchanged: 2, changesNotListed: 0 });
    expect(dry.changes).toEqual([
      {
        row: expect.any(Number),
        name: '鈴木 花子',
        fields: [{ field: 'jobType', column: '職種', before: '事務職', after: '技術職' }],
      },
    ]);
    const applied = await run(edited, 'members.csv', false);
    expect(applied).toMatchObject({ applied: true, created: 0, updated: 1 });
    const [row] = rowsOf<{ job_type: string }>(
      await database.db.execute(sql`select job_type from members where id = ${ids.unnumbered}`),
    );
    expect(row?.job_type).toBe('技術職');
    expect(await memberCount()).toBe(before);
  });

  it('reads an edited XLSX back: date cells as dates, text without a stray quote', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exported('xlsx')) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).map(String);
    const col = (h: string) => headers.indexOf(h);
    let yamada: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === ids.numbered) yamada = row;
    });
    expect(yamada!.getCell(col('組合加入日')).type).toBe(ExcelJS.ValueType.Date);
    expect(yamada!.getCell(col('主な職場の悩み・要求')).value).toBe('=休憩が取れない');
    expect(yamada!.getCell(col('担当者')).value).toBe('専従 花子');
    expect(yamada!.getCell(col('担当者メール')).value).toBe(ownerEmail);
    // Edited as Excel would: a new date typed into a date cell.
    yamada!.getCell(col('次のアクション期日')).value = new Date(Date.UTC(2026, 7, 15));
    const dry = await run(Buffer.from(await workbook.xlsx.writeBuffer()), 'members.xlsx');
    expect(dry).toMatchObject({ errors: [], created: 0, updated: 1, unchanged: 2 });
    expect(dry.changes[0]?.fields).toEqual([
      { field: 'nextActionDueOn', column: '次のアクション期日', before: '2026-07-01', after: '2026-08-15' },
    ]);
  });

  it('refuses an unknown ID and an employee number that belongs to another member', async () => {
    const csv = [
      'ID,氏名,社員番号',
      '00000000-0000-4000-8000-000000000000,誰か,',
      `${ids.unnumbered},鈴木 花子,R001`,
      'not-an-id,高橋 三郎,',
    ].join('\r\n');
    const dry = await run(Buffer.from(csv), 'ids.csv');
    expect(dry.errors).toEqual([
      { row: 2, column: 'ID', message: 'no member has this ID' },
      { row: 3, column: '社員番号', message: 'belongs to another member (山田 太郎)' },
      { row: 4, column: 'ID', message: 'must be a member ID' },
    ]);
    expect(dry.created).toBe(0);
  });

  it('reports every error of a row at once: a bad date and an unknown workplace', async () => {
    const csv = [
      '氏名,所属職場,組合加入日,担当者メール',
      '新人 一,第九工場,2015/13/1,nobody@example.org',
    ].join('\r\n');
    const dry = await run(Buffer.from(csv), 'new.csv');
    expect(dry.errors).toEqual([
      { row: 2, column: '組合加入日', message: expect.stringContaining('2015/13/1') },
      { row: 2, column: '担当者メール', message: 'no enabled staff user has this email address or name' },
      { row: 2, column: '所属職場', message: 'no workplace is named 第九工場' },
    ]);
    expect(dry).toMatchObject({ created: 0, skipped: 1 });
  });
});
