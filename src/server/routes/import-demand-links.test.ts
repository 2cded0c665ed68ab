import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { rowsOf } from '../../db/queries/records';

// POST /api/import/demand-links (issue 15 §1): members linked to demands from a file.

let t: TestApp;
let adminCookie = '';
let repCookie = '';
let executiveCookie = '';
const NOW = new Date('2026-06-10T03:00:00Z');
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  adminCookie = await t.signIn('admin@example.org');
  const made = async (path: string, body: unknown) => {
    const res = await t.api('POST', path, body);
    expect(res.status, res.text).toBe(201);
    return res.body;
  };
  ids.wpA = (await made('/api/workplaces', { name: '第一工場' })).id;
  ids.wpB = (await made('/api/workplaces', { name: '本社' })).id;
  ids.yamada = (
    await made('/api/members', { name: '山田 太郎', employeeNumber: 'E001', workplaceId: ids.wpA })
  ).id;
  ids.suzuki = (
    await made('/api/members', { name: '鈴木 花子', employeeNumber: 'E002', workplaceId: ids.wpB })
  ).id;
  ids.season = (
    await made('/api/seasons', { name: '2026春闘', startsOn: '2026-02-01', endsOn: '2026-06-30' })
  ).id;
  ids.raise = (await made('/api/demands', { title: '賃上げ', seasonId: ids.season })).id;
  const rep = await t.addUser('rep');
  repCookie = rep.cookie;
  const repUser = await t.api('GET', `/api/users/${rep.user.id}`);
  const patched = await t.api('PATCH', `/api/users/${rep.user.id}`, {
    workplaceIds: [ids.wpA],
    version: repUser.body.version,
  });
  expect(patched.status, patched.text).toBe(200);
  executiveCookie = (await t.addUser('executive')).cookie;
});
afterAll(async () => {
  await t?.close();
});

async function upload(
  content: string | Uint8Array,
  fields: Record<string, string> = {},
  cookie = adminCookie,
  headers = {},
) {
  const form = new FormData();
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  form.append(
    'file',
    new Blob([bytes as BlobPart]),
    typeof content === 'string' ? 'links.csv' : 'links.xlsx',
  );
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  const res = await t.app.request('/api/import/demand-links', {
    method: 'POST',
    body: form,
    headers: { cookie, ...headers },
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: tests read bodies loosely
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text };
}

async function linkCount() {
  const [r] = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from demand_members`));
  return Number(r!.n);
}

const FILE = '社員番号,要求\r\nE001,賃上げ\r\nE002,賃上げ\r\n';

describe('POST /api/import/demand-links', () => {
  it('is a dry run by default, with counts per demand; dryRun=false links; every row error is listed', async () => {
    const check = await upload(FILE);
    expect(check.status, check.text).toBe(200);
    expect(check.body).toMatchObject({
      kind: 'demand-links',
      dryRun: true,
      applied: false,
      total: 2,
      created: 2,
      errorCount: 0,
      byDemand: [
        { demandId: ids.raise, title: '賃上げ', seasonName: '2026春闘', linked: 2, alreadyLinked: 0 },
      ],
    });
    expect(await linkCount()).toBe(0);

    const bad = await upload('社員番号,要求\r\nE001,賃上げ\r\nE404,無い要求\r\n', { dryRun: 'false' });
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({ applied: false, errorCount: 2, skipped: 1 });
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        { row: 3, column: '社員番号', message: 'no member has this employee number' },
        { row: 3, column: '要求', message: 'no demand of the season has this title' },
      ]),
    );
    expect(await linkCount()).toBe(0);

    const applied = await upload(FILE, { dryRun: 'false' });
    expect(applied.body).toMatchObject({ applied: true, created: 2 });
    expect(await linkCount()).toBe(2);
    const again = await upload(FILE, { dryRun: 'false' });
    expect(again.body).toMatchObject({ applied: true, created: 0, unchanged: 2 });
    expect(await linkCount()).toBe(2);
    await t.db.execute(sql`delete from demand_members`);
  });

  it('lets every role link (demands.link); a rep’s member elsewhere reads as unknown, exactly', async () => {
    const asRep = await upload(FILE, { dryRun: 'false' }, repCookie);
    expect(asRep.status, asRep.text).toBe(200);
    expect(asRep.body).toMatchObject({ applied: false, created: 1 });
    expect(asRep.body.errors).toEqual([
      { row: 3, column: '社員番号', message: 'no member has this employee number' },
    ]);
    const unknown = await upload('社員番号,要求\r\nE001,賃上げ\r\nE999,賃上げ\r\n', {}, repCookie);
    expect(unknown.body.errors).toEqual(asRep.body.errors);
    expect(await linkCount()).toBe(0);

    const skipping = await upload(FILE, { dryRun: 'false', skipInvalid: 'true' }, repCookie);
    expect(skipping.body).toMatchObject({ applied: true, created: 1, skipped: 1 });
    const [link] = rowsOf<{ member_id: string; source: string }>(
      await t.db.execute(sql`select member_id, source from demand_members`),
    );
    expect(link).toEqual({ member_id: ids.yamada, source: 'import' });

    const asExecutive = await upload(FILE, {}, executiveCookie);
    expect(asExecutive.body).toMatchObject({ created: 1, unchanged: 1, errorCount: 0 });
    await t.db.execute(sql`delete from demand_members`);
  });

  it('refuses a mapping without a member or demand column (400), a saved mapping of another kind, and cross-site uploads', async () => {
    const res = await upload('氏名,要求\r\n山田,賃上げ\r\n');
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ mapping: 'no column is mapped to memberId or employeeNumber' });
    const saved = await t.api('POST', '/api/import/mappings', {
      kind: 'members',
      name: '名簿',
      columns: { 社員番号: 'employeeNumber' },
    });
    expect(saved.status).toBe(201);
    const other = await upload(FILE, { mappingId: saved.body.id });
    expect(other.status).toBe(400);
    expect(other.body.error.fields).toEqual({ mappingId: 'is a mapping for members' });
    // A demand-link mapping cannot be saved (400, not a failed insert).
    const refused = await t.api('POST', '/api/import/mappings', {
      kind: 'demand-links',
      name: '紐付け',
      columns: { 社員番号: 'employeeNumber' },
    });
    expect(refused.status).toBe(400);
    const cross = await upload(FILE, {}, adminCookie, { 'sec-fetch-site': 'cross-site' });
    expect(cross.status).toBe(403);
  });

  it('reports cells holding NUL as row errors (never a 500)', async () => {
    // XLSX writes a control character as _x0000_, which the reader turns back into NUL.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('紐付け');
    sheet.addRow(['社員番号', '要求', '交渉シーズン']);
    sheet.addRow(['E001', '賃_x0000_上げ', '2026_x0000_春闘']);
    const res = await upload(new Uint8Array(await workbook.xlsx.writeBuffer()), { dryRun: 'false' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ applied: false, errorCount: 2 });
    expect(res.body.errors.map((e: { column: string }) => e.column)).toEqual(['要求', '交渉シーズン']);
  });
});
