import { sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { rowsOf } from '../../db/queries/records';
import { MAX_IMPORT_BYTES } from '../../services/import/read-table';

let t: TestApp;
let adminCookie = '';
const NOW = new Date('2026-06-10T03:00:00Z');

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  adminCookie = await t.signIn('admin@example.org');
  const wp = await t.api('POST', '/api/workplaces', { name: '第一工場' });
  expect(wp.status).toBe(201);
});
afterAll(async () => {
  await t?.close();
});

type Upload = {
  kind?: 'members' | 'workplaces';
  content: string | Uint8Array;
  fileName?: string;
  fields?: Record<string, string>;
  headers?: Record<string, string>;
  cookie?: string;
};

/** A real multipart request, as a browser's FormData or curl -F sends it. */
async function upload(u: Upload) {
  const form = new FormData();
  const bytes = typeof u.content === 'string' ? new TextEncoder().encode(u.content) : u.content;
  form.append('file', new Blob([bytes as BlobPart]), u.fileName ?? 'roster.csv');
  for (const [key, value] of Object.entries(u.fields ?? {})) form.append(key, value);
  const res = await t.app.request(`/api/import/${u.kind ?? 'members'}`, {
    method: 'POST',
    body: form,
    headers: { cookie: u.cookie ?? adminCookie, ...u.headers },
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: tests read bodies loosely
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text, headers: res.headers };
}

async function count(table: string, where = sql`true`) {
  const [r] = rowsOf<{ n: number }>(
    await t.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}`),
  );
  return Number(r!.n);
}

const ROSTER = [
  '社員番号,氏名,フリガナ,所属職場,関与度,加入日,備考',
  'A001,山田 太郎,やまだ たろう,第一工場,定期参加,2015/4/8,"メモ, 改行\nあり"',
  'A002,鈴木 花子,スズキ ハナコ,第一工場,脱退リスクあり,2020-01-15,',
  ',佐藤 次郎,サトウ ジロウ,,たまに参加,,',
].join('\r\n');

describe('POST /api/import/members', () => {
  it('is a dry run by default: counts, headers and the suggested mapping; nothing written', async () => {
    const res = await upload({ content: ROSTER });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      kind: 'members',
      fileName: 'roster.csv',
      format: 'csv',
      encoding: 'utf-8',
      dryRun: true,
      applied: false,
      total: 3,
      created: 3,
      updated: 0,
      skipped: 0,
      errors: [],
      errorCount: 0,
      headers: ['社員番号', '氏名', 'フリガナ', '所属職場', '関与度', '加入日', '備考'],
    });
    expect(res.body.mapping).toEqual({
      社員番号: 'employeeNumber',
      氏名: 'name',
      フリガナ: 'nameKana',
      所属職場: 'workplaceName',
      関与度: 'engagement',
      加入日: 'joinedOn',
      備考: null,
    });
    expect(await count('members')).toBe(0);
  });

  it('applies with dryRun=false, then a re-run changes nothing (upsert by employee number)', async () => {
    const res = await upload({ content: ROSTER, fields: { dryRun: 'false' } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ applied: true, created: 3, followUpTasks: 1 });
    const [yamada] = rowsOf<{ name_kana: string; joined_on: string; engagement: string }>(
      await t.db.execute(
        sql`select name_kana, joined_on, engagement from members where employee_number = 'A001'`,
      ),
    );
    expect(yamada).toEqual({ name_kana: 'ヤマダ タロウ', joined_on: '2015-04-08', engagement: 'regular' });
    const again = await upload({ content: ROSTER, fields: { dryRun: 'false' } });
    // The row without an employee number is always new.
    expect(again.body).toMatchObject({ applied: true, created: 1, updated: 0, unchanged: 2 });
    expect(await count('members', sql`employee_number = 'A001'`)).toBe(1);
    const [event] = rowsOf<{ details: Record<string, unknown> }>(
      await t.db.execute(sql`select details from audit_log where action = 'import' order by id limit 1`),
    );
    expect(event!.details).toMatchObject({ kind: 'members', fileName: 'roster.csv', created: 3 });
  });

  it('reads Shift_JIS as Excel writes it and reports row errors with the column; nothing written', async () => {
    const csv = [
      '社員番号,氏名,所属職場,加入日',
      'B001,高橋 一,第一工場,2015/4/8',
      'B002,伊藤 二,第九工場,2015/13/1',
    ].join('\r\n');
    const before = await count('members');
    const res = await upload({ content: iconv.encode(csv, 'Shift_JIS'), fields: { dryRun: 'false' } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ encoding: 'shift_jis', applied: false, created: 1, skipped: 1 });
    // Every error of the row at once: the bad date and the unknown workplace, named.
    expect(res.body.errors).toEqual([
      { row: 3, column: '加入日', message: expect.any(String) },
      { row: 3, column: '所属職場', message: 'no workplace is named 第九工場' },
    ]);
    expect(await count('members')).toBe(before);
    // The date fixed, the unknown workplace is what is left; createWorkplaces makes it.
    const fixed = csv.replace('2015/13/1', '2015/12/1');
    const refused = await upload({ content: fixed, fields: { dryRun: 'false' } });
    expect(refused.body.errors).toEqual([
      { row: 3, column: '所属職場', message: 'no workplace is named 第九工場' },
    ]);
    const created = await upload({ content: fixed, fields: { dryRun: 'false', createWorkplaces: 'true' } });
    expect(created.body).toMatchObject({ applied: true, created: 2, createdWorkplaces: ['第九工場'] });
  });

  it('skipInvalid applies the valid rows; the error list is capped with a total', async () => {
    const lines = ['社員番号,氏名,加入日'];
    for (let i = 0; i < 1_200; i++) lines.push(`C${i},名前${i},不明`);
    lines.push('C9999,有効 一,2020-01-01');
    const res = await upload({ content: lines.join('\n'), fields: { dryRun: 'false', skipInvalid: 'true' } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ applied: true, created: 1, skipped: 1_200, errorCount: 1_200 });
    expect(res.body.errors).toHaveLength(1_000);
    expect(await count('members', sql`employee_number like 'C%'`)).toBe(1);
  });

  it('updates existing members from a file of employee numbers only (e.g. a survey of engagement)', async () => {
    // A001 and A002 exist (imported above); X999 does not and has no name to create it with.
    const csv = ['社員番号,関与度', 'A001,ほぼ参加なし', 'X999,定期参加'].join('\r\n');
    const refused = await upload({ content: csv, fields: { dryRun: 'false' } });
    expect(refused.status, refused.text).toBe(200);
    expect(refused.body).toMatchObject({ applied: false, updated: 1 });
    expect(refused.body.errors).toEqual([{ row: 3, column: expect.anything(), message: expect.any(String) }]);
    const applied = await upload({ content: csv, fields: { dryRun: 'false', skipInvalid: 'true' } });
    expect(applied.body).toMatchObject({ applied: true, created: 0, updated: 1, skipped: 1 });
    const [a001] = rowsOf<{ name: string; engagement: string }>(
      await t.db.execute(sql`select name, engagement from members where employee_number = 'A001'`),
    );
    // Only the engagement changed; the name stayed, and the change is in the history.
    expect(a001).toEqual({ name: '山田 太郎', engagement: 'rare' });
    expect(
      await count(
        'engagement_history',
        sql`member_id = (select id from members where employee_number = 'A001') and "to" = 'rare'`,
      ),
    ).toBe(1);
  });

  it('takes a mapping as JSON, and refuses a malformed one (400)', async () => {
    const csv = 'No,Full name\nM001,マッピング 太郎';
    const mapping = JSON.stringify({ No: 'employeeNumber', 'Full name': 'name' });
    const res = await upload({ content: csv, fields: { mapping } });
    expect(res.body).toMatchObject({ created: 1, mapping: { No: 'employeeNumber', 'Full name': 'name' } });
    const bad = await upload({ content: csv, fields: { mapping: '{not json' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({ mapping: 'is not valid JSON' });
    const unknown = await upload({
      content: csv,
      fields: { mapping: JSON.stringify({ No: 'salary', 'Full name': 'name' }) },
    });
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.body.error.fields)).toEqual(['mapping.No']);
  });

  it('refuses a file over 32 MB with 413, a bad flag with 400 and JSON with 415', async () => {
    const big = new Uint8Array(MAX_IMPORT_BYTES + 600 * 1024).fill(0x61);
    const res = await upload({ content: big });
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/at most 32 MB/);
    const flag = await upload({ content: ROSTER, fields: { dryRun: 'yes' } });
    expect(flag.status).toBe(400);
    expect(flag.body.error.fields).toHaveProperty('dryRun');
    const json = await t.api('POST', '/api/import/members', { file: 'x' });
    expect(json.status).toBe(415);
    // A file just within the limit is read (and refused for what it is, not its size).
    const empty = await upload({ content: '' });
    expect(empty.status).toBe(400);
  });

  it('refuses executives and reps (403) and cross-site uploads', async () => {
    for (const role of ['executive', 'rep'] as const) {
      const { cookie } = await t.addUser(role);
      const before = await count('members');
      const res = await upload({ content: ROSTER, fields: { dryRun: 'false' }, cookie });
      expect(res.status).toBe(403);
      expect(await count('members')).toBe(before);
    }
    const cross = await upload({ content: ROSTER, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(cross.status).toBe(403);
    const foreign = await upload({
      content: ROSTER,
      headers: { origin: 'https://evil.example', host: 'kumiai.example' },
    });
    expect(foreign.status).toBe(403);
    const same = await upload({ content: ROSTER, headers: { 'sec-fetch-site': 'same-origin' } });
    expect(same.status).toBe(200);
  });

  it('streams NDJSON progress when asked, ending with the result', async () => {
    const res = await upload({ content: ROSTER, headers: { accept: 'application/x-ndjson' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = res.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const phases = lines.filter((l) => 'phase' in l).map((l) => l.phase);
    expect(phases[0]).toBe('reading');
    expect(phases).toContain('validating');
    expect(phases).toContain('writing');
    for (const l of lines.filter((x) => 'phase' in x)) expect(l.done).toBeLessThanOrEqual(l.total);
    expect(lines.at(-1).result).toMatchObject({ kind: 'members', dryRun: true, errorCount: 0 });

    const failed = await upload({ content: '', headers: { accept: 'application/x-ndjson' } });
    const last = JSON.parse(failed.text.trim().split('\n').at(-1)!);
    expect(last.error).toMatchObject({ code: 'validation_failed', fields: { file: expect.any(String) } });
  });
});

describe('POST /api/import/workplaces', () => {
  it('imports workplaces by name', async () => {
    const csv = '職場名,従業員数,職場の雰囲気\n第一工場,120,組合活動活発\n物流センター,35,普通';
    const res = await upload({ kind: 'workplaces', content: csv, fields: { dryRun: 'false' } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ kind: 'workplaces', applied: true, created: 1, updated: 1 });
  });
});

describe('saved mappings', () => {
  it('saves, lists, renames and deletes; a name is unique per kind (409 on name)', async () => {
    const columns = { No: 'employeeNumber', 'Full name': 'name', Memo: null };
    const created = await t.api('POST', '/api/import/mappings', {
      kind: 'members',
      name: '本社様式',
      columns,
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ kind: 'members', name: '本社様式', columns, version: 1 });
    const clash = await t.api('POST', '/api/import/mappings', { kind: 'members', name: '本社様式', columns });
    expect(clash.status).toBe(409);
    expect(clash.body.error.fields).toEqual({ name: 'is already in use' });
    // The same name for the other kind is fine.
    const other = await t.api('POST', '/api/import/mappings', {
      kind: 'workplaces',
      name: '本社様式',
      columns: { 名前: 'name' },
    });
    expect(other.status).toBe(201);
    const invalid = await t.api('POST', '/api/import/mappings', {
      kind: 'members',
      name: '壊れた',
      columns: { A: 'nope', B: 'name' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.fields).toHaveProperty(['columns.A']);

    const list = await t.api('GET', '/api/import/mappings?kind=members');
    expect(list.body.items.map((m: { name: string }) => m.name)).toEqual(['本社様式']);

    // Used by id for an upload.
    const used = await upload({
      content: 'No,Full name,Memo\nS001,保存 太郎,x',
      fields: { mappingId: created.body.id },
    });
    expect(used.body).toMatchObject({ created: 1, mapping: columns });
    const wrongKind = await upload({
      kind: 'workplaces',
      content: 'No,Full name\n1,x',
      fields: { mappingId: created.body.id },
    });
    expect(wrongKind.status).toBe(400);

    const renamed = await t.api('PATCH', `/api/import/mappings/${created.body.id}`, {
      name: '本社様式2',
      version: 1,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: '本社様式2', version: 2 });
    const stale = await t.api('PATCH', `/api/import/mappings/${created.body.id}`, { name: 'x', version: 1 });
    expect(stale.status).toBe(409);
    const staleDelete = await t.api('DELETE', `/api/import/mappings/${created.body.id}?version=1`);
    expect(staleDelete.status).toBe(409);
    const deleted = await t.api('DELETE', `/api/import/mappings/${created.body.id}?version=2`);
    expect(deleted.status).toBe(204);
    const missing = await upload({ content: 'a\n1', fields: { mappingId: created.body.id } });
    expect(missing.status).toBe(404);
  });

  it('are for those who may import (403 for executives and reps)', async () => {
    for (const role of ['executive', 'rep'] as const) {
      const { cookie } = await t.addUser(role);
      expect((await t.as(cookie)('GET', '/api/import/mappings')).status).toBe(403);
    }
  });
});

describe('OpenAPI', () => {
  it('documents the multipart upload and the NDJSON stream', async () => {
    const doc = (await t.api('GET', '/api/openapi.json')).body;
    const op = doc.paths['/import/members'].post;
    const form = op.requestBody.content['multipart/form-data'].schema;
    const props = form.properties ?? doc.components.schemas[form.$ref?.split('/').at(-1)]?.properties;
    expect(props.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(Object.keys(props)).toEqual(
      expect.arrayContaining(['dryRun', 'createWorkplaces', 'skipInvalid', 'mapping', 'mappingId']),
    );
    expect(op.responses['200'].content).toHaveProperty(['application/x-ndjson']);
    expect(op.responses).toHaveProperty('413');
  });
});
