import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/app';
import { rowsOf } from '../../db/queries/records';
import { tasks, workplaces } from '../../db/schema';
import { createUser } from '../../services/users/create-user';

// Who may see and change what on members and their sub-resources (issue: access).
// Workplaces A and B; a rep on A, an executive and an officer; members in A, B and
// without a workplace; sensitive and ordinary cases.

let t: TestApp;
const NOW = new Date('2026-04-01T01:00:00Z');

type Client = ReturnType<TestApp['as']>;
let rep: { id: string; as: Client };
let executive: { id: string; as: Client };
let officer: { id: string; as: Client };
let wpA: string;
let wpB: string;
/** Members: a1, a2 in A; b1 in B; n1 without a workplace. */
const m: Record<'a1' | 'a2' | 'b1' | 'n1', string> = { a1: '', a2: '', b1: '', n1: '' };
/** Cases of a1 and b1: an ordinary and a sensitive one each. */
const cs: Record<'a1Plain' | 'a1Sensitive' | 'b1Plain' | 'b1Sensitive', string> = {
  a1Plain: '',
  a1Sensitive: '',
  b1Plain: '',
  b1Sensitive: '',
};
let b1NoteId: string;
let a1NoteId: string;

async function rows<T>(query: ReturnType<typeof sql>) {
  return rowsOf<T>(await t.db.execute(query));
}

/** Everything the member surfaces can write, to check that a denied request changed nothing. */
async function snapshot() {
  return JSON.stringify({
    members: await rows(sql`select id, version, name, engagement, workplace_id from members order by id`),
    notes: await rows(sql`select id, version, body from member_notes order by id`),
    cases: await rows(sql`select id, version, title, status from member_cases order by id`),
    history: await rows(sql`select count(*)::int as n from engagement_history`),
    tasks: await rows(sql`select count(*)::int as n from tasks`),
    writes: await rows(
      sql`select count(*)::int as n from audit_log where action in ('insert', 'update', 'delete')`,
    ),
  });
}

async function sensitiveReads(actorId: string) {
  return rows<{ record_id: string; subject_id: string; via: string }>(
    sql`select record_id, subject_id, details->>'via' as via from audit_log
         where action = 'read_sensitive' and actor_id = ${actorId} order by id`,
  );
}

async function addCase(memberId: string, title: string, sensitive: boolean) {
  const res = await t.api('POST', `/api/members/${memberId}/cases`, {
    title,
    sensitive,
    dueOn: '2026-04-10',
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function addMember(body: Record<string, unknown>) {
  const res = await t.api('POST', '/api/members', body);
  expect(res.status).toBe(201);
  return res.body.id as string;
}

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  const [a, b] = await t.db
    .insert(workplaces)
    .values([
      { name: 'A 製造課', employeeCount: 10 },
      { name: 'B 物流課', employeeCount: 10 },
    ])
    .returning();
  wpA = a!.id;
  wpB = b!.id;

  const repUser = await createUser(t.db, {
    email: 'rep-a@example.org',
    displayName: 'A職場委員',
    role: 'rep',
    password: TEST_PASSWORD,
    workplaceIds: [wpA],
  });
  rep = { id: repUser.id, as: t.as(await t.signIn('rep-a@example.org')) };
  const e = await t.addUser('executive');
  executive = { id: e.user.id, as: t.as(e.cookie) };
  const o = await t.addUser('officer');
  officer = { id: o.user.id, as: t.as(o.cookie) };

  m.a1 = await addMember({
    name: '青木 一郎',
    nameKana: 'あおき いちろう',
    employeeNumber: 'A-001',
    workplaceId: wpA,
    engagement: 'regular',
    ownerId: officer.id,
  });
  m.a2 = await addMember({
    name: '赤井 二郎',
    nameKana: 'アカイ ジロウ',
    workplaceId: wpA,
    engagement: 'rare',
  });
  m.b1 = await addMember({
    name: '青山 三郎',
    nameKana: 'アオヤマ サブロウ',
    workplaceId: wpB,
    engagement: 'regular',
    ownerId: officer.id,
  });
  m.n1 = await addMember({ name: '青田 四郎', nameKana: 'アオタ シロウ', engagement: 'regular' });

  cs.a1Plain = await addCase(m.a1, '夜勤手当の相談', false);
  cs.a1Sensitive = await addCase(m.a1, 'ハラスメント相談', true);
  cs.b1Plain = await addCase(m.b1, '異動の相談', false);
  cs.b1Sensitive = await addCase(m.b1, 'パワハラ相談', true);

  a1NoteId = (await t.api('POST', `/api/members/${m.a1}/notes`, { body: 'A のメモ' })).body.id;
  b1NoteId = (await t.api('POST', `/api/members/${m.b1}/notes`, { body: 'B のメモ' })).body.id;

  // Tasks about a1: the executive's, the officer's, an unassigned one, and follow-ups of its two cases.
  await t.db.insert(tasks).values([
    {
      title: '執行委員のタスク',
      subjectType: 'member',
      subjectId: m.a1,
      assigneeId: executive.id,
      createdBy: t.admin.id,
    },
    {
      title: '専従のタスク',
      subjectType: 'member',
      subjectId: m.a1,
      assigneeId: officer.id,
      createdBy: t.admin.id,
    },
    {
      title: '担当なしのタスク',
      subjectType: 'member',
      subjectId: m.a1,
      assigneeId: null,
      createdBy: t.admin.id,
    },
    {
      title: '青木 一郎さん 相談案件のフォローアップ',
      subjectType: 'member',
      subjectId: m.a1,
      assigneeId: executive.id,
      ruleId: 'case_due_follow_up',
      onceKey: `case_due_follow_up:${cs.a1Sensitive}:2026-04-10`,
    },
    {
      title: '青木 一郎さん 相談案件のフォローアップ(通常)',
      subjectType: 'member',
      subjectId: m.a1,
      assigneeId: executive.id,
      ruleId: 'case_due_follow_up',
      onceKey: `case_due_follow_up:${cs.a1Plain}:2026-04-10`,
    },
  ]);
});
afterAll(async () => {
  await t?.close();
});

const ids = (items: { id: string }[]) => items.map((i) => i.id).sort();
const titles = (items: { kind: string; title: string | null }[], kind: string) =>
  items
    .filter((i) => i.kind === kind)
    .map((i) => i.title)
    .sort();

describe('a rep sees the members of their workplaces only', () => {
  it('lists only A members: items and total, with q search, filters, sorts and paging', async () => {
    const all = await rep.as('GET', '/api/members');
    expect(all.status).toBe(200);
    expect(ids(all.body.items)).toEqual([m.a1, m.a2].sort());
    expect(all.body.total).toBe(2);

    // "アオ" matches a1, b1 and n1; the rep finds a1 only (hiragana, kana reading).
    const q = await rep.as('GET', `/api/members?q=${encodeURIComponent('あお')}`);
    expect(ids(q.body.items)).toEqual([m.a1]);
    expect(q.body.total).toBe(1);
    expect((await t.api('GET', `/api/members?q=${encodeURIComponent('あお')}`)).body.total).toBe(3);

    const other = await rep.as('GET', `/api/members?workplaceId=${wpB}`);
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ items: [], total: 0 });

    const regular = await rep.as('GET', '/api/members?engagement=regular');
    expect(ids(regular.body.items)).toEqual([m.a1]);
    expect(regular.body.total).toBe(1);
    const owned = await rep.as('GET', `/api/members?ownerId=${officer.id}`);
    expect(ids(owned.body.items)).toEqual([m.a1]);
    expect(owned.body.total).toBe(1);
    const own = await rep.as('GET', `/api/members?workplaceId=${wpA}&status=active&sort=-name`);
    expect(own.body.total).toBe(2);

    const page = await rep.as('GET', '/api/members?limit=1&sort=-nameKana');
    expect(page.body.items).toHaveLength(1);
    expect(page.body.total).toBe(2);
    const next = await rep.as('GET', `/api/members?limit=1&sort=-nameKana&cursor=${page.body.nextCursor}`);
    expect(ids([...page.body.items, ...next.body.items])).toEqual([m.a1, m.a2].sort());
    expect(next.body.nextCursor).toBeUndefined();
  });

  it('answers 404 for a member of another workplace or without one, on every surface, and writes nothing', async () => {
    const before = await snapshot();
    for (const id of [m.b1, m.n1]) {
      for (const path of ['', '/notes', '/cases', '/engagement-history', '/timeline']) {
        const res = await rep.as('GET', `/api/members/${id}${path}`);
        expect(res.status, `GET ${path}`).toBe(404);
        expect(res.body.error.code).toBe('not_found');
      }
      const patch = await rep.as('PATCH', `/api/members/${id}`, { version: 1, engagement: 'at_risk' });
      expect(patch.status).toBe(404);
      expect((await rep.as('POST', `/api/members/${id}/notes`, { body: '越境メモ' })).status).toBe(404);
    }
    // Writes the role lacks are 403 before anything is looked up.
    expect((await rep.as('POST', `/api/members/${m.b1}/cases`, { title: 'x' })).status).toBe(403);
    expect(
      (await rep.as('PATCH', `/api/members/${m.b1}/cases/${cs.b1Plain}`, { version: 1, title: 'x' })).status,
    ).toBe(403);
    // A rep may change their own notes, so a note on a member they cannot reach is a 404 like the member.
    expect(
      (await rep.as('PATCH', `/api/members/${m.b1}/notes/${b1NoteId}`, { version: 1, body: 'x' })).status,
    ).toBe(404);
    expect((await rep.as('DELETE', `/api/members/${m.b1}/notes/${b1NoteId}?version=1`)).status).toBe(404);
    expect(await snapshot()).toBe(before);
    // The same 404 as for a member that does not exist.
    const missing = await rep.as('GET', '/api/members/00000000-0000-4000-8000-000000000000');
    const outside = await rep.as('GET', `/api/members/${m.b1}`);
    expect(outside.body).toEqual(missing.body);
  });

  it('reads an A member without sensitive cases: openCaseCount, cases and timeline', async () => {
    const one = await rep.as('GET', `/api/members/${m.a1}`);
    expect(one.status).toBe(200);
    expect(one.body.openCaseCount).toBe(1);
    const listed = (await rep.as('GET', '/api/members')).body.items.find(
      (i: { id: string }) => i.id === m.a1,
    );
    expect(listed.openCaseCount).toBe(1);

    const cases = await rep.as('GET', `/api/members/${m.a1}/cases`);
    expect(cases.status).toBe(200);
    expect(ids(cases.body.items)).toEqual([cs.a1Plain]);
    expect(cases.body.total).toBe(1);

    const timeline = await rep.as('GET', `/api/members/${m.a1}/timeline`);
    expect(timeline.status).toBe(200);
    expect(titles(timeline.body.items, 'case_opened')).toEqual(['夜勤手当の相談']);
    // Tasks: own only (none of the rep's).
    expect(titles(timeline.body.items, 'task_created')).toEqual([]);
    expect(timeline.body.items.some((i: { sensitive: boolean }) => i.sensitive)).toBe(false);
    expect(timeline.body.total).toBe(timeline.body.items.length);
    expect(await sensitiveReads(rep.id)).toEqual([]);

    expect((await rep.as('GET', `/api/members/${m.a1}/notes`)).body.total).toBe(1);
    expect((await rep.as('GET', `/api/members/${m.a1}/engagement-history`)).body.total).toBe(1);
  });

  it('changes the engagement of an A member (with its history), nothing else', async () => {
    const current = (await t.api('GET', `/api/members/${m.a2}`)).body;
    const changed = await rep.as('PATCH', `/api/members/${m.a2}`, {
      version: current.version,
      engagement: 'occasional',
      engagementReason: '職場集会に参加',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ engagement: 'occasional', version: current.version + 1 });
    const history = await t.api('GET', `/api/members/${m.a2}/engagement-history`);
    expect(history.body.items.at(-1)).toMatchObject({
      from: 'rare',
      to: 'occasional',
      changedBy: rep.id,
      reason: '職場集会に参加',
    });
    // The write is attributed to the rep in the audit trail.
    const audit = await rows<{
      actor_id: string;
      before: { engagement: string };
      after: { engagement: string };
    }>(
      sql`select actor_id, before, after from audit_log
           where table_name = 'members' and action = 'update' and record_id = ${m.a2}`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_id: rep.id,
      before: { engagement: 'rare' },
      after: { engagement: 'occasional' },
    });

    const before = await snapshot();
    const version = changed.body.version;
    const renamed = await rep.as('PATCH', `/api/members/${m.a2}`, { version, name: '改名' });
    expect(renamed.status).toBe(403);
    expect(renamed.body.error.code).toBe('forbidden');
    // Engagement together with another field: refused as a whole.
    const mixed = await rep.as('PATCH', `/api/members/${m.a2}`, {
      version,
      engagement: 'at_risk',
      nextAction: '面談',
    });
    expect(mixed.status).toBe(403);
    expect((await rep.as('PATCH', `/api/members/${m.a2}`, { version, workplaceId: null })).status).toBe(403);
    expect(await snapshot()).toBe(before);
    expect((await t.api('GET', `/api/members/${m.a2}`)).body).toMatchObject({
      name: '赤井 二郎',
      engagement: 'occasional',
    });
  });

  it('adds notes to A members but cannot create members', async () => {
    const note = await rep.as('POST', `/api/members/${m.a2}/notes`, {
      body: '職場委員のメモ',
      channel: 'visit',
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ authorId: rep.id });
    const before = await snapshot();
    expect((await rep.as('POST', '/api/members', { name: '新人', workplaceId: wpA })).status).toBe(403);
    expect(
      (await rep.as('PATCH', `/api/members/${m.a1}/notes/${a1NoteId}`, { version: 1, body: '訂正' })).status,
    ).toBe(403);
    expect(await snapshot()).toBe(before);
  });
});

describe('an executive reads everything but sensitive cases, and writes nothing', () => {
  it('lists every member; counts, cases and timeline leave out sensitive cases', async () => {
    const all = await executive.as('GET', '/api/members');
    expect(all.body.total).toBe(4);
    expect(ids(all.body.items)).toEqual(Object.values(m).sort());
    const a1 = all.body.items.find((i: { id: string }) => i.id === m.a1);
    expect(a1.openCaseCount).toBe(1);
    expect((await executive.as('GET', `/api/members/${m.b1}`)).body.openCaseCount).toBe(1);
    expect((await t.api('GET', `/api/members/${m.b1}`)).body.openCaseCount).toBe(2);

    const cases = await executive.as('GET', `/api/members/${m.b1}/cases`);
    expect(ids(cases.body.items)).toEqual([cs.b1Plain]);
    expect(cases.body.total).toBe(1);

    const timeline = await executive.as('GET', `/api/members/${m.a1}/timeline`);
    expect(timeline.status).toBe(200);
    expect(titles(timeline.body.items, 'case_opened')).toEqual(['夜勤手当の相談']);
    // Own tasks only, and not the follow-up of the sensitive case although it is theirs.
    expect(titles(timeline.body.items, 'task_created')).toEqual([
      '執行委員のタスク',
      '青木 一郎さん 相談案件のフォローアップ(通常)',
    ]);
    expect(timeline.body.total).toBe(timeline.body.items.length);
    expect(await sensitiveReads(executive.id)).toEqual([]);
  });

  it('gets 403 on every write, and nothing changes', async () => {
    const before = await snapshot();
    const as = executive.as;
    const responses = [
      await as('POST', '/api/members', { name: '新人' }),
      await as('PATCH', `/api/members/${m.a1}`, { version: 1, engagement: 'at_risk' }),
      await as('PATCH', `/api/members/${m.a1}`, { version: 1, name: '改名' }),
      await as('DELETE', `/api/members/${m.a1}?version=1`),
      await as('POST', `/api/members/${m.a1}/notes`, { body: 'メモ' }),
      await as('PATCH', `/api/members/${m.a1}/notes/${a1NoteId}`, { version: 1, body: '訂正' }),
      await as('DELETE', `/api/members/${m.a1}/notes/${a1NoteId}?version=1`),
      await as('POST', `/api/members/${m.a1}/cases`, { title: '案件' }),
      await as('PATCH', `/api/members/${m.a1}/cases/${cs.a1Plain}`, {
        version: 1,
        status: 'closed',
        outcome: '解決',
      }),
    ];
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 403));
    expect(await snapshot()).toBe(before);
  });
});

describe('an officer sees sensitive cases, and each one read is recorded', () => {
  it('case list: sensitive cases included, one read_sensitive row per sensitive case returned', async () => {
    const cases = await officer.as('GET', `/api/members/${m.b1}/cases`);
    expect(ids(cases.body.items)).toEqual([cs.b1Plain, cs.b1Sensitive].sort());
    expect(cases.body.total).toBe(2);
    expect(await sensitiveReads(officer.id)).toEqual([
      { record_id: cs.b1Sensitive, subject_id: m.b1, via: 'cases' },
    ]);
    expect((await officer.as('GET', `/api/members/${m.b1}`)).body.openCaseCount).toBe(2);
    // No sensitive case in the response, no read recorded.
    await officer.as('GET', `/api/members/${m.a2}/cases`);
    expect(await sensitiveReads(officer.id)).toHaveLength(1);
  });

  it('timeline: sensitive case events shown and recorded (via timeline); own and unassigned tasks', async () => {
    await t.api('PATCH', `/api/members/${m.a1}/cases/${cs.a1Sensitive}`, {
      version: 1,
      status: 'closed',
      outcome: '謝罪を受けて解決',
    });
    const timeline = await officer.as('GET', `/api/members/${m.a1}/timeline`);
    expect(titles(timeline.body.items, 'case_opened')).toEqual(['ハラスメント相談', '夜勤手当の相談']);
    expect(titles(timeline.body.items, 'case_closed')).toEqual(['ハラスメント相談']);
    expect(titles(timeline.body.items, 'task_created')).toEqual(['専従のタスク', '担当なしのタスク']);
    // Opened and closed events of one case: one read.
    const reads = (await sensitiveReads(officer.id)).filter((r) => r.via === 'timeline');
    expect(reads).toEqual([{ record_id: cs.a1Sensitive, subject_id: m.a1, via: 'timeline' }]);

    const all = await t.api('GET', `/api/members/${m.a1}/timeline`);
    expect(titles(all.body.items, 'task_created')).toHaveLength(5);
  });

  it('writes members, notes and cases; each write is attributed to the officer', async () => {
    const current = (await officer.as('GET', `/api/members/${m.b1}`)).body;
    const res = await officer.as('PATCH', `/api/members/${m.b1}`, {
      version: current.version,
      nextAction: '面談の設定',
    });
    expect(res.status).toBe(200);
    const audit = await rows<{ actor_id: string }>(
      sql`select actor_id from audit_log where table_name = 'members' and action = 'update' and record_id = ${m.b1}`,
    );
    expect(audit).toEqual([{ actor_id: officer.id }]);

    const created = await officer.as('POST', '/api/members', { name: '新規 五郎', workplaceId: wpB });
    expect(created.status).toBe(201);
    const inserted = await rows<{ actor_id: string }>(
      sql`select actor_id from audit_log where table_name = 'members' and action = 'insert' and record_id = ${created.body.id}`,
    );
    expect(inserted).toEqual([{ actor_id: officer.id }]);

    const c = await officer.as('PATCH', `/api/members/${m.b1}/cases/${cs.b1Sensitive}`, {
      version: 1,
      title: 'パワハラ相談(対応中)',
    });
    expect(c.status).toBe(200);
    const note = await officer.as('PATCH', `/api/members/${m.b1}/notes/${b1NoteId}`, {
      version: 1,
      body: '訂正',
    });
    expect(note.status).toBe(200);
  });
});
