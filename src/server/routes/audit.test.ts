import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/app';
import type { Db } from '../../db/client';
import { rowsOf } from '../../db/queries/records';
import { auditLog, workplaces } from '../../db/schema';
import { hashSecret } from '../../services/auth/tokens';
import { createApp } from '../app';

let t: TestApp;
// The clock moves per test; Asia/Tokyo (the default zone) is UTC+9.
let clock = new Date('2026-05-01T03:00:00Z');

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the assertions
type Entry = any;

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
afterAll(async () => {
  await t?.close();
});

async function newWorkplace(name: string) {
  const [w] = await t.db.insert(workplaces).values({ name, employeeCount: 10 }).returning();
  return w!;
}

async function newMember(name: string, workplaceId: string | null = null) {
  const res = await t.api('POST', '/api/members', { name, workplaceId });
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number };
}

/** Every entry matching the query, following the cursors. */
async function allEntries(query: string, limit = 500): Promise<Entry[]> {
  const items: Entry[] = [];
  let cursor: string | undefined;
  for (;;) {
    const sep = query ? '&' : '';
    const res = await t.api(
      'GET',
      `/api/audit-log?${query}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(res.status, res.text).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
    if (!cursor) return items;
  }
}

/** The stored rows' full text (before, after, details), as the database holds them. */
async function auditText(): Promise<string> {
  const rows = rowsOf<{ line: string }>(
    await t.db.execute(
      sql`select concat_ws(' ', action, table_name, record_id, subject_id, before::text, after::text, details::text) as line from audit_log`,
    ),
  );
  return rows.map((r) => r.line).join('\n');
}

describe('table writes through the API', () => {
  it('records a member created and updated with the actor, table, record and the changed fields only', async () => {
    const w = await newWorkplace('第一製造課');
    const member = await newMember('佐藤 花子', w.id);
    const patched = await t.api('PATCH', `/api/members/${member.id}`, {
      name: '佐藤 華子',
      department: '製造部',
      version: member.version,
    });
    expect(patched.status).toBe(200);

    const entries = await allEntries(`recordId=${member.id}&table=members`);
    const insert = entries.find((e) => e.action === 'insert');
    const update = entries.find((e) => e.action === 'update');
    expect(insert).toMatchObject({
      actor: { id: t.admin.id, displayName: 'admin user' },
      table: 'members',
      recordId: member.id,
      subjectId: member.id,
      recordLabel: '佐藤 花子',
      changes: null,
      before: null,
      after: { id: member.id, name: '佐藤 花子', workplaceId: w.id, version: 1 },
    });
    expect(insert.after).not.toHaveProperty('searchText');
    expect(update).toMatchObject({
      actor: { id: t.admin.id },
      table: 'members',
      recordId: member.id,
      recordLabel: '佐藤 華子',
      before: null,
      after: null,
      changes: { name: { from: '佐藤 花子', to: '佐藤 華子' }, department: { from: null, to: '製造部' } },
    });
    // updatedAt and version change on every write: not listed.
    expect(Object.keys(update.changes).sort()).toEqual(['department', 'name']);
    // Newest first.
    expect(entries.indexOf(update)).toBeLessThan(entries.indexOf(insert));
  });

  it('shows a role change and disabling as role and disabled from → to', async () => {
    const { user } = await t.addUser('rep');
    const role = await t.api('PATCH', `/api/users/${user.id}`, { role: 'officer', version: user.version });
    expect(role.status).toBe(200);
    const off = await t.api('PATCH', `/api/users/${user.id}`, { disabled: true, version: role.body.version });
    expect(off.status).toBe(200);

    const updates = await allEntries(`recordId=${user.id}&table=users&action=update`);
    expect(updates.map((e) => e.changes)).toEqual([
      { disabled: { from: false, to: true } },
      { role: { from: 'rep', to: 'officer' } },
    ]);
    for (const e of updates) {
      expect(e.actor).toEqual({ id: t.admin.id, displayName: 'admin user' });
      expect(e.recordLabel).toBe('rep user');
    }
  });

  it('records a note added and deleted under its member (subjectId)', async () => {
    const member = await newMember('高橋 一郎');
    const note = await t.api('POST', `/api/members/${member.id}/notes`, { body: '残業代について相談' });
    expect(note.status).toBe(201);
    const gone = await t.api('DELETE', `/api/members/${member.id}/notes/${note.body.id}?version=1`);
    expect(gone.status).toBe(204);

    const entries = await allEntries(`recordId=${note.body.id}`);
    expect(entries.map((e) => e.action)).toEqual(['delete', 'insert']);
    const [deleted, inserted] = entries;
    expect(inserted).toMatchObject({
      actor: { id: t.admin.id },
      table: 'member_notes',
      recordId: note.body.id,
      subjectId: member.id,
      after: { body: '残業代について相談', memberId: member.id },
    });
    expect(deleted).toMatchObject({
      actor: { id: t.admin.id },
      table: 'member_notes',
      subjectId: member.id,
      before: { body: '残業代について相談' },
      after: null,
      changes: null,
    });
  });

  it('never records a password, a password hash or a token hash', async () => {
    const password = 'a secret pass phrase 1';
    const created = await t.api('POST', '/api/users', {
      email: 'secret-keeper@example.org',
      displayName: '秘密 守',
      role: 'officer',
      password,
      workplaceIds: [],
    });
    expect(created.status).toBe(201);
    const reset = await t.api('PATCH', `/api/users/${created.body.id}`, {
      password: 'another secret phrase 2',
      version: created.body.version,
    });
    expect(reset.status).toBe(200);
    const token = await t.api('POST', '/api/tokens', { name: 'スクリプト' });
    expect(token.status).toBe(201);
    await t.api('DELETE', `/api/tokens/${token.body.id}`);

    const hashes = rowsOf<{ password_hash: string }>(
      await t.db.execute(sql`select password_hash from users`),
    ).map((r) => r.password_hash);
    const text = await auditText();
    // The rows are there…
    expect(text).toContain('secret-keeper@example.org');
    expect(text).toContain('スクリプト');
    // …without any secret.
    for (const secret of [
      'password_hash',
      'passwordHash',
      'token_hash',
      'tokenHash',
      'scrypt',
      password,
      'another secret phrase 2',
      TEST_PASSWORD,
      token.body.token,
      hashSecret(token.body.token),
      ...hashes,
    ]) {
      expect(text).not.toContain(secret);
    }
    // A password reset shows as an update with no visible field changed.
    const [resetEntry] = await allEntries(`recordId=${created.body.id}&table=users&action=update`);
    expect(resetEntry.changes).toEqual({});
  });
});

describe('sign-in events', () => {
  it('records sign-in, failed sign-in (without the password) and sign-out', async () => {
    clock = new Date('2026-05-02T01:00:00Z');
    const { user } = await t.addUser('officer', 'signer@example.org');
    const cookie = await t.signIn('signer@example.org');
    const wrong = 'not-the-password-123';
    expect(
      (await t.raw('POST', '/api/auth/login', { email: 'Signer@example.org', password: wrong })).status,
    ).toBe(401);
    expect(
      (await t.raw('POST', '/api/auth/login', { email: 'nobody@example.org', password: wrong })).status,
    ).toBe(401);
    expect((await t.as(cookie)('POST', '/api/auth/logout')).status).toBe(204);

    const mine = await allEntries(`userId=${user.id}`);
    const signIns = mine.filter((e) => e.action === 'sign_in');
    expect(signIns).toHaveLength(2); // addUser signs in once, then signIn again
    expect(signIns[0]).toMatchObject({
      actor: { id: user.id, displayName: 'officer user' },
      subjectId: user.id,
      details: { method: 'session', ip: expect.any(String) },
    });
    expect(mine[0]).toMatchObject({ action: 'sign_out', actor: { id: user.id }, subjectId: user.id });

    const failed = await allEntries('action=sign_in_failed');
    const forUser = failed.find((e) => e.details.email === 'signer@example.org');
    expect(forUser).toMatchObject({
      actor: null,
      subjectId: user.id,
      details: { email: 'signer@example.org', ip: expect.any(String), reason: 'bad_credentials' },
    });
    expect(Object.keys(forUser.details).sort()).toEqual(['email', 'ip', 'reason']);
    expect(failed.find((e) => e.details.email === 'nobody@example.org')).toMatchObject({
      actor: null,
      subjectId: null,
      details: { reason: 'bad_credentials' },
    });
    // The record of a user's failed attempt is found by their id too.
    expect((await allEntries(`recordId=${user.id}&action=sign_in_failed`)).length).toBe(1);
    expect(await auditText()).not.toContain(wrong);
  });

  it('records a throttled sign-in as failed with reason throttled', async () => {
    const email = 'throttled@example.org';
    await t.addUser('rep', email);
    for (let i = 0; i < 5; i++) {
      expect(
        (await t.raw('POST', '/api/auth/login', { email, password: `wrong-${i}-password` })).status,
      ).toBe(401);
    }
    const refused = await t.raw('POST', '/api/auth/login', { email, password: TEST_PASSWORD });
    expect(refused.status).toBe(429);
    const failed = (await allEntries('action=sign_in_failed')).filter((e) => e.details.email === email);
    expect(failed.map((e) => e.details.reason)).toEqual(['throttled', ...Array(5).fill('bad_credentials')]);
    expect(await auditText()).not.toContain(TEST_PASSWORD);
  });
});

describe('denied requests', () => {
  it('records a 403 with the actor, method, path (no query) and status', async () => {
    const executive = await t.addUser('executive');
    const res = await t.as(executive.cookie)('POST', '/api/members?via=test', { name: '拒否 太郎' });
    expect(res.status).toBe(403);
    const rep = await t.addUser('rep');
    expect((await t.as(rep.cookie)('GET', '/api/users')).status).toBe(403);

    const [denied] = await allEntries(`userId=${executive.user.id}&action=denied`);
    expect(denied).toMatchObject({
      actor: { id: executive.user.id },
      action: 'denied',
      table: null,
      details: { method: 'POST', path: '/api/members', status: 403 },
    });
    expect(await allEntries(`userId=${rep.user.id}&action=denied`)).toMatchObject([
      { details: { method: 'GET', path: '/api/users', status: 403 } },
    ]);
  });

  it('records a 404 for a member outside a rep’s workplaces, but not a 404 for a missing one', async () => {
    const mine = await newWorkplace('営業部');
    const other = await newWorkplace('経理部');
    const outside = await newMember('田中 次郎', other.id);
    const rep = await t.addUser('rep');
    const set = await t.api('PATCH', `/api/users/${rep.user.id}`, {
      workplaceIds: [mine.id],
      version: rep.user.version,
    });
    expect(set.status).toBe(200);
    const api = t.as(rep.cookie);

    const hidden = await api('GET', `/api/members/${outside.id}`);
    const missing = await api('GET', '/api/members/00000000-0000-4000-8000-000000000000');
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    // The same answer: the member's existence does not leak.
    expect(hidden.body).toEqual(missing.body);

    const denied = await allEntries(`userId=${rep.user.id}&action=denied`);
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({
      actor: { id: rep.user.id },
      recordId: outside.id,
      subjectId: outside.id,
      details: { method: 'GET', path: `/api/members/${outside.id}`, status: 404 },
    });
    // Found by the member's id, with the writes about them.
    expect((await allEntries(`recordId=${outside.id}`)).map((e) => e.action)).toContain('denied');
  });

  it('answers the refusal even when the audit write fails (logged, not a 500)', async () => {
    const rep = await t.addUser('rep');
    const logs: string[] = [];
    const real = t.db;
    // The database refuses writes to the audit log (e.g. a revoked privilege).
    const broken = new Proxy(real, {
      get(target, prop, receiver) {
        if (prop === 'insert') {
          return (table: unknown) => {
            if (table === auditLog) throw new Error('permission denied for table audit_log');
            return target.insert(table as typeof auditLog);
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    }) as Db;
    const app = createApp({
      database: { ...t.database, db: broken },
      config: { secureCookies: false, trustProxy: false, sessionDays: 14 },
      now: () => clock,
      log: (_level, message) => logs.push(message),
    });
    const res = await app.request('/api/users', { headers: { cookie: rep.cookie } });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('forbidden');
    expect(logs.some((m) => m.includes('audit write failed'))).toBe(true);
  });
});

describe('GET /api/audit-log filters and paging', () => {
  it('is for admins only', async () => {
    for (const role of ['officer', 'executive', 'rep'] as const) {
      const { cookie } = await t.addUser(role);
      const res = await t.as(cookie)('GET', '/api/audit-log');
      expect(res.status, role).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
  });

  it('filters by user (the actor)', async () => {
    const { user, cookie } = await t.addUser('officer');
    await t.as(cookie)('POST', '/api/members', { name: '山田 一' });
    const entries = await allEntries(`userId=${user.id}`);
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(entries.every((e) => e.actor?.id === user.id)).toBe(true);
    expect(entries.map((e) => `${e.action}:${e.table}`)).toContain('insert:members');
  });

  it('filters by record, including what belongs to it (a member’s notes and cases)', async () => {
    const member = await newMember('鈴木 三郎');
    const note = await t.api('POST', `/api/members/${member.id}/notes`, { body: '面談' });
    const kase = await t.api('POST', `/api/members/${member.id}/cases`, {
      title: '配置転換の相談',
      openedOn: '2026-05-01',
    });
    expect(kase.status).toBe(201);
    const entries = await allEntries(`recordId=${member.id}`);
    const seen = entries.map((e) => `${e.table}:${e.recordId}`);
    expect(seen).toContain(`members:${member.id}`);
    expect(seen).toContain(`member_notes:${note.body.id}`);
    expect(seen).toContain(`member_cases:${kase.body.id}`);
    expect(entries.every((e) => e.recordId === member.id || e.subjectId === member.id)).toBe(true);
    // Combined with the table.
    expect((await allEntries(`recordId=${member.id}&table=member_cases`)).map((e) => e.recordId)).toEqual([
      kase.body.id,
    ]);
  });

  it('takes days in the organization’s time zone (inclusive) and ISO instants', async () => {
    const member = await newMember('伊藤 四郎');
    // 23:59:59 on May 10 in Tokyo, then midnight of May 11 in Tokyo.
    clock = new Date('2026-05-10T14:59:59Z');
    const late = await t.api('PATCH', `/api/members/${member.id}`, { grade: 'G1', version: member.version });
    clock = new Date('2026-05-10T15:00:00Z');
    const next = await t.api('PATCH', `/api/members/${member.id}`, {
      grade: 'G2',
      version: late.body.version,
    });
    expect(next.status).toBe(200);
    const grade = async (query: string) =>
      (await allEntries(`recordId=${member.id}&action=update&${query}`)).map((e) => e.changes.grade.to);

    expect(await grade('from=2026-05-10&to=2026-05-10')).toEqual(['G1']);
    expect(await grade('from=2026-05-11&to=2026-05-11')).toEqual(['G2']);
    expect(await grade('from=2026-05-10')).toEqual(['G2', 'G1']);
    expect(await grade('to=2026-05-10')).toEqual(['G1']);
    expect(await grade(`from=${encodeURIComponent('2026-05-11T00:00:00+09:00')}`)).toEqual(['G2']);
    expect(await grade('to=2026-05-10T14:59:59Z')).toEqual(['G1']);
    expect(await grade('from=2026-05-10T14:59:59.001Z&to=2026-05-10T15:00:00Z')).toEqual(['G2']);

    // The entry's time is the actor's clock of the write.
    const [entry] = await allEntries(`recordId=${member.id}&action=update&to=2026-05-10`);
    expect(entry.at).toBe('2026-05-10T14:59:59.000Z');
  });

  it('answers 400 with field errors for bad dates, from after to, a forged cursor and a bad limit', async () => {
    const cases: [string, string][] = [
      ['from=2026-02-30', 'from'],
      ['to=yesterday', 'to'],
      ['from=2026-05-02&to=2026-05-01', 'to'],
      ['from=2026-05-01T10:00:00Z&to=2026-05-01T09:00:00Z', 'to'],
      ['userId=not-a-uuid', 'userId'],
      ['action=DROP TABLE', 'action'],
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['cursor=bm9wZQ', 'cursor'],
    ];
    for (const [query, field] of cases) {
      const res = await t.api('GET', `/api/audit-log?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(Object.keys(res.body.error.fields), query).toEqual([field]);
    }
    // A from equal to to is one day, not an error.
    expect((await t.api('GET', '/api/audit-log?from=2026-05-01&to=2026-05-01')).status).toBe(200);
  });

  it('pages newest first by cursor without duplicates or gaps, even with ties on time and new entries', async () => {
    clock = new Date('2026-05-12T00:00:00Z');
    const { user, cookie } = await t.addUser('executive');
    const api = t.as(cookie);
    // 23 refusals stamped with the same instant: the id breaks the tie.
    for (let i = 0; i < 23; i++) expect((await api('GET', '/api/users')).status).toBe(403);
    const query = `userId=${user.id}&action=denied`;
    const everything = await allEntries(query);
    expect(everything).toHaveLength(23);

    const first = await t.api('GET', `/api/audit-log?${query}&limit=5`);
    expect(first.body).toMatchObject({ total: 23, totalCapped: false });
    expect(first.body.items).toHaveLength(5);
    // New entries arriving meanwhile go to the top, not into the next pages.
    for (let i = 0; i < 3; i++) await api('GET', '/api/users');
    const paged = [...first.body.items];
    let cursor: string | undefined = first.body.nextCursor;
    while (cursor) {
      const res = await t.api('GET', `/api/audit-log?${query}&limit=5&cursor=${cursor}`);
      expect(res.status).toBe(200);
      expect(res.body).not.toHaveProperty('total');
      paged.push(...res.body.items);
      cursor = res.body.nextCursor;
    }
    expect(paged.map((e) => e.id)).toEqual(everything.map((e) => e.id));
    const ids = everything.map((e: Entry) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    // An exact last page has no next cursor.
    const exact = await t.api('GET', `/api/audit-log?${query}&limit=26`);
    expect(exact.body.items).toHaveLength(26);
    expect(exact.body.nextCursor).toBeUndefined();
  });

  it('documents the route in the OpenAPI document', async () => {
    const doc = await t.api('GET', '/api/openapi.json');
    expect(doc.body.paths['/audit-log'].get.summary).toMatch(/first page/);
    expect(doc.body.paths['/audit-log'].put).toBeUndefined();
    expect(doc.body.paths['/audit-log'].delete).toBeUndefined();
  });
});

describe('the log in words', () => {
  /** The sensitive reads by a user since `since` (an entry id), oldest first. */
  async function readsBy(userId: string, since: number): Promise<Entry[]> {
    const entries = await allEntries(`action=read_sensitive&userId=${userId}`);
    return entries.filter((e) => e.id > since).reverse();
  }
  const lastId = async () =>
    Number(
      rowsOf<{ id: string }>(
        await t.db.execute(sql`select coalesce(max(id), 0)::text as id from audit_log`),
      )[0]!.id,
    );

  it('one weekly dashboard view writes one named read per sensitive case it shows', async () => {
    clock = new Date('2026-05-13T00:00:00Z');
    const officer = await t.addUser('officer');
    const w = await newWorkplace('第二製造課');
    const hanako = await newMember('佐藤 花子', w.id);
    const taro = await newMember('鈴木 太郎', w.id);
    // Due this week (Wednesday 2026-05-13 in Tokyo; the week ends on Sunday): two sensitive, one not.
    for (const [member, title, sensitive] of [
      [hanako, 'ハラスメント相談', true],
      [hanako, '配置転換の相談', true],
      [taro, '残業代の未払い', false],
    ] as const) {
      const res = await t.api('POST', `/api/members/${member.id}/cases`, {
        title,
        dueOn: '2026-05-15',
        sensitive,
      });
      expect(res.status, res.text).toBe(201);
    }

    const since = await lastId();
    const view = await t.as(officer.cookie)('GET', '/api/dashboards/weekly');
    expect(view.status).toBe(200);
    const shown = (view.body.followUps as { caseId: string; sensitive: boolean }[]).filter(
      (f) => f.sensitive,
    );
    expect(new Set(shown.map((f) => f.caseId)).size).toBe(2);

    const reads = await readsBy(officer.user.id, since);
    expect(reads).toHaveLength(2);
    expect(reads.map((r) => r.recordName).sort()).toEqual(['ハラスメント相談', '配置転換の相談']);
    for (const r of reads) {
      expect(r).toMatchObject({
        actor: { id: officer.user.id, displayName: 'officer user' },
        table: 'member_cases',
        subjectId: hanako.id,
        subjectName: '佐藤 花子',
        recordDeleted: false,
        subjectDeleted: false,
        details: { via: 'weekly_dashboard' },
      });
    }
  });

  it('a timeline showing a case opened, closed and reopened records one read of it', async () => {
    const member = await newMember('田村 由美');
    const created = await t.api('POST', `/api/members/${member.id}/cases`, {
      title: '上司からの叱責',
      sensitive: true,
    });
    const caseId = created.body.id as string;
    const closed = await t.api('PATCH', `/api/members/${member.id}/cases/${caseId}`, {
      status: 'closed',
      outcome: '面談で解決',
      version: created.body.version,
    });
    expect(closed.status, closed.text).toBe(200);
    const reopened = await t.api('PATCH', `/api/members/${member.id}/cases/${caseId}`, {
      status: 'open',
      reopenReason: '再発',
      version: closed.body.version,
    });
    expect(reopened.status, reopened.text).toBe(200);

    const since = await lastId();
    const timeline = await t.api('GET', `/api/members/${member.id}/timeline`);
    expect(timeline.status).toBe(200);
    const caseItems = (timeline.body.items as { kind: string; refId: string }[]).filter(
      (i) => i.refId === caseId,
    );
    expect(caseItems.map((i) => i.kind).sort()).toEqual(['case_closed', 'case_opened', 'case_reopened']);
    const reads = await readsBy(t.admin.id, since);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      recordId: caseId,
      recordName: '上司からの叱責',
      subjectName: '田村 由美',
      details: { via: 'timeline' },
    });
  });

  it('names changed records and what they belong to, and says 削除済み for a record deleted since', async () => {
    const w = await newWorkplace('品質保証課');
    const member = await newMember('中村 正', w.id);
    const sensitive = await t.api('POST', `/api/members/${member.id}/cases`, {
      title: '健康相談',
      sensitive: true,
    });
    const note = await t.api('POST', `/api/members/${member.id}/notes`, { body: '面談した' });
    expect(note.status).toBe(201);
    const since = await lastId();
    await t.api('GET', `/api/members/${member.id}/cases`);
    const [read] = await readsBy(t.admin.id, since);
    expect(read).toMatchObject({ recordName: '健康相談', subjectName: '中村 正', recordDeleted: false });

    const noteEntry = (await allEntries(`recordId=${note.body.id}`))[0];
    expect(noteEntry).toMatchObject({ table: 'member_notes', recordName: null, subjectName: '中村 正' });
    const workplaceEntry = (await allEntries(`recordId=${w.id}&table=workplaces`))[0];
    expect(workplaceEntry).toMatchObject({ action: 'insert', recordName: '品質保証課', subjectName: null });
    const memberEntry = (await allEntries(`recordId=${member.id}&table=members`))[0];
    expect(memberEntry).toMatchObject({ recordName: '中村 正', recordDeleted: false, subjectName: null });

    // The member is erased: every entry about them and their case reads 削除済み, without a name.
    const erased = await t.api('POST', `/api/members/${member.id}/erasure`, { confirmName: '中村 正' });
    expect(erased.status, erased.text).toBe(200);
    const after = (await allEntries(`recordId=${sensitive.body.id}`)).find(
      (e) => e.action === 'read_sensitive',
    );
    expect(after).toMatchObject({
      recordName: null,
      recordDeleted: true,
      subjectName: null,
      subjectDeleted: true,
    });
    const memberAfter = (await allEntries(`recordId=${member.id}&table=members`)).find(
      (e) => e.action === 'insert',
    );
    expect(memberAfter).toMatchObject({ recordName: null, recordDeleted: true });
    const noteAfter = (await allEntries(`recordId=${note.body.id}`))[0];
    expect(noteAfter).toMatchObject({ recordDeleted: false, subjectDeleted: true, subjectName: null });
  });
});

describe('append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE on the audit log, whoever asks', async () => {
    const before = rowsOf<{ n: number }>(
      await t.db.execute(sql`select count(*)::int as n from audit_log`),
    )[0]!.n;
    expect(before).toBeGreaterThan(0);
    await expect(t.db.execute(sql`update audit_log set action = 'tampered'`)).rejects.toThrow();
    await expect(t.db.execute(sql`delete from audit_log`)).rejects.toThrow();
    await expect(t.db.execute(sql`truncate audit_log`)).rejects.toThrow();
    const after = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from audit_log`))[0]!
      .n;
    expect(after).toBe(before);
    const tampered = rowsOf<{ n: number }>(
      await t.db.execute(sql`select count(*)::int as n from audit_log where action = 'tampered'`),
    )[0]!.n;
    expect(tampered).toBe(0);
  });
});
