import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '../../../test/db';
import type { ExportFormat, ExportLang } from '../../core/export/columns';
import { createWorkplaceSchema } from '../../core/workplaces/schemas';
import { rowsOf } from '../../db/queries/records';
import { workplaces } from '../../db/schema';
import type { ServiceContext } from '../context';
import { exportRecords } from '../export/export-records';
import { createWorkplace } from '../workplaces/create-workplace';
import { contextAs } from './import.test-helper';
import { importFile } from './import-file';

// Issue 14: a workplace's reading (よみ) goes out with the export and comes back with the
// import; 職場名順 (the export's default order) sorts by it.

const NOW = new Date('2026-06-10T03:00:00Z');
let database: TestDatabase;
let admin: ServiceContext;

async function exported(format: ExportFormat, lang: ExportLang = 'ja'): Promise<Buffer> {
  const download = await exportRecords(admin, 'workplaces', format, { lang, sort: 'name' });
  const chunks: Buffer[] = [];
  for await (const chunk of download.body) chunks.push(Buffer.from(chunk as Buffer));
  await download.finished;
  return Buffer.concat(chunks);
}

const csvRows = (bytes: Buffer) => parse(bytes, { bom: true }) as string[][];
const csv = (rows: string[][]) => Buffer.from(`\ufeff${stringify(rows, { record_delimiter: 'windows' })}`);
const run = (data: Uint8Array, fileName: string, dryRun = true) =>
  importFile(admin, { kind: 'workplaces', data, fileName, dryRun });

async function readings(): Promise<Record<string, string | null>> {
  const rows = await database.db
    .select({ name: workplaces.name, nameKana: workplaces.nameKana })
    .from(workplaces)
    .orderBy(asc(workplaces.name));
  return Object.fromEntries(rows.map((r) => [r.name, r.nameKana]));
}

async function versionSum(): Promise<number> {
  const [r] = rowsOf<{ n: number }>(
    await database.db.execute(sql`select coalesce(sum(version), 0)::int as n from workplaces`),
  );
  return Number(r!.n);
}

beforeAll(async () => {
  database = await createTestDb();
  admin = (await contextAs(database.db, 'admin', NOW, '管理 太郎')).ctx;
  for (const [name, nameKana] of [
    ['品質保証課', 'ひんしつほしょうか'],
    ['人事総務部', 'じんじそうむぶ'],
    ['営業部', 'えいぎょうぶ'],
    ['倉庫', null],
  ] as const) {
    await createWorkplace(admin, createWorkplaceSchema.parse({ name, nameKana }));
  }
});
afterAll(async () => {
  await database?.close();
});

describe('workplace reading (よみ): export → import', () => {
  it('exports the reading beside the name, in 職場名順 (reading, those without one last)', async () => {
    const [head, ...rows] = csvRows(await exported('csv'));
    expect(head!.slice(0, 2)).toEqual(['職場名', 'よみ']);
    expect(rows.map((r) => r.slice(0, 2))).toEqual([
      ['営業部', 'エイギョウブ'],
      ['人事総務部', 'ジンジソウムブ'],
      ['品質保証課', 'ヒンシツホショウカ'],
      ['倉庫', ''],
    ]);
    const [enHead] = csvRows(await exported('csv', 'en'));
    expect(enHead!.slice(0, 2)).toEqual(['Workplace', 'Reading']);
  });

  it('re-imports an unchanged export (CSV, XLSX, English headers) as unchanged', async () => {
    const before = await versionSum();
    for (const [format, lang] of [
      ['csv', 'ja'],
      ['xlsx', 'ja'],
      ['csv', 'en'],
    ] as const) {
      const bytes = await exported(format, lang);
      const applied = await run(bytes, `workplaces.${format}`, false);
      expect(applied.mapping, `${format} ${lang}`).toMatchObject(
        lang === 'ja' ? { 職場名: 'name', よみ: 'nameKana' } : { Workplace: 'name', Reading: 'nameKana' },
      );
      expect(applied, `${format} ${lang}`).toMatchObject({
        errors: [],
        created: 0,
        updated: 0,
        unchanged: 4,
      });
    }
    expect(await versionSum()).toBe(before);
  });

  it('updates an edited reading (typed in hiragana or half-width kana) and clears a blank one', async () => {
    const [head, ...rows] = csvRows(await exported('csv'));
    const kana = head!.indexOf('よみ');
    const edit = (name: string, value: string) => {
      rows.find((r) => r[0] === name)![kana] = value;
    };
    edit('倉庫', 'そうこ');
    edit('営業部', 'ｴｲｷﾞｮｳﾌﾞ');
    edit('品質保証課', '');
    const dry = await run(csv([head!, ...rows]), 'edited.csv');
    expect(dry).toMatchObject({ errors: [], created: 0, updated: 2, unchanged: 2 });
    const applied = await run(csv([head!, ...rows]), 'edited.csv', false);
    expect(applied).toMatchObject({ applied: true, updated: 2 });
    expect(await readings()).toEqual({
      人事総務部: 'ジンジソウムブ',
      倉庫: 'ソウコ',
      品質保証課: null,
      営業部: 'エイギョウブ',
    });
  });

  it('creates workplaces with readings from a roster headed ふりがな, leaving readings alone without the column', async () => {
    const created = await run(
      csv([
        ['職場名', 'ふりがな'],
        ['設備保全課', 'せつび ほぜんか'],
      ]),
      'roster.csv',
      false,
    );
    expect(created.mapping).toMatchObject({ ふりがな: 'nameKana' });
    expect(created).toMatchObject({ errors: [], created: 1 });
    // A file without a reading column changes no reading.
    const other = await run(
      csv([
        ['職場名', '従業員数'],
        ['設備保全課', '12'],
      ]),
      'headcount.csv',
      false,
    );
    expect(other).toMatchObject({ errors: [], updated: 1 });
    expect((await readings()).設備保全課).toBe('セツビ ホゼンカ');
  });

  it('refuses a reading over 100 characters with the row and column, writing nothing', async () => {
    const before = await versionSum();
    const res = await run(
      csv([
        ['職場名', 'よみ'],
        ['人事総務部', 'あ'.repeat(101)],
      ]),
      'long.csv',
      false,
    );
    expect(res.applied).toBe(false);
    expect(res.errors).toEqual([expect.objectContaining({ row: 2, column: 'よみ' })]);
    expect(await versionSum()).toBe(before);
  });
});
