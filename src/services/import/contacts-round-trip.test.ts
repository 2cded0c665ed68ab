import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '../../../test/db';
import type { ExportFormat } from '../../core/export/columns';
import { createMemberSchema } from '../../core/members/schemas';
import { rowsOf } from '../../db/queries/records';
import type { ServiceContext } from '../context';
import { exportRecords } from '../export/export-records';
import { createMember } from '../members/create-member';
import { contextAs } from './import.test-helper';
import { importFile } from './import-file';

// Issue 17: members' contact details go out in the export (電話番号, メールアドレス, 住所,
// 希望連絡手段) and come back through the import unchanged; bad entries are row errors.

const NOW = new Date('2026-06-10T03:00:00Z');
let database: TestDatabase;
let admin: ServiceContext;
let memberId = '';

async function exported(format: ExportFormat, lang: 'ja' | 'en' = 'ja'): Promise<Buffer> {
  const download = await exportRecords(admin, 'members', format, { lang, sort: 'nameKana' });
  const chunks: Buffer[] = [];
  for await (const chunk of download.body) chunks.push(Buffer.from(chunk as Buffer));
  await download.finished;
  return Buffer.concat(chunks);
}

const run = (data: Uint8Array, fileName: string, dryRun = true) =>
  importFile(admin, { kind: 'members', data, fileName, dryRun });

async function stored(id: string) {
  const [row] = rowsOf<Record<string, unknown>>(
    await database.db.execute(
      sql`select phones, emails, postal_address, preferred_channel from members where id = ${id}`,
    ),
  );
  return row!;
}

beforeAll(async () => {
  database = await createTestDb();
  admin = (await contextAs(database.db, 'admin', NOW, '管理 太郎')).ctx;
  memberId = (
    await createMember(
      admin,
      createMemberSchema.parse({
        name: '山田 太郎',
        phones: [{ label: '携帯', number: '090-1234-5678' }, { number: '+1 415 555 2671' }],
        emails: [{ label: '仕事', address: 'Taro@Example.JP' }],
        postalAddress: '東京都千代田区霞が関1-1\n第一ビル3階',
        preferredChannel: 'line',
      }),
    )
  ).id;
  await createMember(admin, createMemberSchema.parse({ name: '鈴木 花子' }));
});
afterAll(async () => {
  await database?.close();
});

describe('contact details: export → import', () => {
  it('writes the four columns, numbers formatted, entries separated by ;', async () => {
    const [head, ...rows] = parse(await exported('csv'), { bom: true }) as string[][];
    const col = (h: string) => head!.indexOf(h);
    const yamada = rows.find((r) => r[0] === memberId)!;
    expect(yamada[col('電話番号')]).toBe('携帯: 090-1234-5678; +1 415 555 2671');
    expect(yamada[col('メールアドレス')]).toBe('仕事: Taro@example.jp');
    expect(yamada[col('住所')]).toBe('東京都千代田区霞が関1-1\n第一ビル3階');
    expect(yamada[col('希望連絡手段')]).toBe('LINE');
    const [enHead] = parse(await exported('csv', 'en'), { bom: true }) as string[][];
    expect(enHead).toEqual(
      expect.arrayContaining(['Phone numbers', 'E-mail addresses', 'Postal address', 'Preferred channel']),
    );
  });

  it('imports an unchanged export (CSV, XLSX, Japanese and English headers) as unchanged', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      for (const lang of ['ja', 'en'] as const) {
        const dry = await run(await exported(format, lang), `members.${format}`);
        expect(dry, `${format} ${lang}`).toMatchObject({ errors: [], created: 0, updated: 0, unchanged: 2 });
      }
    }
  });

  it('updates from edited cells, normalizing as the form does, and clears with a blank cell', async () => {
    const csv = [
      'ID,氏名,電話番号,メールアドレス,住所,希望連絡手段',
      `${memberId},山田 太郎,"自宅：０３－１２３４－５６７８、+81 90 1234 5678",,大阪府大阪市北区1-1,対面`,
    ].join('\r\n');
    const dry = await run(Buffer.from(csv), 'edit.csv');
    expect(dry).toMatchObject({ errors: [], updated: 1 });
    expect(dry.changes[0]!.fields.map((f) => f.field)).toEqual([
      'phones',
      'emails',
      'postalAddress',
      'preferredChannel',
    ]);
    await run(Buffer.from(csv), 'edit.csv', false);
    expect(await stored(memberId)).toEqual({
      phones: [{ label: '自宅', number: '0312345678' }, { number: '09012345678' }],
      emails: [],
      postal_address: '大阪府大阪市北区1-1',
      preferred_channel: 'in_person',
    });
  });

  it('creates members with contact details, and reports a bad entry per row and column', async () => {
    const csv = [
      '氏名,電話番号,メールアドレス,希望連絡手段',
      '新人 一,080-1111-2222,new@example.jp,メール',
      '新人 二,090-1234-567,ok@example.jp,',
      '新人 三,,not-an-address,FAX',
    ].join('\r\n');
    const dry = await run(Buffer.from(csv), 'new.csv');
    expect(dry.errors).toEqual([
      {
        row: 3,
        column: '電話番号',
        message: expect.stringMatching(/^entry 1 \(090-1234-567\): must be a phone/),
      },
      { row: 4, column: 'メールアドレス', message: expect.stringMatching(/^entry 1 \(not-an-address\)/) },
      { row: 4, column: '希望連絡手段', message: expect.stringContaining('must be one of') },
    ]);
    const ok = await run(Buffer.from(csv.split('\r\n').slice(0, 2).join('\r\n')), 'new.csv', false);
    expect(ok).toMatchObject({ applied: true, created: 1 });
    const [row] = rowsOf<{ id: string }>(
      await database.db.execute(sql`select id from members where name = '新人 一'`),
    );
    expect(await stored(row!.id)).toEqual({
      phones: [{ number: '08011112222' }],
      emails: [{ address: 'new@example.jp' }],
      postal_address: null,
      preferred_channel: 'email',
    });
  });
});
