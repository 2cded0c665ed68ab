/**
 * No silent duplicates (issue 14): POST /api/members/duplicates finds likely duplicates
 * within the caller's scope; POST /api/members/:id/merge merges two records; the removed
 * record's id answers 308 to the kept member (only for a caller who may see it).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { rowsOf } from '../../db/queries/records';

let t: TestApp;
type Client = TestApp['api'];
let wpA: { id: string };
let wpB: { id: string };
let rep: Client;
let officer: Client;
let executive: Client;

async function api(method: string, path: string, body?: unknown) {
  const res = await t.api(method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${res.text}`);
  return res.body;
}

const member = (body: Record<string, unknown>) => api('POST', '/api/members', body);
const names = (res: { body: { items: { name: string }[] } }) => res.body.items.map((m) => m.name).sort();

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-06-10T03:00:00Z') });
  wpA = await api('POST', '/api/workplaces', { name: '第一工場' });
  wpB = await api('POST', '/api/workplaces', { name: '本社' });
  const r = await t.addUser('rep');
  const u = await api('GET', `/api/users/${r.user.id}`);
  await api('PATCH', `/api/users/${r.user.id}`, { workplaceIds: [wpA.id], version: u.version });
  rep = t.as(r.cookie);
  officer = t.as((await t.addUser('officer')).cookie);
  executive = t.as((await t.addUser('executive')).cookie);
  await member({
    name: '山田 太郎',
    nameKana: 'ヤマダ タロウ',
    employeeNumber: '00123',
    workplaceId: wpA.id,
  });
  await member({ name: '山田太郎', nameKana: 'ヤマダ タカオ', workplaceId: wpA.id }); // another person
  await member({ name: '阿部 康平', workplaceId: wpB.id }); // no reading
  await member({ name: 'ｽｽﾞｷ ｲﾁﾛｳ', nameKana: 'すずき いちろう', workplaceId: wpB.id });
  await member({ name: '佐藤 花子', employeeNumber: 'A-77', workplaceId: wpB.id });
});
afterAll(async () => {
  await t?.close();
});

describe('POST /api/members/duplicates', () => {
  it('matches names without spaces and in any width, readings in hiragana or katakana', async () => {
    // Same name and reading: only the 山田太郎 whose reading is タロウ.
    const exact = await t.api('POST', '/api/members/duplicates', {
      name: '山田太郎',
      nameKana: 'やまだたろう',
    });
    expect(exact.status).toBe(200);
    expect(exact.body.items.map((m: { nameKana: string }) => m.nameKana)).toEqual(['ヤマダ タロウ']);
    expect(exact.body.items[0].matchedOn).toEqual(['name']);
    // Without a reading the name alone matches both.
    expect(names(await t.api('POST', '/api/members/duplicates', { name: '山田　太郎' }))).toEqual([
      '山田 太郎',
      '山田太郎',
    ]);
    // A record without a reading matches on the name, whatever reading is typed.
    expect(
      names(await t.api('POST', '/api/members/duplicates', { name: '阿部康平', nameKana: 'あべ こうへい' })),
    ).toEqual(['阿部 康平']);
    // Full-width typed, half-width stored (and the reading in katakana).
    expect(
      names(
        await t.api('POST', '/api/members/duplicates', {
          name: 'スズキイチロウ',
          nameKana: 'スズキ イチロウ',
        }),
      ),
    ).toEqual(['ｽｽﾞｷ ｲﾁﾛｳ']);
    // Another reading is another person; a name that only contains the name is not a duplicate.
    expect(
      names(await t.api('POST', '/api/members/duplicates', { name: '山田太郎', nameKana: 'やまだ じろう' })),
    ).toEqual([]);
    expect(names(await t.api('POST', '/api/members/duplicates', { name: '山田' }))).toEqual([]);
    expect(names(await t.api('POST', '/api/members/duplicates', {}))).toEqual([]);
  });

  it('matches employee numbers equal but for leading zeros, width and spaces', async () => {
    for (const employeeNumber of ['123', '0123', '000123', '１２３', ' 00123 ']) {
      const res = await t.api('POST', '/api/members/duplicates', { employeeNumber });
      expect(names(res), employeeNumber).toEqual(['山田 太郎']);
      expect(res.body.items[0].matchedOn).toEqual(['employeeNumber']);
    }
    expect(names(await t.api('POST', '/api/members/duplicates', { employeeNumber: '1230' }))).toEqual([]);
    expect(names(await t.api('POST', '/api/members/duplicates', { employeeNumber: 'Ａ-77' }))).toEqual([
      '佐藤 花子',
    ]);
    // Both at once: one item saying both.
    const both = await t.api('POST', '/api/members/duplicates', {
      name: '山田太郎',
      nameKana: 'ヤマダタロウ',
      employeeNumber: '123',
    });
    expect(both.body.items).toHaveLength(1);
    expect(both.body.items[0].matchedOn).toEqual(['name', 'employeeNumber']);
  });

  it('answers a rep with members of their workplaces only', async () => {
    expect(
      names(await rep('POST', '/api/members/duplicates', { name: '山田太郎', employeeNumber: '123' })),
    ).toEqual(['山田 太郎', '山田太郎']);
    // Outside their workplaces: as if no such member existed.
    for (const body of [{ name: '阿部康平' }, { employeeNumber: 'A-77' }, { name: 'ｽｽﾞｷｲﾁﾛｳ' }]) {
      const res = await rep('POST', '/api/members/duplicates', body);
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([]);
    }
    expect(names(await executive('POST', '/api/members/duplicates', { name: '阿部康平' }))).toEqual([
      '阿部 康平',
    ]);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const res = await t.api('POST', '/api/members/duplicates', { name: 'x'.repeat(101), phone: '1' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['name', 'phone']);
  });
});

describe('POST /api/members/:id/merge and the 308 of a merged id', () => {
  it('merges, then the removed id answers 308 to the kept member for those who may see it', async () => {
    const kept = await member({ name: '木村 拓', workplaceId: wpB.id, department: '営業' });
    const other = await member({ name: '木村拓', workplaceId: wpA.id, department: '総務', grade: 'G2' });
    await api('POST', `/api/members/${other.id}/notes`, { body: '面談' });

    const preview = await officer('GET', `/api/members/${kept.id}/merge-preview?otherId=${other.id}`);
    expect(preview.status).toBe(200);
    expect(preview.body.conflicts).toEqual(['name', 'workplaceId', 'department']);
    expect(preview.body.moves).toMatchObject({ notes: 1, engagementHistory: 1 });

    // A rep (even for members of their workplace) and an executive may not merge.
    const body = { otherId: other.id, version: kept.version, otherVersion: other.version };
    expect((await rep('POST', `/api/members/${kept.id}/merge`, body)).status).toBe(403);
    expect((await executive('POST', `/api/members/${kept.id}/merge`, body)).status).toBe(403);
    // Stale versions: 409, nothing written.
    const stale = await officer('POST', `/api/members/${kept.id}/merge`, { ...body, otherVersion: 2 });
    expect(stale.status).toBe(409);
    expect(await t.api('GET', `/api/members/${other.id}`).then((r) => r.status)).toBe(200);
    // An unknown field choice: 400.
    const bad = await officer('POST', `/api/members/${kept.id}/merge`, {
      ...body,
      fields: { phone: 'other' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty(['fields.phone']);

    const merged = await officer('POST', `/api/members/${kept.id}/merge`, {
      ...body,
      fields: { department: 'other', workplaceId: 'kept' },
    });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({
      id: kept.id,
      name: '木村 拓',
      department: '総務',
      grade: 'G2',
      workplaceId: wpB.id,
    });

    const moved = await t.api('GET', `/api/members/${other.id}`);
    expect(moved.status).toBe(308);
    expect(moved.headers.get('location')).toBe(`/api/members/${kept.id}`);
    const notes = await t.api('GET', `/api/members/${kept.id}/notes`);
    expect(notes.body.items.map((n: { body: string }) => n.body)).toContain('面談');
    // The rep saw the removed record (their workplace) but not the kept one (本社): 404, no Location.
    const repView = await rep('GET', `/api/members/${other.id}`);
    expect(repView.status).toBe(404);
    expect(repView.headers.get('location')).toBeNull();
    // Merging again with the removed id: it is no member any more.
    expect(
      (await officer('POST', `/api/members/${kept.id}/merge`, { ...body, version: merged.body.version }))
        .status,
    ).toBe(404);
    const rows = rowsOf<{ kept_id: string }>(
      await t.db.execute(sql`select kept_id from member_merges where merged_id = ${other.id}`),
    );
    expect(rows).toEqual([{ kept_id: kept.id }]);
  });

  it('sends a rep to the kept member when it is in their workplaces', async () => {
    const kept = await member({ name: '林 健', workplaceId: wpA.id });
    const other = await member({ name: '林健', workplaceId: wpA.id });
    await api('POST', `/api/members/${kept.id}/merge`, {
      otherId: other.id,
      version: kept.version,
      otherVersion: other.version,
    });
    const res = await rep('GET', `/api/members/${other.id}`);
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toBe(`/api/members/${kept.id}`);
    // An id never used is still a plain 404.
    expect((await rep('GET', '/api/members/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
