import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/app';
import { rowsOf } from '../../db/queries/records';
import { workplaces } from '../../db/schema';
import { createUser } from '../../services/users/create-user';

// Issue 17: members' contact details through the API — normalized on write, 400 naming the
// bad item, versioned, readable by admins, officers and reps in their workplaces, writable
// only with records.write, and absent from every answer an executive gets.

let t: TestApp;
const NOW = new Date('2026-04-01T01:00:00Z');
type Client = ReturnType<TestApp['as']>;
let officer: Client;
let executive: Client;
let rep: Client;
let wpA = '';
let wpB = '';
let inA = '';
let inB = '';
const CONTACT_KEYS = ['phones', 'emails', 'postalAddress', 'preferredChannel'];

const rows = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await t.db.execute(q));

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  const [a, b] = await t.db
    .insert(workplaces)
    .values([{ name: 'A 製造課' }, { name: 'B 物流課' }])
    .returning();
  wpA = a!.id;
  wpB = b!.id;
  await createUser(t.db, {
    email: 'rep-a@example.org',
    displayName: 'A職場委員',
    role: 'rep',
    password: TEST_PASSWORD,
    workplaceIds: [wpA],
  });
  rep = t.as(await t.signIn('rep-a@example.org'));
  officer = t.as((await t.addUser('officer')).cookie);
  executive = t.as((await t.addUser('executive')).cookie);

  const created = await officer('POST', '/api/members', {
    name: '青木 一郎',
    workplaceId: wpA,
    phones: [
      { label: '携帯', number: '０９０－１２３４－５６７８' },
      { label: '', number: '(03) 1234-5678' },
    ],
    emails: [{ label: '自宅', address: ' Aoki.Ichiro@Example.JP ' }],
    postalAddress: '東京都千代田区1-1',
    preferredChannel: 'phone',
  });
  expect(created.status).toBe(201);
  inA = created.body.id;
  const b1 = await officer('POST', '/api/members', {
    name: '青山 三郎',
    workplaceId: wpB,
    phones: [{ number: '080-2222-3333' }],
    emails: [{ address: 'aoyama@example.jp' }],
  });
  inB = b1.body.id;
});
afterAll(async () => {
  await t?.close();
});

describe('contact details: write and read', () => {
  it('stores normalized numbers and addresses and answers them on create and read', async () => {
    const res = await officer('GET', `/api/members/${inA}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      phones: [{ label: '携帯', number: '09012345678' }, { number: '0312345678' }],
      emails: [{ label: '自宅', address: 'Aoki.Ichiro@example.jp' }],
      postalAddress: '東京都千代田区1-1',
      preferredChannel: 'phone',
    });
    expect(res.body.phones[1]).not.toHaveProperty('label');
    const [row] = await rows<{ phones: unknown }>(sql`select phones from members where id = ${inA}`);
    expect(row!.phones).toEqual(res.body.phones);
  });

  it('changes them with the version read (a stale one: 409, nothing written) and clears them', async () => {
    const { body: before } = await officer('GET', `/api/members/${inB}`);
    const changed = await officer('PATCH', `/api/members/${inB}`, {
      version: before.version,
      phones: [{ label: '勤務先', number: '+81 6-6123-4567' }],
      preferredChannel: 'email',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      version: before.version + 1,
      phones: [{ label: '勤務先', number: '0661234567' }],
      emails: [{ address: 'aoyama@example.jp' }],
      preferredChannel: 'email',
    });
    const stale = await officer('PATCH', `/api/members/${inB}`, { version: before.version, phones: [] });
    expect(stale.status).toBe(409);
    const cleared = await officer('PATCH', `/api/members/${inB}`, {
      version: changed.body.version,
      phones: [],
      emails: [],
      postalAddress: '',
      preferredChannel: null,
    });
    expect(cleared.body).toMatchObject({
      phones: [],
      emails: [],
      postalAddress: null,
      preferredChannel: null,
    });
    // Audited: the update's row carries the change.
    const [audit] = await rows<{ n: number }>(
      sql`select count(*)::int as n from audit_log where table_name = 'members' and record_id = ${inB} and action = 'update'`,
    );
    expect(audit!.n).toBeGreaterThanOrEqual(2);
  });

  it('answers 400 naming each bad item, and writes nothing', async () => {
    const { body: before } = await officer('GET', `/api/members/${inA}`);
    const res = await officer('PATCH', `/api/members/${inA}`, {
      version: before.version,
      phones: [
        { number: '090-1234-5678' },
        { number: '090-1234-567' },
        { label: 'x'.repeat(41), number: '03-1234-5678' },
      ],
      emails: [{ address: 'yamada@' }],
      postalAddress: 'あ'.repeat(301),
      preferredChannel: 'fax',
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(
      expect.arrayContaining([
        'phones.1.number',
        'phones.2.label',
        'emails.0.address',
        'postalAddress',
        'preferredChannel',
      ]),
    );
    const six = Array.from({ length: 6 }, () => ({ number: '090-1234-5678' }));
    const tooMany = await officer('PATCH', `/api/members/${inA}`, { version: before.version, phones: six });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.fields).toHaveProperty('phones');
    const nul = await officer('PATCH', `/api/members/${inA}`, {
      version: before.version,
      emails: [{ label: 'a\u0000', address: 'a@b.jp' }],
    });
    expect(nul.status).toBe(400);
    expect(nul.body.error.fields).toHaveProperty(['emails.0.label']);
    const { body: after } = await officer('GET', `/api/members/${inA}`);
    expect(after).toEqual(before);
  });
});

describe('contact details: search', () => {
  it.each([
    '090-1234-5678',
    '09012345678',
    '０９０１２３４５６７８',
    '+81 90 1234 5678',
    '1234-5678',
    'aoki.ichiro@example',
    'AOKI.ICHIRO',
  ])('the list finds the member by %s', async (q) => {
    const res = await officer('GET', `/api/members?q=${encodeURIComponent(q)}`);
    expect(res.body.items.map((m: { id: string }) => m.id)).toContain(inA);
  });

  it('a rep finds their workplace’s member by phone; an executive finds no one by contact details', async () => {
    const repRes = await rep('GET', `/api/members?q=${encodeURIComponent('090-1234-5678')}`);
    expect(repRes.body.items.map((m: { id: string }) => m.id)).toEqual([inA]);
    const exec = await executive('GET', `/api/members?q=${encodeURIComponent('090-1234-5678')}`);
    expect(exec.status).toBe(200);
    expect(exec.body).toMatchObject({ items: [], total: 0 });
    const execMail = await executive('GET', '/api/members?q=aoki.ichiro');
    expect(execMail.body.total).toBe(0);
    // The name still finds the member for the executive.
    const byName = await executive('GET', `/api/members?q=${encodeURIComponent('青木')}`);
    expect(byName.body.items.map((m: { id: string }) => m.id)).toContain(inA);
  });
});

describe('contact details: who sees and changes them', () => {
  it('a rep reads them for a member of their workplaces only, and cannot change them (403, nothing written)', async () => {
    const own = await rep('GET', `/api/members/${inA}`);
    expect(own.status).toBe(200);
    expect(own.body.phones).toHaveLength(2);
    expect((await rep('GET', `/api/members/${inB}`)).status).toBe(404);
    const before = await officer('GET', `/api/members/${inA}`);
    for (const body of [
      { phones: [] },
      { emails: [{ address: 'x@example.jp' }] },
      { postalAddress: '別の住所' },
      { preferredChannel: 'line' },
    ]) {
      const res = await rep('PATCH', `/api/members/${inA}`, { version: before.body.version, ...body });
      expect(res.status, JSON.stringify(body)).toBe(403);
    }
    expect((await officer('GET', `/api/members/${inA}`)).body).toEqual(before.body);
  });

  it('an executive never gets them: the member, lists, duplicates, timeline, and writes are refused', async () => {
    const one = await executive('GET', `/api/members/${inA}`);
    expect(one.status).toBe(200);
    for (const key of CONTACT_KEYS) expect(one.body).not.toHaveProperty(key);
    const list = await executive('GET', '/api/members?limit=500');
    expect(list.body.items.length).toBeGreaterThan(0);
    for (const item of list.body.items) for (const key of CONTACT_KEYS) expect(item).not.toHaveProperty(key);
    const dup = await executive('POST', '/api/members/duplicates', { name: '青木 一郎' });
    expect(dup.status).toBe(200);
    for (const item of dup.body.items) for (const key of CONTACT_KEYS) expect(item).not.toHaveProperty(key);
    const secrets = ['09012345678', '090-1234-5678', 'aoki.ichiro', '千代田区'];
    for (const path of [
      `/api/members/${inA}`,
      '/api/members',
      `/api/members/${inA}/timeline`,
      `/api/members/${inA}/notes`,
      '/api/export/members.csv',
      '/api/audit-log',
      `/api/members/${inA}/merge-preview?otherId=${inB}`,
    ]) {
      const res = await executive('GET', path);
      for (const s of secrets) expect(res.text, `${path} ${s}`).not.toContain(s);
    }
    const write = await executive('PATCH', `/api/members/${inA}`, { version: one.body.version, phones: [] });
    expect(write.status).toBe(403);
    const create = await executive('POST', '/api/members', {
      name: 'x',
      phones: [{ number: '090-1234-5678' }],
    });
    expect(create.status).toBe(403);
  });
});
