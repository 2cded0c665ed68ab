import { parse } from 'csv-parse/sync';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { unguardCell } from '../../core/import/formula';
import { suggestMapping } from '../../core/import/mapping';
import { parseMemberRows, parseWorkplaceRows } from '../../core/import/parse-rows';
import { actingAs } from '../../db/acting';
import { auditLog, members, tasks } from '../../db/schema';
import type { Actor } from '../../services/context';
import { exportRecords } from '../../services/export/export-records';
import { readTable } from '../../services/import/read-table';

// GET /api/export/{kind}.{csv|xlsx} (SPEC §6, issue: import and export): the list's
// rows with its filters and scope, CSV as Excel opens it, XLSX that reads back the
// same, the formula-injection guard, the audit trail, and streaming of large files.

// 2026-11-23 16:30 UTC is already 2026-11-24 in Tokyo (the organization's zone).
const NOW = new Date('2026-11-23T16:30:00Z');
const DAY = '2026-11-24';

let t: TestApp;
let adminCookie: string;
const staff = {} as Record<'officer' | 'executive' | 'rep', { id: string; cookie: string; email: string }>;
let wpA: { id: string; name: string };
let wpB: { id: string; name: string };

type Res = { status: number; headers: Headers; bytes: Uint8Array; text: string };

async function download(path: string, cookie = adminCookie): Promise<Res> {
  const res = await t.raw('GET', path, undefined, { cookie });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, text: new TextDecoder().decode(bytes) };
}

/** The records of a CSV export (BOM removed), header first. */
function csvRecords(res: Res): string[][] {
  return parse(res.text, { bom: true, relax_column_count: false }) as string[][];
}

/** The rows of an XLSX export as strings ('' for an empty cell), header first. */
async function xlsxRecords(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const width = sheet.getRow(1).cellCount;
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let i = 1; i <= width; i++) {
      const v = row.getCell(i).value;
      // A date cell (dates are real dates in XLSX) as the day it shows.
      if (v instanceof Date) cells.push(v.toISOString().slice(0, 10));
      else cells.push(v === null || v === undefined ? '' : String(v));
    }
    rows.push(cells);
  });
  return rows;
}

async function listAll(path: string, cookie = adminCookie) {
  const sep = path.includes('?') ? '&' : '?';
  const res = await t.as(cookie)('GET', `${path}${sep}limit=500`);
  expect(res.status, res.text).toBe(200);
  return res.body.items as Record<string, unknown>[];
}

async function exportEvents(actorId: string) {
  return t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'export'), eq(auditLog.actorId, actorId)))
    .orderBy(auditLog.id);
}

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  adminCookie = await t.signIn('admin@example.org');
  for (const role of ['officer', 'executive', 'rep'] as const) {
    const { user, cookie } = await t.addUser(role);
    staff[role] = { id: user.id, cookie, email: user.email };
  }
  wpA = (
    await t.api('POST', '/api/workplaces', {
      name: '第一工場',
      nameKana: 'だいいちこうじょう',
      employeeCount: 40,
    })
  ).body;
  wpB = (
    await t.api('POST', '/api/workplaces', { name: '本社', employeeCount: 3, atmosphere: 'indifferent' })
  ).body;
  const rep = await t.api('GET', `/api/users/${staff.rep.id}`);
  await t.api('PATCH', `/api/users/${staff.rep.id}`, { workplaceIds: [wpA.id], version: rep.body.version });
  const add = async (body: Record<string, unknown>) => {
    const res = await t.api('POST', '/api/members', body);
    expect(res.status, res.text).toBe(201);
    return res.body;
  };
  await add({
    name: '山田 太郎',
    nameKana: 'やまだ たろう',
    employeeNumber: 'E001',
    workplaceId: wpA.id,
    department: '製造1課',
    jobType: '技能職',
    grade: 'G3',
    joinedOn: '2015-04-08',
    engagement: 'active_core',
    unionRole: 'executive_committee',
    concerns: '夜勤明けの残業, 「休憩」が取れない\n有給も"取りにくい"',
    nextAction: '面談',
    nextActionDueOn: '2026-12-01',
    parentOrganization: '産別A',
    ownerId: staff.officer.id,
  });
  await add({
    name: '鈴木 花子',
    nameKana: 'スズキ ハナコ',
    employeeNumber: 'E002',
    workplaceId: wpB.id,
    engagement: 'at_risk',
  });
  await add({
    name: '佐藤 次郎',
    nameKana: 'サトウ ジロウ',
    employeeNumber: 'E003',
    workplaceId: wpA.id,
    engagement: 'rare',
    status: 'left',
    joinedOn: '2010-01-01',
    leftOn: '2026-03-31',
  });
  await add({
    name: '高橋 三郎',
    nameKana: 'タカハシ サブロウ',
    workplaceId: wpB.id,
    unionRole: 'organizing_target',
  });
  await add({ name: '伊藤 四郎', engagement: 'regular' });
  const demand = (await t.api('POST', '/api/demands', { title: '賃上げ 5%', priority: 'high' })).body;
  await t.api('POST', '/api/demands', {
    title: '=休憩室の改善',
    status: 'negotiating',
    nextNegotiationOn: '2026-12-10',
  });
  const firstMembers = await listAll('/api/members?sort=nameKana');
  for (const m of firstMembers.slice(0, 3)) await t.api('PUT', `/api/demands/${demand.id}/members/${m.id}`);
  await t.api('POST', `/api/workplaces/${wpA.id}/meetings`, {
    heldOn: '2026-11-01',
    title: '職場集会',
    attendeeCount: 5,
    invitedCount: 15,
  });
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('CSV', () => {
  it('is UTF-8 with a BOM, CRLF line ends, Japanese headers and labels, as an attachment named for the day', async () => {
    const res = await download('/api/export/members.csv?sort=employeeNumber&status=active');
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="members-${DAY}.csv"; filename*=UTF-8''${encodeURIComponent(`組合員-${DAY}.csv`)}`,
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect([...res.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // Every record ends with CRLF; the only bare LF is inside the quoted concerns.
    expect(res.text.endsWith('\r\n')).toBe(true);
    expect(res.text.replaceAll('\r\n', '').split('\n')).toHaveLength(2);

    const [header, ...rows] = csvRecords(res);
    expect(header).toEqual([
      'ID',
      '氏名',
      'フリガナ',
      '社員番号',
      '所属職場',
      '所属部署',
      '職種',
      '等級',
      '組合加入日',
      '関与度(感情温度)',
      '役職',
      '在籍',
      '脱退日',
      '主な職場の悩み・要求',
      '次のアクション内容',
      '次のアクション期日',
      '担当者',
      '担当者メール',
      '上部団体・産別の担当組織',
      '電話番号',
      'メールアドレス',
      '住所',
      '希望連絡手段',
    ]);
    const officer = await t.api('GET', `/api/users/${staff.officer.id}`);
    expect(rows[0]).toEqual([
      expect.stringMatching(/^[0-9a-f-]{36}$/),
      '山田 太郎',
      'ヤマダ タロウ',
      'E001',
      '第一工場',
      '製造1課',
      '技能職',
      'G3',
      '2015-04-08',
      '執行委員・積極参加',
      '執行委員',
      '在籍',
      '',
      '夜勤明けの残業, 「休憩」が取れない\n有給も"取りにくい"',
      '面談',
      '2026-12-01',
      officer.body.displayName,
      staff.officer.email,
      '産別A',
      '',
      '',
      '',
      '',
    ]);
    // Quoted exactly as RFC 4180 says: the field with a comma, quotes and a line break.
    expect(res.text).toContain('"夜勤明けの残業, 「休憩」が取れない\n有給も""取りにくい"""');
  });

  it('with lang=en has English headers and API values', async () => {
    const res = await download('/api/export/members.csv?lang=en&q=E003');
    const [header, row] = csvRecords(res);
    expect(header?.slice(0, 5)).toEqual(['ID', 'Name', 'Name (kana)', 'Employee number', 'Workplace']);
    expect(header?.slice(16, 18)).toEqual(['Owner', 'Owner email']);
    expect(row?.slice(9, 13)).toEqual(['rare', 'general_member', 'left', '2026-03-31']);
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''members-${DAY}.csv`);
  });

  it('holds the same rows, in the same order, as the list with the same query', async () => {
    const queries = [
      '',
      'status=active',
      `workplaceId=${wpA.id}`,
      'engagement=at_risk',
      'unionRole=organizing_target',
      `ownerId=${staff.officer.id}`,
      'q=やまだ',
      'sort=-joinedOn',
      'sort=engagement&status=active',
    ];
    for (const query of queries) {
      const listed = await listAll(`/api/members?${query}`);
      const rows = csvRecords(await download(`/api/export/members.csv?${query}`)).slice(1);
      expect(
        rows.map((r) => [r[0], r[1]]),
        query,
      ).toEqual(listed.map((m) => [m.id, m.name]));
    }
    for (const query of ['', 'atmosphere=indifferent', 'q=工場', 'sort=-organizationRate']) {
      const listed = await listAll(`/api/workplaces?${query}`);
      const rows = csvRecords(await download(`/api/export/workplaces.csv?${query}`)).slice(1);
      expect(
        rows.map((r) => r[0]),
        query,
      ).toEqual(listed.map((w) => w.name));
    }
    for (const query of ['', 'priority=high', 'status=negotiating', 'sort=title']) {
      const listed = await listAll(`/api/demands?${query}`);
      const rows = csvRecords(await download(`/api/export/demands.csv?${query}`)).slice(1);
      expect(
        rows.map((r) => unguardCell(r[0]!)),
        query,
      ).toEqual(listed.map((d) => d.title));
      expect(
        rows.map((r) => Number(r[5])),
        query,
      ).toEqual(listed.map((d) => d.relatedMemberCount));
    }
  });

  it('writes workplaces with their figures and demands with their labels', async () => {
    const [header, ...rows] = csvRecords(await download('/api/export/workplaces.csv'));
    expect(header).toContain('組織率');
    expect(header!.slice(0, 2)).toEqual(['職場名', 'よみ']);
    const a = rows.find((r) => r[0] === '第一工場')!;
    // 1 active counted member (the one who left is not counted) of 40 employees; 5 of 15 at the last meeting.
    expect(a.slice(1, 5)).toEqual(['ダイイチコウジョウ', '', '40', '普通']);
    expect(a.slice(9)).toEqual(['1', '0.025', '39', '2026-11-01', '0.3333']);
    const demandsCsv = csvRecords(await download('/api/export/demands.csv?sort=title'));
    expect(demandsCsv[0]).toEqual([
      '要求事項の名称',
      '内容',
      '要求の優先度',
      '交渉ステータス',
      '次の交渉期日',
      '関連組合員数',
      '交渉シーズン',
    ]);
    // The title starting with "=" is guarded.
    expect(demandsCsv.slice(1)).toEqual([
      ["'=休憩室の改善", '', '中', '交渉中', '2026-12-10', '0', ''],
      // Linked: three members, of whom one is counted (one has left, one is an organizing target).
      ['賃上げ 5%', '', '高', '要求提出前', '', '1', ''],
    ]);
  });

  it('reads back through the import (CSV and XLSX, both languages) as the members and workplaces it came from', async () => {
    const listed = await listAll('/api/members?q=E0');
    const owners = new Map([[staff.officer.id, staff.officer.email]]);
    const expected = listed.map((m) => ({
      id: m.id,
      employeeNumber: m.employeeNumber,
      name: m.name,
      nameKana: m.nameKana,
      workplaceName: m.workplaceName,
      department: m.department,
      jobType: m.jobType,
      grade: m.grade,
      joinedOn: m.joinedOn,
      engagement: m.engagement,
      unionRole: m.unionRole,
      status: m.status,
      leftOn: m.leftOn,
      concerns: m.concerns,
      nextAction: m.nextAction,
      nextActionDueOn: m.nextActionDueOn,
      parentOrganization: m.parentOrganization,
      owner: m.ownerId ? owners.get(m.ownerId as string) : null,
      phones: m.phones,
      emails: m.emails,
      postalAddress: m.postalAddress,
      preferredChannel: m.preferredChannel,
    }));
    for (const file of ['members.csv', 'members.xlsx']) {
      for (const lang of ['ja', 'en']) {
        const res = await download(`/api/export/${file}?q=E0&lang=${lang}`);
        const table = await readTable(res.bytes, file);
        const { rows, errors } = parseMemberRows(table, suggestMapping('members', table.headers));
        expect(errors, `${file} ${lang}`).toEqual([]);
        expect(
          rows.map(({ row: _row, ...fields }) => fields),
          `${file} ${lang}`,
        ).toEqual(expected);
      }
    }
    const workplacesListed = await listAll('/api/workplaces');
    for (const file of ['workplaces.csv', 'workplaces.xlsx']) {
      const res = await download(`/api/export/${file}`);
      const table = await readTable(res.bytes, file);
      const { rows, errors } = parseWorkplaceRows(table, suggestMapping('workplaces', table.headers));
      expect(errors).toEqual([]);
      expect(rows.map((r) => [r.name, r.employeeCount, r.atmosphere, r.owner])).toEqual(
        workplacesListed.map((w) => [w.name, w.employeeCount, w.atmosphere, null]),
      );
    }
  });

  it('documents each file with its list filters in the OpenAPI document', async () => {
    const doc = await t.api('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    const paths = Object.keys(doc.body.paths).filter((p) => p.startsWith('/export/'));
    expect(paths.sort()).toEqual(
      ['demands', 'members', 'tasks', 'workplaces'].flatMap((k) => [`/export/${k}.csv`, `/export/${k}.xlsx`]),
    );
    const params = (path: string) =>
      (doc.body.paths[path].get.parameters as { name: string }[]).map((p) => p.name).sort();
    expect(params('/export/members.csv')).toEqual(
      [
        'engagement',
        'lang',
        'nextActionDue',
        'ownerId',
        'q',
        'sort',
        'status',
        'unionRole',
        'workplaceId',
      ].sort(),
    );
    expect(params('/export/tasks.xlsx')).toContain('assignee');
    expect(params('/export/tasks.xlsx')).not.toContain('limit');
    expect(Object.keys(doc.body.paths['/export/members.xlsx'].get.responses[200].content)).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
  });

  it('answers 400 with field messages for a bad filter, 404 for an unknown file', async () => {
    const bad = await t.api('GET', '/api/export/members.csv?engagement=hot&workplaceId=nope&lang=fr');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['engagement', 'lang', 'workplaceId']);
    expect((await t.api('GET', '/api/export/users.csv')).status).toBe(404);
    expect((await t.api('GET', '/api/export/members.pdf')).status).toBe(404);
  });
});

describe('access and audit', () => {
  it('refuses executives and reps with 403 (audited as denied), whatever the file', async () => {
    for (const role of ['executive', 'rep'] as const) {
      for (const file of ['members.csv', 'workplaces.xlsx', 'demands.csv', 'tasks.xlsx']) {
        const res = await download(`/api/export/${file}?engagement=bad`, staff[role].cookie);
        expect(res.status, `${role} ${file}`).toBe(403);
        expect(JSON.parse(res.text).error.code).toBe('forbidden');
      }
      const denied = await t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'denied'), eq(auditLog.actorId, staff[role].id)));
      expect(denied.map((d) => (d.details as { path: string }).path)).toContain('/api/export/members.csv');
      expect(await exportEvents(staff[role].id)).toEqual([]);
    }
  });

  it("gives an officer exactly the tasks the officer's list shows (own and unassigned)", async () => {
    const insert = (title: string, values: Partial<typeof tasks.$inferInsert>) =>
      t.db.insert(tasks).values({ title, createdAt: NOW, updatedAt: NOW, ...values });
    await insert('役員のタスク', { assigneeId: staff.officer.id, dueOn: '2026-11-30' });
    await insert('未割当のタスク', { dueOn: '2026-11-25' });
    await insert('執行委員のタスク', { assigneeId: staff.executive.id });
    await insert('管理者のタスク', { assigneeId: t.admin.id, status: 'done', completedAt: NOW });
    for (const query of ['', 'assignee=me', 'assignee=none', 'status=open', 'q=タスク']) {
      for (const cookie of [staff.officer.cookie, adminCookie]) {
        const listed = await listAll(`/api/tasks?${query}`, cookie);
        const rows = csvRecords(await download(`/api/export/tasks.csv?${query}`, cookie)).slice(1);
        expect(
          rows.map((r) => r[0]),
          query,
        ).toEqual(listed.map((x) => x.title));
      }
    }
    const officerRows = csvRecords(
      await download('/api/export/tasks.csv?q=のタスク', staff.officer.cookie),
    ).slice(1);
    // Soonest due first, as the list.
    expect(officerRows.map((r) => r[0])).toEqual(['未割当のタスク', '役員のタスク']);
    const adminRows = csvRecords(await download('/api/export/tasks.csv?status=done')).slice(1);
    expect(adminRows).toEqual([['管理者のタスク', '', '', '完了', 'admin user', '', '', '', DAY, DAY]]);
    // A workflow rule's task: its subject and the rule by its SPEC §4 trigger.
    const [ruleTask] = csvRecords(await download('/api/export/tasks.csv?ruleId=at_risk_follow_up')).slice(1);
    expect(ruleTask?.slice(2)).toEqual([
      '2026-11-30',
      '未完了',
      '',
      '組合員',
      '鈴木 花子',
      '関与度:脱退リスクあり に更新されたとき',
      '',
      DAY,
    ]);
  });

  it('records every export with its kind, format, filter and row count', async () => {
    const before = (await exportEvents(staff.officer.id)).length;
    const res = await download(
      `/api/export/members.xlsx?workplaceId=${wpA.id}&q=山田&lang=en`,
      staff.officer.cookie,
    );
    expect(res.status).toBe(200);
    const events = await exportEvents(staff.officer.id);
    expect(events).toHaveLength(before + 1);
    const event = events.at(-1)!;
    expect(event.tableName).toBe('members');
    expect(event.at.toISOString()).toBe(NOW.toISOString());
    expect(event.details).toEqual({
      kind: 'members',
      format: 'xlsx',
      lang: 'en',
      filter: { workplaceId: wpA.id, q: '山田', sort: 'nameKana' },
      rowCount: 1,
    });
  });
});

describe('XLSX', () => {
  it('reads back with exceljs to exactly the CSV values, with a frozen bold header', async () => {
    for (const kind of ['members', 'workplaces', 'demands', 'tasks']) {
      for (const lang of ['ja', 'en']) {
        const csv = csvRecords(await download(`/api/export/${kind}.csv?lang=${lang}`));
        const res = await download(`/api/export/${kind}.xlsx?lang=${lang}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe(
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        );
        expect(res.headers.get('content-disposition')).toContain(`filename="${kind}-${DAY}.xlsx"`);
        // The same values; XLSX text cells need no formula guard (they are never evaluated).
        expect(await xlsxRecords(res.bytes), `${kind} ${lang}`).toEqual(csv.map((r) => r.map(unguardCell)));
      }
    }
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await download('/api/export/members.xlsx?sort=employeeNumber')).bytes as unknown as ArrayBuffer,
    );
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('組合員');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getColumn(14).width).toBe(40);
    // Dates are date cells showing the day (UTC midnight is that day's serial number).
    const yamada = sheet.getRow(2);
    expect(yamada.getCell(9).type).toBe(ExcelJS.ValueType.Date);
    expect(yamada.getCell(9).value).toEqual(new Date(Date.UTC(2015, 3, 8)));
    expect(yamada.getCell(9).numFmt).toBe('yyyy-mm-dd');
    // Counts and rates are numbers.
    await workbook.xlsx.load(
      (await download('/api/export/workplaces.xlsx?q=第一')).bytes as unknown as ArrayBuffer,
    );
    const row = workbook.worksheets[0]!.getRow(2);
    expect(row.getCell(4).value).toBe(40);
    expect(row.getCell(11).value).toBe(0.025);
    expect(row.getCell(11).numFmt).toBe('0.0%');
  });
});

describe('formula injection guard', () => {
  const dangerous = ['=HYPERLINK("http://evil.example","クリック")', '+1', '-2', '@SUM(A1)', '\t=1', '\r=1'];

  it('prefixes every CSV cell that a spreadsheet would run with a single quote; XLSX text cells as they are', async () => {
    // Straight into the table: the API trims text, so a leading tab or CR could not be entered there.
    await t.db.insert(members).values(
      dangerous.map((value, i) => ({
        name: `式${i}`,
        employeeNumber: `F${i}`,
        department: value,
        concerns: value,
        nextAction: `${value}`,
      })),
    );
    const csv = csvRecords(await download('/api/export/members.csv?q=F&sort=employeeNumber')).slice(1);
    expect(csv.map((r) => r[5])).toEqual(dangerous.map((v) => `'${v}`));
    expect(csv.map((r) => unguardCell(r[13]!))).toEqual(dangerous);
    const xlsx = (
      await xlsxRecords((await download('/api/export/members.xlsx?q=F&sort=employeeNumber')).bytes)
    ).slice(1);
    // No stray quote: a text cell is never run. XLSX cannot hold a carriage return: as
    // Excel, it writes a line feed.
    expect(xlsx.map((r) => r[5])).toEqual([...dangerous.slice(0, 5), '\n=1']);
    // Text cells, never formulas.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await download('/api/export/members.xlsx?q=F&sort=employeeNumber')).bytes as unknown as ArrayBuffer,
    );
    workbook.worksheets[0]!.eachRow((row) => {
      row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula));
    });
  });

  it('round-trips any text: export → parse → unguard gives the stored value back (property)', async () => {
    const leading = fc.constantFrom(
      '',
      '=',
      '+',
      '-',
      '@',
      '\t',
      '\r',
      "'",
      '"',
      ',',
      '\n',
      '\r\n',
      '＝',
      ' ',
    );
    const text = fc
      .tuple(
        leading,
        fc.string({ unit: 'grapheme', maxLength: 20 }),
        fc.constantFrom('', '"', ',', '\r\n', '\n', '組合', '，', "'"),
        fc.string({ unit: 'binary', maxLength: 10 }),
      )
      .map((parts) => parts.join('').replaceAll('\u0000', ''))
      .filter((s) => s.length > 0);
    const values = fc.sample(text, { numRuns: 300, seed: 20261124 });
    const rows = values.map((value, i) => ({
      name: `性質${i}`,
      employeeNumber: `P${String(i).padStart(4, '0')}`,
      concerns: value,
    }));
    await t.db.insert(members).values(rows);
    const csv = csvRecords(await download('/api/export/members.csv?q=P0&sort=employeeNumber')).slice(1);
    expect(csv.map((r) => r[3])).toEqual(rows.map((r) => r.employeeNumber));
    expect(csv.map((r) => unguardCell(r[13]!))).toEqual(values);
    const xlsx = (
      await xlsxRecords((await download('/api/export/members.xlsx?q=P0&sort=employeeNumber')).bytes)
    ).slice(1);
    // What XLSX can hold: line breaks as LF, no other control characters but tab (checked by code point).
    const storable = (v: string) =>
      [...v.replace(/\r\n?/g, '\n')]
        .filter((ch) => {
          const code = ch.codePointAt(0)!;
          return (
            (code >= 0x20 || code === 0x09 || code === 0x0a) &&
            code !== 0x7f &&
            code !== 0xfffe &&
            code !== 0xffff
          );
        })
        .join('');
    expect(xlsx.map((r) => unguardCell(r[13]!))).toEqual(values.map(storable));
  });
});

describe('large exports', () => {
  it('streams 5,000 members in batches, CSV and XLSX, with the row count audited', async () => {
    await t.db.execute(sql`insert into members (name, name_kana, employee_number, workplace_id, concerns)
      select '大量 ' || n, 'タイリョウ', 'L' || lpad(n::text, 5, '0'), ${wpB.id}::uuid, repeat('長い相談内容。', 20)
      from generate_series(1, 5000) n`);
    const csv = await download('/api/export/members.csv?q=タイリョウ&sort=employeeNumber');
    const rows = csvRecords(csv);
    expect(rows).toHaveLength(5001);
    expect(rows[1]?.[3]).toBe('L00001');
    expect(rows[5000]?.[3]).toBe('L05000');
    const xlsx = await download('/api/export/members.xlsx?q=タイリョウ&sort=employeeNumber');
    const sheetRows = await xlsxRecords(xlsx.bytes);
    expect(sheetRows).toHaveLength(5001);
    expect(sheetRows[5000]?.[3]).toBe('L05000');
    const events = await exportEvents(t.admin.id);
    expect(events.slice(-2).map((e) => (e.details as { rowCount: number }).rowCount)).toEqual([5000, 5000]);
  }, 60_000);

  it('stops reading when the download is cancelled, and audits what was sent as incomplete', async () => {
    const res = await t.raw('GET', '/api/export/members.csv?q=タイリョウ', undefined, {
      cookie: adminCookie,
    });
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    await expect
      .poll(async () => (await exportEvents(t.admin.id)).at(-1)?.details, { timeout: 5_000 })
      .toMatchObject({ kind: 'members', complete: false });
    const last = (await exportEvents(t.admin.id)).at(-1)!.details as { rowCount: number };
    expect(last.rowCount).toBeLessThan(5000);
  });

  it('refuses more rows than the limit with a 400 before writing anything', async () => {
    const actor: Actor = {
      id: t.admin.id,
      email: t.admin.email,
      displayName: t.admin.displayName,
      role: 'admin',
      workplaceIds: [],
    };
    const ctx = { db: actingAs(t.db, actor.id, NOW), actor, now: NOW };
    const before = (await exportEvents(t.admin.id)).length;
    await expect(
      exportRecords(ctx, 'members', 'csv', { lang: 'ja', sort: 'nameKana' }, { maxRows: 100 }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      fields: { filters: expect.stringContaining('100 rows') },
    });
    expect(await exportEvents(t.admin.id)).toHaveLength(before);
    // At the limit exactly, the export runs; a small batch size reads it in many statements.
    const download = await exportRecords(
      ctx,
      'members',
      'csv',
      { lang: 'ja', sort: 'employeeNumber', q: 'タイリョウ' },
      { maxRows: 5000, batchRows: 7 },
    );
    const chunks: Buffer[] = [];
    for await (const chunk of download.body) chunks.push(chunk as Buffer);
    expect(await download.finished).toBe(5000);
    const records = parse(Buffer.concat(chunks).toString('utf8'), { bom: true }) as string[][];
    expect(records.slice(1).map((r) => r[3])).toEqual(
      Array.from({ length: 5000 }, (_, i) => `L${String(i + 1).padStart(5, '0')}`),
    );
  }, 60_000);
});
