import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '../../../test/db';
import { createCustomFieldSchema } from '../../core/custom-fields/schemas';
import type { ExportFormat } from '../../core/export/columns';
import { createMemberSchema } from '../../core/members/schemas';
import type { ServiceContext } from '../context';
import { createCustomField } from '../custom-fields/create-custom-field';
import { exportRecords } from '../export/export-records';
import { createMember } from '../members/create-member';
import { getMember } from '../members/get-member';
import { createWorkplace } from '../workplaces/create-workplace';
import { getWorkplace } from '../workplaces/get-workplace';
import { contextAs } from './import.test-helper';
import { importFile } from './import-file';

// Custom fields (issue 17) in files: the export writes one column per active field headed by
// its label; the import matches a header equal to the label (either language) or the key and
// reads cells by type, so export → edit → import keeps and changes the values.

const NOW = new Date('2026-06-10T03:00:00Z');
let database: TestDatabase;
let admin: ServiceContext;
const ids: Record<string, string> = {};

async function exported(kind: 'members' | 'workplaces', format: ExportFormat, lang: 'ja' | 'en' = 'ja') {
  const download = await exportRecords(admin, kind, format, {
    lang,
    sort: kind === 'members' ? 'nameKana' : 'name',
  } as never);
  const chunks: Buffer[] = [];
  for await (const chunk of download.body) chunks.push(Buffer.from(chunk as Buffer));
  await download.finished;
  return Buffer.concat(chunks);
}

const csv = (rows: string[][]) => Buffer.from(`\ufeff${stringify(rows, { record_delimiter: 'windows' })}`);

beforeAll(async () => {
  database = await createTestDb();
  admin = (await contextAs(database.db, 'admin', NOW, '管理 太郎')).ctx;
  const field = (body: Record<string, unknown>) =>
    createCustomField(admin, createCustomFieldSchema.parse(body));
  await field({
    entity: 'member',
    key: 'shift',
    labelJa: '勤務形態',
    labelEn: 'Shift',
    type: 'choice',
    options: [
      { value: 'day', labelJa: '日勤', labelEn: 'Day' },
      { value: 'night', labelJa: '夜勤', labelEn: 'Night' },
    ],
  });
  await field({
    entity: 'member',
    key: 'skills',
    labelJa: '資格',
    labelEn: 'Skills',
    type: 'choices',
    options: [
      { value: 'forklift', labelJa: 'フォークリフト', labelEn: 'Forklift' },
      { value: 'crane', labelJa: 'クレーン', labelEn: 'Crane' },
      { value: 'first_aid', labelJa: '救急', labelEn: 'First aid' },
    ],
  });
  await field({ entity: 'member', key: 'years', labelJa: '経験年数', labelEn: 'Years', type: 'number' });
  await field({
    entity: 'member',
    key: 'checked_on',
    labelJa: '確認日',
    labelEn: 'Checked on',
    type: 'date',
  });
  await field({ entity: 'member', key: 'steward', labelJa: '協力者', labelEn: 'Steward', type: 'boolean' });
  await field({ entity: 'workplace', key: 'site', labelJa: '拠点', labelEn: 'Site', type: 'text' });
  const wp = await createWorkplace(admin, {
    name: '第一工場',
    atmosphere: 'normal',
    customFields: { site: '東京' },
  });
  ids.workplace = wp.id;
  ids.member = (
    await createMember(
      admin,
      createMemberSchema.parse({
        name: '山田 太郎',
        nameKana: 'ヤマダ タロウ',
        workplaceId: wp.id,
        customFields: {
          shift: 'night',
          skills: ['crane', 'forklift'],
          years: 12,
          checked_on: '2026-04-01',
          steward: true,
        },
      }),
    )
  ).id;
});
afterAll(async () => {
  await database?.close();
});

describe('custom fields in export and import', () => {
  it('exports one column per field headed by its label, choices by their labels', async () => {
    const [head, ...rows] = parse(await exported('members', 'csv'), { bom: true }) as string[][];
    for (const label of ['勤務形態', '資格', '経験年数', '確認日', '協力者']) expect(head).toContain(label);
    const row = rows[0]!;
    const cell = (label: string) => row[head!.indexOf(label)];
    expect(cell('勤務形態')).toBe('夜勤');
    expect(cell('資格')).toBe('フォークリフト、クレーン');
    expect(cell('経験年数')).toBe('12');
    expect(cell('確認日')).toBe('2026-04-01');
    expect(cell('協力者')).toBe('はい');
    const [enHead] = parse(await exported('members', 'csv', 'en'), { bom: true }) as string[][];
    expect(enHead).toContain('Shift');
  });

  it('imports the export unchanged, then an edited export with new values, matched by label', async () => {
    const bytes = await exported('members', 'csv');
    const same = await importFile(admin, { kind: 'members', data: bytes, fileName: 'm.csv', dryRun: false });
    expect(same.errors).toEqual([]);
    expect(same.mapping.勤務形態).toBe('cf.shift');
    expect(same).toMatchObject({ created: 0, updated: 0, unchanged: 1 });

    const [head, ...rows] = parse(bytes, { bom: true }) as string[][];
    const set = (label: string, value: string) => {
      rows[0]![head!.indexOf(label)] = value;
    };
    set('勤務形態', 'day');
    set('資格', '救急; Forklift');
    set('経験年数', '１３');
    set('確認日', '令和8年5月1日');
    set('協力者', '');
    const dry = await importFile(admin, {
      kind: 'members',
      data: csv([head!, ...rows]),
      fileName: 'm.csv',
      dryRun: true,
    });
    expect(dry.errors).toEqual([]);
    expect(dry.changes[0]!.fields.map((f) => f.field)).toContain('customFields');
    const res = await importFile(admin, {
      kind: 'members',
      data: csv([head!, ...rows]),
      fileName: 'm.csv',
      dryRun: false,
    });
    expect(res).toMatchObject({ updated: 1, errors: [] });
    const member = await getMember(admin, ids.member!);
    expect(member.customFields).toEqual({
      shift: 'day',
      skills: ['forklift', 'first_aid'],
      years: 13,
      checked_on: '2026-05-01',
    });
  });

  it('matches headers by English label or key, creates members with values, and reports bad cells by column', async () => {
    const file = csv([
      ['氏名', 'shift', 'Skills', 'Years'],
      ['佐藤 一郎', 'Night', 'crane', '3'],
      ['鈴木 二郎', '夕勤', '', ''],
      ['高橋 三郎', '', '運転', 'x'],
    ]);
    const dry = await importFile(admin, { kind: 'members', data: file, fileName: 'new.csv', dryRun: true });
    expect(dry.mapping).toMatchObject({ shift: 'cf.shift', Skills: 'cf.skills', Years: 'cf.years' });
    expect(dry.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'shift'],
      [4, 'Skills'],
      [4, 'Years'],
    ]);
    const res = await importFile(admin, {
      kind: 'members',
      data: file,
      fileName: 'new.csv',
      dryRun: false,
      skipInvalid: true,
    });
    expect(res).toMatchObject({ created: 1, skipped: 2 });
  });

  it('round-trips workplace values and refuses a new workplace without a required field', async () => {
    const bytes = await exported('workplaces', 'xlsx');
    const same = await importFile(admin, {
      kind: 'workplaces',
      data: bytes,
      fileName: 'w.xlsx',
      dryRun: true,
    });
    expect(same.errors).toEqual([]);
    expect(same.mapping.拠点).toBe('cf.site');
    expect(same).toMatchObject({ unchanged: 1 });
    await createCustomField(
      admin,
      createCustomFieldSchema.parse({
        entity: 'workplace',
        key: 'region',
        labelJa: '地域',
        labelEn: 'Region',
        type: 'text',
        required: true,
      }),
    );
    const file = csv([
      ['職場名', '拠点'],
      ['第一工場', '大阪'],
      ['第二工場', '名古屋'],
    ]);
    const res = await importFile(admin, {
      kind: 'workplaces',
      data: file,
      fileName: 'w.csv',
      dryRun: false,
      skipInvalid: true,
    });
    expect(res.errors).toEqual([{ row: 3, column: 'cf.region', message: 'is required for a new workplace' }]);
    expect(res).toMatchObject({ updated: 1, created: 0 });
    expect((await getWorkplace(admin, ids.workplace!)).customFields).toEqual({ site: '大阪' });
  });
});
