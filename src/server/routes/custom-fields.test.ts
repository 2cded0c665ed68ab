import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/app';
import { rowsOf } from '../../db/queries/records';
import { createUser } from '../../services/users/create-user';

// Custom fields (issue 17): definitions (admin writes, every staff role reads), values on
// members and workplaces, cf.<key> filters, archive/restore, access and audit.

let t: TestApp;
const NOW = new Date('2026-04-01T01:00:00Z');
type Client = ReturnType<TestApp['as']>;
let officer: Client;
let rep: Client;
let executive: Client;
let wpA: string;
let wpB: string;

const choiceOptions = [
  { value: 'day', labelJa: '日勤', labelEn: 'Day' },
  { value: 'night', labelJa: '夜勤', labelEn: 'Night' },
  { value: 'mixed', labelJa: '交代', labelEn: 'Mixed' },
];

async function define(body: Record<string, unknown>) {
  const res = await t.api('POST', '/api/custom-fields', { entity: 'member', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function member(body: Record<string, unknown>) {
  const res = await t.api('POST', '/api/members', { name: '組合 員', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  wpA = (await t.api('POST', '/api/workplaces', { name: '職場A' })).body.id;
  wpB = (await t.api('POST', '/api/workplaces', { name: '職場B' })).body.id;
  officer = t.as((await t.addUser('officer')).cookie);
  executive = t.as((await t.addUser('executive')).cookie);
  await createUser(t.db, {
    email: 'rep-cf@example.org',
    displayName: 'rep',
    role: 'rep',
    password: TEST_PASSWORD,
    workplaceIds: [wpA],
  });
  rep = t.as(await t.signIn('rep-cf@example.org'));
});
afterAll(async () => {
  await t?.close();
});

describe('custom field definitions', () => {
  it('creates, lists in order, renames with the version, archives and restores', async () => {
    const shift = await define({
      key: 'shift',
      labelJa: '勤務形態',
      labelEn: 'Shift',
      type: 'choice',
      options: choiceOptions,
    });
    expect(shift).toMatchObject({
      entity: 'member',
      key: 'shift',
      type: 'choice',
      options: choiceOptions,
      required: false,
      archivedAt: null,
      version: 1,
    });
    const note = await define({ key: 'memo', labelJa: 'メモ', labelEn: 'Memo', type: 'text', position: 0 });
    const list = await t.api('GET', '/api/custom-fields?entity=member');
    expect(list.status).toBe(200);
    const keys = list.body.items.map((f: { key: string }) => f.key);
    expect(keys.indexOf('memo')).toBeLessThan(keys.indexOf('shift'));

    const renamed = await t.api('PATCH', `/api/custom-fields/${note.id}`, { labelJa: '備考', version: 1 });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({ labelJa: '備考', key: 'memo', version: 2 });
    const stale = await t.api('PATCH', `/api/custom-fields/${note.id}`, { labelJa: 'x', version: 1 });
    expect(stale.status).toBe(409);

    const archived = await t.api('DELETE', `/api/custom-fields/${note.id}`);
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).toBe(NOW.toISOString());
    const active = await t.api('GET', '/api/custom-fields?entity=member');
    expect(active.body.items.map((f: { key: string }) => f.key)).not.toContain('memo');
    const all = await t.api('GET', '/api/custom-fields?entity=member&includeArchived=true');
    expect(all.body.items.map((f: { key: string }) => f.key)).toContain('memo');
    const restored = await t.api('POST', `/api/custom-fields/${note.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.archivedAt).toBeNull();
  });

  it('refuses bad definitions with field errors', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ key: 'Bad', labelJa: 'a', labelEn: 'a', type: 'text' }, 'key'],
      [{ key: 'x1', labelJa: '', labelEn: 'a', type: 'text' }, 'labelJa'],
      [{ key: 'x2', labelJa: 'a', labelEn: 'a', type: 'choice' }, 'options'],
      [{ key: 'x3', labelJa: 'a', labelEn: 'a', type: 'text', options: choiceOptions }, 'options'],
      [
        {
          key: 'x4',
          labelJa: 'a',
          labelEn: 'a',
          type: 'choices',
          options: [choiceOptions[0], choiceOptions[0]],
        },
        'options.1.value',
      ],
      [{ key: 'x5', labelJa: 'a', labelEn: 'a', type: 'colour' }, 'type'],
      [{ key: 'x6', labelJa: 'a', labelEn: 'a', type: 'text', extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await t.api('POST', '/api/custom-fields', { entity: 'member', ...body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.body.error.fields ?? {}), JSON.stringify(res.body)).toContain(field);
    }
    const dup = await t.api('POST', '/api/custom-fields', {
      entity: 'member',
      key: 'shift',
      labelJa: 'a',
      labelEn: 'a',
      type: 'text',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields).toHaveProperty('key');
    // The same key on the other entity is another field.
    const other = await t.api('POST', '/api/custom-fields', {
      entity: 'workplace',
      key: 'shift',
      labelJa: '勤務',
      labelEn: 'Shift',
      type: 'text',
    });
    expect(other.status).toBe(201);
  });

  it('lets every staff role read and only admins write', async () => {
    for (const client of [officer, rep, executive]) {
      expect((await client('GET', '/api/custom-fields')).status).toBe(200);
      const res = await client('POST', '/api/custom-fields', {
        entity: 'member',
        key: 'nope',
        labelJa: 'a',
        labelEn: 'a',
        type: 'text',
      });
      expect(res.status).toBe(403);
    }
    const id = (await t.api('GET', '/api/custom-fields')).body.items[0].id;
    for (const client of [officer, rep, executive]) {
      expect((await client('PATCH', `/api/custom-fields/${id}`, { labelJa: 'x', version: 1 })).status).toBe(
        403,
      );
      expect((await client('DELETE', `/api/custom-fields/${id}`)).status).toBe(403);
      expect((await client('POST', `/api/custom-fields/${id}/restore`)).status).toBe(403);
    }
  });
});

describe('custom field values on members and workplaces', () => {
  it('validates, stores and clears values by type; required on create and when cleared', async () => {
    await define({
      key: 'tags',
      labelJa: '関心',
      labelEn: 'Interests',
      type: 'choices',
      options: choiceOptions,
    });
    await define({ key: 'years', labelJa: '年数', labelEn: 'Years', type: 'number' });
    await define({ key: 'checked_on', labelJa: '確認日', labelEn: 'Checked on', type: 'date' });
    await define({ key: 'volunteer', labelJa: '協力', labelEn: 'Volunteer', type: 'boolean' });
    await define({ key: 'story', labelJa: '経緯', labelEn: 'Story', type: 'long_text' });
    const m = await member({
      workplaceId: wpA,
      customFields: {
        shift: 'night',
        tags: ['mixed', 'day'],
        years: 3.5,
        checked_on: '2026-03-31',
        volunteer: false,
        story: '  一行目\n二行目  ',
        memo: '  Cafe\u0301  ',
      },
    });
    expect(m.customFields).toEqual({
      shift: 'night',
      tags: ['day', 'mixed'],
      years: 3.5,
      checked_on: '2026-03-31',
      volunteer: false,
      story: '一行目\n二行目',
      memo: 'Café',
    });
    const bad: [Record<string, unknown>, string][] = [
      [{ shift: 'evening' }, 'customFields.shift'],
      [{ tags: 'day' }, 'customFields.tags'],
      [{ tags: ['day', 'day'] }, 'customFields.tags'],
      [{ years: '3' }, 'customFields.years'],
      [{ checked_on: '2026-02-30' }, 'customFields.checked_on'],
      [{ volunteer: 'yes' }, 'customFields.volunteer'],
      [{ memo: 'a\nb' }, 'customFields.memo'],
      [{ memo: 'x'.repeat(201) }, 'customFields.memo'],
      [{ memo: 'a\u0000' }, 'customFields.memo'],
      [{ story: 'x'.repeat(5001) }, 'customFields.story'],
      [{ nothing: 1 }, 'customFields.nothing'],
      [{ __proto__x: 1 }, 'customFields.__proto__x'],
    ];
    for (const [customFields, field] of bad) {
      const res = await t.api('PATCH', `/api/members/${m.id}`, { customFields, version: m.version });
      expect(res.status, JSON.stringify(customFields)).toBe(400);
      expect(res.body.error.fields, JSON.stringify(res.body)).toHaveProperty([field]);
    }
    const cleared = await t.api('PATCH', `/api/members/${m.id}`, {
      customFields: { shift: null, memo: '', tags: [] },
      version: m.version,
    });
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
    expect(cleared.body.customFields).toEqual({
      years: 3.5,
      checked_on: '2026-03-31',
      volunteer: false,
      story: '一行目\n二行目',
    });
    expect(cleared.body.version).toBe(m.version + 1);

    const required = await define({
      key: 'grade_band',
      labelJa: '等級帯',
      labelEn: 'Band',
      type: 'text',
      required: true,
    });
    const missing = await t.api('POST', '/api/members', { name: '必須 なし' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toHaveProperty(['customFields.grade_band']);
    const withBand = await member({ name: '必須 あり', customFields: { grade_band: 'B' } });
    const clearing = await t.api('PATCH', `/api/members/${withBand.id}`, {
      customFields: { grade_band: null },
      version: withBand.version,
    });
    expect(clearing.status).toBe(400);
    expect(clearing.body.error.fields).toHaveProperty(['customFields.grade_band']);
    // A patch without customFields leaves a required field alone.
    expect(
      (await t.api('PATCH', `/api/members/${withBand.id}`, { grade: '3', version: withBand.version })).status,
    ).toBe(200);
    await t.api('DELETE', `/api/custom-fields/${required.id}`);
  });

  it('hides archived fields’ values, keeps them, and shows them again on restore', async () => {
    const m = await member({ customFields: { shift: 'day', memo: 'keep' } });
    const memo = (await t.api('GET', '/api/custom-fields?entity=member')).body.items.find(
      (f: { key: string }) => f.key === 'memo',
    );
    await t.api('DELETE', `/api/custom-fields/${memo.id}`);
    const hidden = await t.api('GET', `/api/members/${m.id}`);
    expect(hidden.body.customFields).toEqual({ shift: 'day' });
    const write = await t.api('PATCH', `/api/members/${m.id}`, {
      customFields: { memo: 'x' },
      version: m.version,
    });
    expect(write.status).toBe(400);
    expect(write.body.error.fields).toHaveProperty(['customFields.memo']);
    const filter = await t.api('GET', '/api/members?cf.memo=keep');
    expect(filter.status).toBe(400);
    expect(filter.body.error.fields).toHaveProperty(['cf.memo']);
    await t.api('POST', `/api/custom-fields/${memo.id}/restore`);
    expect((await t.api('GET', `/api/members/${m.id}`)).body.customFields).toEqual({
      shift: 'day',
      memo: 'keep',
    });
  });

  it('refuses to remove an option that records still hold, and allows it once none does', async () => {
    const fields = (await t.api('GET', '/api/custom-fields?entity=member')).body.items;
    const tags = fields.find((f: { key: string }) => f.key === 'tags');
    const m = await member({ customFields: { tags: ['night'] } });
    const removing = await t.api('PATCH', `/api/custom-fields/${tags.id}`, {
      options: choiceOptions.filter((o) => o.value !== 'night'),
      version: tags.version,
    });
    expect(removing.status).toBe(400);
    expect(removing.body.error.fields.options).toContain('night');
    await t.api('PATCH', `/api/members/${m.id}`, { customFields: { tags: null }, version: m.version });
    // Other members created above may hold night too: clear every one.
    await t.db.execute(sql`update members set custom_fields = custom_fields - 'tags'`);
    const ok = await t.api('PATCH', `/api/custom-fields/${tags.id}`, {
      options: choiceOptions.filter((o) => o.value !== 'night'),
      version: tags.version,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.options.map((o: { value: string }) => o.value)).toEqual(['day', 'mixed']);
  });

  it('filters members and workplaces by cf.<key>, ANDed, and refuses unknown keys and bad values', async () => {
    await t.db.execute(sql`delete from members`);
    const a = await member({
      name: '夜勤 A',
      workplaceId: wpA,
      customFields: { shift: 'night', years: 2, volunteer: true, tags: ['day'] },
    });
    const b = await member({
      name: '夜勤 B',
      workplaceId: wpB,
      customFields: { shift: 'night', years: 5, tags: ['day', 'mixed'] },
    });
    await member({ name: '日勤 C', workplaceId: wpA, customFields: { shift: 'day', years: 2 } });
    const ids = async (query: string, client: Client = t.api) => {
      const res = await client('GET', `/api/members?${query}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.items.map((x: { id: string }) => x.id).sort();
    };
    expect(await ids('cf.shift=night')).toEqual([a.id, b.id].sort());
    expect(await ids('cf.shift=night&cf.years=2')).toEqual([a.id]);
    expect(await ids('cf.tags=mixed')).toEqual([b.id]);
    expect(await ids('cf.tags=day&cf.tags=mixed')).toEqual([b.id]);
    expect(await ids('cf.volunteer=true')).toEqual([a.id]);
    expect(await ids('cf.years=5.0')).toEqual([b.id]);
    // A rep's list stays within their workplaces.
    expect(await ids('cf.shift=night', rep)).toEqual([a.id]);
    // In the list's order (few matches are sorted, not walked in index order), and paged.
    const everyone = (await t.api('GET', '/api/members?sort=-name')).body.items.map(
      (x: { id: string }) => x.id,
    );
    const night = (await t.api('GET', '/api/members?cf.shift=night&sort=-name')).body;
    expect(night.items.map((x: { id: string }) => x.id)).toEqual(
      everyone.filter((id: string) => [a.id, b.id].includes(id)),
    );
    const second = (await t.api('GET', '/api/members?cf.shift=night&sort=-name&limit=1&offset=1')).body;
    expect(second).toMatchObject({ total: 2, items: [{ id: night.items[1].id }] });
    const bad: [string, string][] = [
      ['cf.unknown=1', 'cf.unknown'],
      ['cf.years=abc', 'cf.years'],
      ['cf.volunteer=yes', 'cf.volunteer'],
      ['cf.shift=evening', 'cf.shift'],
      ['cf.shift=day&cf.shift=night', 'cf.shift'],
      ['cf.checked_on=2026-13-01', 'cf.checked_on'],
    ];
    for (const [query, field] of bad) {
      const res = await t.api('GET', `/api/members?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.fields, query).toHaveProperty([field]);
    }

    const wfield = await t.api('POST', '/api/custom-fields', {
      entity: 'workplace',
      key: 'site',
      labelJa: '拠点',
      labelEn: 'Site',
      type: 'choice',
      options: [
        { value: 'east', labelJa: '東', labelEn: 'East' },
        { value: 'west', labelJa: '西', labelEn: 'West' },
      ],
    });
    expect(wfield.status).toBe(201);
    const w = await t.api('PATCH', `/api/workplaces/${wpB}`, {
      customFields: { site: 'west', shift: '二交代' },
      version: (await t.api('GET', `/api/workplaces/${wpB}`)).body.version,
    });
    expect(w.status, JSON.stringify(w.body)).toBe(200);
    expect(w.body.customFields).toEqual({ site: 'west', shift: '二交代' });
    const listed = await t.api('GET', '/api/workplaces?cf.site=west');
    expect(listed.body.items.map((x: { id: string }) => x.id)).toEqual([wpB]);
    expect(listed.body.items[0].customFields).toEqual({ site: 'west', shift: '二交代' });
    expect((await rep('GET', '/api/workplaces?cf.site=west')).body.items).toEqual([]);
    expect((await t.api('GET', '/api/workplaces?cf.tags=day')).status).toBe(400);
    const created = await t.api('POST', '/api/workplaces', {
      name: '職場C',
      customFields: { site: 'north' },
    });
    expect(created.status).toBe(400);
    expect(created.body.error.fields).toHaveProperty(['customFields.site']);
  });

  it('lets a rep change a member’s engagement but not its custom fields; the audit log records changes', async () => {
    const m = (await rep('GET', '/api/members?cf.shift=night')).body.items[0];
    const res = await rep('PATCH', `/api/members/${m.id}`, {
      customFields: { shift: 'day' },
      version: m.version,
    });
    expect(res.status).toBe(403);
    const ok = await t.api('PATCH', `/api/members/${m.id}`, {
      customFields: { shift: 'day' },
      version: m.version,
    });
    expect(ok.status).toBe(200);
    const audit = rowsOf<{ n: number }>(
      await t.db.execute(
        sql`select count(*)::int as n from audit_log where table_name = 'members' and record_id = ${m.id} and action = 'update'`,
      ),
    );
    expect(audit[0]!.n).toBeGreaterThan(0);
    const defs = rowsOf<{ n: number }>(
      await t.db.execute(sql`select count(*)::int as n from audit_log where table_name = 'custom_fields'`),
    );
    expect(defs[0]!.n).toBeGreaterThan(0);
  });
});

describe('the served OpenAPI document', () => {
  it('types Member and Workplace customFields from the active definitions', async () => {
    const doc = (await t.api('GET', '/api/openapi.json')).body;
    const member = doc.components.schemas.Member.properties.customFields;
    expect(member.additionalProperties).toBe(false);
    expect(member.properties.shift).toMatchObject({ type: 'string', enum: ['day', 'night', 'mixed'] });
    expect(member.properties.tags).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(member.properties.years).toMatchObject({ type: 'number' });
    expect(member.properties.checked_on).toMatchObject({ type: 'string', format: 'date' });
    expect(member.properties.volunteer).toMatchObject({ type: 'boolean' });
    expect(member.properties).not.toHaveProperty('grade_band'); // archived
    const workplace = doc.components.schemas.Workplace.properties.customFields;
    expect(workplace.properties.site).toMatchObject({ enum: ['east', 'west'] });
    expect(doc.paths['/custom-fields']).toBeDefined();
    expect(doc.paths['/custom-fields/{id}/restore'].post).toBeDefined();
  });
});

describe('merging two records of one person', () => {
  it('keeps the kept record’s values and takes the removed one’s where the kept has none', async () => {
    const kept = await member({ name: '統合 先', customFields: { shift: 'day' } });
    const other = await member({ name: '統合 元', customFields: { shift: 'night', years: 7 } });
    const res = await t.api('POST', `/api/members/${kept.id}/merge`, {
      otherId: other.id,
      version: kept.version,
      otherVersion: other.version,
    });
    expect(res.status, res.text).toBe(200);
    expect((await t.api('GET', `/api/members/${kept.id}`)).body.customFields).toMatchObject({
      shift: 'day',
      years: 7,
    });
  });
});
