import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { rowsOf } from '../../db/queries/records';
import {
  auditLog,
  demandMembers,
  engagementHistory,
  handovers,
  memberNotes,
  members,
  tasks,
  workplaces,
} from '../../db/schema';

let t: TestApp;
const clock = new Date('2026-04-01T01:00:00Z');

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
afterAll(async () => {
  await t?.close();
});

const MISSING = '00000000-0000-4000-8000-000000000000';
type Staff = Awaited<ReturnType<TestApp['addUser']>>;

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
async function ok<T = any>(res: Promise<{ status: number; body: T }>, status = 201) {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
}

async function disable(user: { id: string }) {
  const current = await t.api('GET', `/api/users/${user.id}`);
  await ok(t.api('PATCH', `/api/users/${user.id}`, { disabled: true, version: current.body.version }), 200);
}

/** Everything a handover must not lose or change, counted table by table. */
async function inventory() {
  const result = await t.db.execute(sql`select
    (select count(*)::int from member_notes) as notes,
    (select count(*)::int from member_cases where status = 'open') as open_cases,
    (select count(*)::int from member_cases where status = 'closed') as closed_cases,
    (select count(*)::int from tasks where status = 'open') as open_tasks,
    (select count(*)::int from tasks where status = 'done') as done_tasks,
    (select count(*)::int from engagement_history) as engagement_history,
    (select count(*)::int from demand_members) as demand_links,
    (select count(*)::int from members) as members,
    (select count(*)::int from workplaces) as workplaces,
    (select md5(string_agg(n.id::text || n.body || n.version, ',' order by n.id)) from member_notes n) as notes_hash,
    (select md5(string_agg(c.id::text || c.title || c.status || c.version, ',' order by c.id)) from member_cases c) as cases_hash`);
  return rowsOf<Record<string, unknown>>(result)[0];
}

async function ownersOf(ids: string[]) {
  const rows = await t.db
    .select({ id: members.id, ownerId: members.ownerId, version: members.version })
    .from(members)
    .where(sql`${members.id} = any(${`{${ids.join(',')}}`}::uuid[])`);
  return Object.fromEntries(rows.map((r) => [r.id, r.ownerId]));
}

/** A portfolio: two workplaces, three members with notes, cases, history, demands and tasks. */
async function portfolio(owner: Staff, label: string) {
  const wp1 = await ok(t.api('POST', '/api/workplaces', { name: `${label}第一課`, ownerId: owner.user.id }));
  const wp2 = await ok(t.api('POST', '/api/workplaces', { name: `${label}第二課`, ownerId: owner.user.id }));
  const m = [];
  for (const [i, wp] of [wp1, wp1, wp2].entries()) {
    m.push(
      await ok(
        t.api('POST', '/api/members', {
          name: `${label} 組合員${i + 1}`,
          nameKana: `${label}クミアイイン${i + 1}`,
          workplaceId: wp.id,
          ownerId: owner.user.id,
          engagement: 'regular',
        }),
      ),
    );
  }
  for (const member of m) {
    await ok(
      t.api('POST', `/api/members/${member.id}/notes`, { channel: 'visit', body: `${member.name}と面談` }),
    );
  }
  await ok(t.api('POST', `/api/members/${m[0].id}/cases`, { title: '残業の相談', dueOn: '2026-05-01' }));
  const closed = await ok(t.api('POST', `/api/members/${m[1].id}/cases`, { title: '解決済み' }));
  await ok(
    t.api('PATCH', `/api/members/${m[1].id}/cases/${closed.id}`, {
      version: closed.version,
      status: 'closed',
      outcome: '解決',
    }),
    200,
  );
  await ok(
    t.api('PATCH', `/api/members/${m[2].id}`, {
      version: m[2].version,
      engagement: 'rare',
      engagementReason: '夜勤で集会に来られない',
    }),
    200,
  );
  const demand = await ok(t.api('POST', '/api/demands', { title: `${label}の人員増` }));
  await ok(t.api('PUT', `/api/demands/${demand.id}/members/${m[0].id}`), 200);
  const task = (body: Record<string, unknown>) =>
    ok(t.api('POST', '/api/tasks', { assigneeId: owner.user.id, ...body }));
  const memberTask = await task({ title: '面談', subjectType: 'member', subjectId: m[0].id });
  const otherMemberTask = await task({ title: '電話', subjectType: 'member', subjectId: m[2].id });
  const workplaceTask = await task({ title: '職場集会', subjectType: 'workplace', subjectId: wp1.id });
  const looseTask = await task({ title: '書類整理' });
  const doneTask = await task({ title: '済んだ面談', subjectType: 'member', subjectId: m[0].id });
  await ok(t.api('PATCH', `/api/tasks/${doneTask.id}`, { version: doneTask.version, status: 'done' }), 200);
  return { wp1, wp2, m, demand, memberTask, otherMemberTask, workplaceTask, looseTask, doneTask };
}

describe('POST /api/handover', () => {
  it('moves the whole portfolio and loses nothing', async () => {
    const from = await t.addUser('officer');
    const to = await t.addUser('officer');
    const p = await portfolio(from, '甲');
    await disable(from.user);
    const before = await inventory();
    const memberIds = p.m.map((x) => x.id);

    const res = await t.api('POST', '/api/handover', {
      fromUserId: from.user.id,
      toUserId: to.user.id,
      note: '異動のため。甲第一課は夜勤が多い。',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      fromUserId: from.user.id,
      fromUserName: from.user.displayName,
      toUserId: to.user.id,
      toUserName: to.user.displayName,
      createdBy: t.admin.id,
      createdByName: t.admin.displayName,
      note: '異動のため。甲第一課は夜勤が多い。',
      memberCount: 3,
      workplaceCount: 2,
      taskCount: 4,
      openCaseCount: 1,
      createdAt: clock.toISOString(),
    });

    // Nothing lost, nothing else changed.
    expect(await inventory()).toEqual(before);
    // Ownership moved, with the version bumped as every write does.
    expect(await ownersOf(memberIds)).toEqual(Object.fromEntries(memberIds.map((id) => [id, to.user.id])));
    const moved = await t.api('GET', `/api/members/${p.m[0].id}`);
    expect(moved.body.version).toBe(p.m[0].version + 1);
    for (const wp of [p.wp1, p.wp2]) {
      const [row] = await t.db.select().from(workplaces).where(eq(workplaces.id, wp.id));
      expect(row).toMatchObject({ ownerId: to.user.id, version: wp.version + 1 });
    }
    const taskRows = await t.db
      .select()
      .from(tasks)
      .where(sql`${tasks.title} in ('面談','電話','職場集会','書類整理','済んだ面談')`);
    const assignee = (id: string) => taskRows.find((r) => r.id === id)?.assigneeId;
    for (const open of [p.memberTask, p.otherMemberTask, p.workplaceTask, p.looseTask]) {
      expect(assignee(open.id)).toBe(to.user.id);
    }
    // A done task keeps who did it.
    expect(assignee(p.doneTask.id)).toBe(from.user.id);

    // The history shows the old officer.
    const history = await t.api('GET', `/api/handovers?userId=${from.user.id}`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((h: { id: string }) => h.id)).toEqual([res.body.id]);
    expect(history.body.total).toBe(1);
    expect((await t.api('GET', `/api/handovers/${res.body.id}`)).body).toEqual(res.body);

    // Each member's timeline tells it.
    const timeline = await t.api('GET', `/api/members/${p.m[2].id}/timeline`);
    const event = timeline.body.items.find((i: { kind: string }) => i.kind === 'handover');
    expect(event).toMatchObject({
      id: `handover:${res.body.id}`,
      date: '2026-04-01',
      fromUserName: from.user.displayName,
      toUserName: to.user.displayName,
      body: '異動のため。甲第一課は夜勤が多い。',
      actorName: t.admin.displayName,
      refId: res.body.id,
    });
    const other = timeline.body.items.find((i: { kind: string }) => i.kind === 'note');
    expect(other).toMatchObject({ fromUserName: null, toUserName: null });

    // The audit trail has the event with its counts, and the row writes attributed to the admin.
    const events = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'handover'), eq(auditLog.recordId, res.body.id)));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: t.admin.id,
      subjectId: from.user.id,
      details: {
        fromUserId: from.user.id,
        toUserId: to.user.id,
        memberCount: 3,
        workplaceCount: 2,
        taskCount: 4,
      },
    });
    const memberWrites = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'update'),
          eq(auditLog.tableName, 'members'),
          sql`${auditLog.recordId} = any(${`{${memberIds.join(',')}}`}::text[])`,
          eq(auditLog.actorId, t.admin.id),
          sql`${auditLog.after} ->> 'owner_id' = ${to.user.id}`,
        ),
      );
    expect(memberWrites[0]!.n).toBe(3);

    // Nothing left to hand over: a second try is refused and writes nothing.
    const again = await t.api('POST', '/api/handover', { fromUserId: from.user.id, toUserId: to.user.id });
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({
      message: 'Nothing to hand over',
      fields: { fromUserId: 'has nothing to hand over' },
    });
  });

  it('moves only the members and workplaces named, with the open tasks about them', async () => {
    const from = await t.addUser('officer');
    const to = await t.addUser('admin');
    const p = await portfolio(from, '乙');
    const before = await inventory();

    const res = await t.api('POST', '/api/handover', {
      fromUserId: from.user.id,
      toUserId: to.user.id,
      memberIds: [p.m[0].id, p.m[0].id],
      workplaceIds: [p.wp1.id],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      memberCount: 1,
      workplaceCount: 1,
      taskCount: 2,
      openCaseCount: 1,
      note: null,
    });
    expect(await inventory()).toEqual(before);
    expect(await ownersOf(p.m.map((x) => x.id))).toEqual({
      [p.m[0].id]: to.user.id,
      [p.m[1].id]: from.user.id,
      [p.m[2].id]: from.user.id,
    });
    const wps = await t.db.select().from(workplaces).where(sql`${workplaces.name} like '乙%'`);
    expect(Object.fromEntries(wps.map((w) => [w.id, w.ownerId]))).toEqual({
      [p.wp1.id]: to.user.id,
      [p.wp2.id]: from.user.id,
    });
    const open = await t.db
      .select({ id: tasks.id, assigneeId: tasks.assigneeId })
      .from(tasks)
      .where(
        sql`${tasks.id} = any(${`{${[p.memberTask.id, p.workplaceTask.id, p.otherMemberTask.id, p.looseTask.id].join(',')}}`}::uuid[])`,
      );
    expect(Object.fromEntries(open.map((r) => [r.id, r.assigneeId]))).toEqual({
      [p.memberTask.id]: to.user.id,
      [p.workplaceTask.id]: to.user.id,
      [p.otherMemberTask.id]: from.user.id,
      [p.looseTask.id]: from.user.id,
    });
    // Only the moved member's timeline has the event.
    const kinds = async (id: string) =>
      (await t.api('GET', `/api/members/${id}/timeline`)).body.items.map((i: { kind: string }) => i.kind);
    expect(await kinds(p.m[0].id)).toContain('handover');
    expect(await kinds(p.m[1].id)).not.toContain('handover');

    // Members only: no workplace moves, and the rest of the portfolio follows in a default handover.
    const membersOnly = await ok(
      t.api('POST', '/api/handover', {
        fromUserId: from.user.id,
        toUserId: to.user.id,
        memberIds: [p.m[1].id],
      }),
    );
    expect(membersOnly).toMatchObject({ memberCount: 1, workplaceCount: 0, taskCount: 0, openCaseCount: 0 });
    const rest = await ok(t.api('POST', '/api/handover', { fromUserId: from.user.id, toUserId: to.user.id }));
    expect(rest).toMatchObject({ memberCount: 1, workplaceCount: 1, taskCount: 2 });
  });

  it('refuses bad input with field errors and writes nothing', async () => {
    const from = await t.addUser('officer');
    const to = await t.addUser('officer');
    const executive = await t.addUser('executive');
    const rep = await t.addUser('rep');
    const gone = await t.addUser('officer');
    await disable(gone.user);
    const p = await portfolio(from, '丙');
    const stranger = await ok(t.api('POST', '/api/members', { name: '他人 太郎', ownerId: to.user.id }));
    const strangerWp = await ok(t.api('POST', '/api/workplaces', { name: '丙他課', ownerId: to.user.id }));
    const before = await inventory();
    const owners = await ownersOf(p.m.map((x) => x.id));
    const [{ n: handoverCount }] = (await t.db.select({ n: sql<number>`count(*)::int` }).from(handovers)) as [
      { n: number },
    ];

    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ fromUserId: from.user.id, toUserId: from.user.id }, { toUserId: 'must differ from fromUserId' }],
      [{ fromUserId: MISSING, toUserId: to.user.id }, { fromUserId: 'is not a staff user' }],
      [{ fromUserId: from.user.id, toUserId: MISSING }, { toUserId: 'is not a staff user' }],
      [{ fromUserId: from.user.id, toUserId: gone.user.id }, { toUserId: 'is a disabled account' }],
      [
        { fromUserId: from.user.id, toUserId: executive.user.id },
        { toUserId: 'must be an administrator or officer' },
      ],
      [
        { fromUserId: from.user.id, toUserId: rep.user.id },
        { toUserId: 'must be an administrator or officer' },
      ],
      [
        { fromUserId: from.user.id, toUserId: to.user.id, memberIds: [p.m[0].id, stranger.id, MISSING] },
        { memberIds: `are not members owned by fromUserId: ${stranger.id}, ${MISSING}` },
      ],
      [
        {
          fromUserId: from.user.id,
          toUserId: to.user.id,
          workplaceIds: [strangerWp.id],
          memberIds: [p.m[1].id],
        },
        { workplaceIds: `are not workplaces owned by fromUserId: ${strangerWp.id}` },
      ],
      [{ fromUserId: 'nope', toUserId: to.user.id }, { fromUserId: 'must be a valid id' }],
      [{ toUserId: to.user.id }, { fromUserId: 'is required' }],
      [
        { fromUserId: from.user.id, toUserId: to.user.id, memberIds: ['x'] },
        { 'memberIds.0': 'must be a valid id' },
      ],
      [{ fromUserId: from.user.id, toUserId: to.user.id, extra: 1 }, { extra: 'is not a known field' }],
      [
        { fromUserId: from.user.id, toUserId: to.user.id, memberIds: [], workplaceIds: [] },
        { fromUserId: 'has nothing to hand over' },
      ],
    ];
    for (const [body, fields] of cases) {
      const res = await t.api('POST', '/api/handover', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields, JSON.stringify(body)).toEqual(fields);
    }
    expect(await inventory()).toEqual(before);
    expect(await ownersOf(p.m.map((x) => x.id))).toEqual(owners);
    const [{ n: after }] = (await t.db.select({ n: sql<number>`count(*)::int` }).from(handovers)) as [
      { n: number },
    ];
    expect(after).toBe(handoverCount);
  });

  it('is for administrators and officers only', async () => {
    const from = await t.addUser('officer');
    const to = await t.addUser('officer');
    await portfolio(from, '丁');
    const body = { fromUserId: from.user.id, toUserId: to.user.id };
    for (const role of ['executive', 'rep'] as const) {
      const user = await t.addUser(role);
      const as = t.as(user.cookie);
      expect((await as('POST', '/api/handover', body)).status).toBe(403);
      expect((await as('GET', '/api/handovers')).status).toBe(403);
      expect((await as('GET', '/api/handover/pending')).status).toBe(403);
    }
    // Pending handovers are an admin's list; officers may hand over and read the history.
    const officer = await t.addUser('officer');
    expect((await t.as(officer.cookie)('GET', '/api/handover/pending')).status).toBe(403);
    expect((await t.as(officer.cookie)('GET', '/api/handovers')).status).toBe(200);
    const done = await t.as(officer.cookie)('POST', '/api/handover', body);
    expect(done.status).toBe(201);
    expect(done.body.createdBy).toBe(officer.user.id);
  });

  it('rolls everything back when a step fails half-way', async () => {
    const from = await t.addUser('officer');
    const to = await t.addUser('officer');
    const p = await portfolio(from, '戊');
    const before = await inventory();
    const owners = await ownersOf(p.m.map((x) => x.id));
    // The handover row is written after members, workplaces and tasks were updated: make it fail.
    await t.db.execute(
      sql.raw(`create function fail_handover() returns trigger language plpgsql as $$
      begin raise exception 'handover refused by test'; end $$`),
    );
    await t.db.execute(
      sql.raw(
        'create trigger fail_handover before insert on handovers for each row execute function fail_handover()',
      ),
    );
    try {
      const res = await t.api('POST', '/api/handover', { fromUserId: from.user.id, toUserId: to.user.id });
      expect(res.status).toBe(500);
    } finally {
      await t.db.execute(sql.raw('drop trigger fail_handover on handovers'));
      await t.db.execute(sql.raw('drop function fail_handover()'));
    }
    expect(await inventory()).toEqual(before);
    expect(await ownersOf(p.m.map((x) => x.id))).toEqual(owners);
    const [wp] = await t.db.select().from(workplaces).where(eq(workplaces.id, p.wp1.id));
    expect(wp).toMatchObject({ ownerId: from.user.id, version: p.wp1.version });
    const [task] = await t.db.select().from(tasks).where(eq(tasks.id, p.looseTask.id));
    expect(task).toMatchObject({ assigneeId: from.user.id, version: p.looseTask.version });
    const events = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'handover'), eq(auditLog.subjectId, from.user.id)));
    expect(events[0]!.n).toBe(0);
  });
});

describe('GET /api/handover/pending', () => {
  it('lists disabled users who still own something, until it is handed over', async () => {
    const from = await t.addUser('officer');
    const to = await t.addUser('officer');
    const idle = await t.addUser('officer');
    await portfolio(from, '己');
    await disable(from.user);
    await disable(idle.user);
    const res = await t.api('GET', '/api/handover/pending');
    expect(res.status).toBe(200);
    const mine = res.body.items.find((i: { userId: string }) => i.userId === from.user.id);
    expect(mine).toEqual({
      userId: from.user.id,
      displayName: from.user.displayName,
      email: from.user.email,
      role: 'officer',
      memberCount: 3,
      workplaceCount: 2,
      taskCount: 4,
    });
    const ids = res.body.items.map((i: { userId: string }) => i.userId);
    expect(ids).not.toContain(idle.user.id);
    expect(ids).not.toContain(to.user.id);
    await ok(t.api('POST', '/api/handover', { fromUserId: from.user.id, toUserId: to.user.id }));
    const after = await t.api('GET', '/api/handover/pending');
    expect(after.body.items.map((i: { userId: string }) => i.userId)).not.toContain(from.user.id);
  });
});

describe('briefings', () => {
  it("gathers a member's basics, trend, cases, latest notes, demands and tasks", async () => {
    const owner = await t.addUser('officer');
    const other = await t.addUser('officer');
    const wp = await ok(t.api('POST', '/api/workplaces', { name: '庚課', ownerId: owner.user.id }));
    const m = await ok(
      t.api('POST', '/api/members', {
        name: '庚 花子',
        nameKana: 'かのえ はなこ',
        workplaceId: wp.id,
        ownerId: owner.user.id,
        unionRole: 'workplace_rep',
        engagement: 'regular',
        concerns: '夜勤の人員不足',
        nextAction: '面談で要求をまとめる',
        nextActionDueOn: '2026-04-20',
      }),
    );
    // Thirteen months ago the engagement was recorded differently: before the window.
    await t.db.insert(engagementHistory).values({
      memberId: m.id,
      from: null,
      to: 'active_core',
      changedAt: new Date('2025-03-01T00:00:00Z'),
      reason: '古い記録',
    });
    await ok(
      t.api('PATCH', `/api/members/${m.id}`, {
        version: m.version,
        engagement: 'at_risk',
        engagementReason: '上司と対立',
      }),
      200,
    );
    for (let i = 1; i <= 7; i++) {
      await ok(
        t.api('POST', `/api/members/${m.id}/notes`, {
          occurredOn: `2026-03-0${i}`,
          channel: i % 2 ? 'phone' : 'visit',
          body: `相談${i}`,
        }),
      );
    }
    const plain = await ok(
      t.api('POST', `/api/members/${m.id}/cases`, { title: '残業代', dueOn: '2026-04-10' }),
    );
    const secret = await ok(
      t.api('POST', `/api/members/${m.id}/cases`, { title: 'ハラスメント相談', sensitive: true }),
    );
    const demand = await ok(t.api('POST', '/api/demands', { title: '夜勤手当の増額', priority: 'high' }));
    await ok(t.api('PUT', `/api/demands/${demand.id}/members/${m.id}`), 200);
    const ownersTask = await ok(
      t.api('POST', '/api/tasks', {
        title: '面談',
        assigneeId: owner.user.id,
        subjectType: 'member',
        subjectId: m.id,
      }),
    );
    const othersTask = await ok(
      t.api('POST', '/api/tasks', {
        title: '資料',
        assigneeId: other.user.id,
        subjectType: 'member',
        subjectId: m.id,
      }),
    );

    const res = await t.as(owner.cookie)('GET', `/api/members/${m.id}/briefing`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const b = res.body;
    expect(b.member).toMatchObject({
      id: m.id,
      name: '庚 花子',
      nameKana: 'カノエ ハナコ',
      workplaceId: wp.id,
      workplaceName: '庚課',
      unionRole: 'workplace_rep',
      ownerId: owner.user.id,
      ownerName: owner.user.displayName,
      engagement: 'at_risk',
      concerns: '夜勤の人員不足',
      nextAction: '面談で要求をまとめる',
      nextActionDueOn: '2026-04-20',
    });
    expect(b.engagementTrend.since).toBe('2025-04-01T01:00:00.000Z');
    expect(b.engagementTrend.atStart).toBe('active_core');
    expect(b.engagementTrend.changes.map((c: { from: string; to: string }) => [c.from, c.to])).toEqual([
      [null, 'regular'],
      ['regular', 'at_risk'],
    ]);
    expect(b.engagementTrend.changes[1]).toMatchObject({
      reason: '上司と対立',
      changedByName: t.admin.displayName,
    });
    expect(b.recentNotes.map((n: { body: string }) => n.body)).toEqual([
      '相談7',
      '相談6',
      '相談5',
      '相談4',
      '相談3',
    ]);
    expect(b.recentNotes[0]).toMatchObject({
      occurredOn: '2026-03-07',
      channel: 'phone',
      authorName: t.admin.displayName,
    });
    expect(b.openCases.map((c: { id: string }) => c.id)).toEqual([plain.id, secret.id]);
    expect(b.openCases[1]).toMatchObject({ title: 'ハラスメント相談', sensitive: true });
    expect(b.demands).toEqual([
      { id: demand.id, title: '夜勤手当の増額', status: 'not_submitted', priority: 'high' },
    ]);
    // An officer sees their own and unassigned tasks; the admin sees all.
    const ownerTasks = b.openTasks.map((x: { id: string }) => x.id);
    expect(ownerTasks).toContain(ownersTask.id);
    expect(ownerTasks).not.toContain(othersTask.id);
    const adminTasks = (await t.api('GET', `/api/members/${m.id}/briefing`)).body.openTasks.map(
      (x: { id: string }) => x.id,
    );
    expect(adminTasks).toEqual(expect.arrayContaining([ownersTask.id, othersTask.id]));

    // Showing the sensitive case is audited.
    const reads = await t.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'read_sensitive'),
          eq(auditLog.recordId, secret.id),
          eq(auditLog.actorId, owner.user.id),
        ),
      );
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ subjectId: m.id, details: { via: 'briefing' } });

    // An executive reads the briefing without the sensitive case (and nothing is audited as read).
    const executive = await t.addUser('executive');
    // The follow-up tasks of both cases (as the workflow makes them), assigned to the executive:
    // the one of the sensitive case would reveal it.
    const followUps = await t.db
      .insert(tasks)
      .values(
        [plain, secret].map((c) => ({
          title: '庚 花子さん 相談案件のフォローアップ',
          assigneeId: executive.user.id,
          subjectType: 'member' as const,
          subjectId: m.id,
          ruleId: 'case_due_follow_up',
          onceKey: `case_due_follow_up:${c.id}:2026-04-01`,
        })),
      )
      .returning({ id: tasks.id });
    const asExecutive = await t.as(executive.cookie)('GET', `/api/members/${m.id}/briefing`);
    expect(asExecutive.status).toBe(200);
    expect(asExecutive.body.openCases.map((c: { id: string }) => c.id)).toEqual([plain.id]);
    expect(asExecutive.body.openTasks.map((x: { id: string }) => x.id)).toEqual([followUps[0]!.id]);
    const allTasks = (await t.api('GET', `/api/members/${m.id}/briefing`)).body.openTasks;
    expect(allTasks.map((x: { id: string }) => x.id)).toEqual(
      expect.arrayContaining(followUps.map((f) => f.id)),
    );
    const executiveReads = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'read_sensitive'), eq(auditLog.actorId, executive.user.id)));
    expect(executiveReads).toHaveLength(0);

    // A rep reaches the members of their workplaces only; others are 404 like missing ones.
    const rep = await t.addUser('rep');
    const repUser = await t.api('GET', `/api/users/${rep.user.id}`);
    await ok(
      t.api('PATCH', `/api/users/${rep.user.id}`, { workplaceIds: [wp.id], version: repUser.body.version }),
      200,
    );
    const elsewhere = await ok(t.api('POST', '/api/members', { name: '別 職場' }));
    const asRep = t.as(rep.cookie);
    const repView = await asRep('GET', `/api/members/${m.id}/briefing`);
    expect(repView.status).toBe(200);
    expect(repView.body.openCases.map((c: { id: string }) => c.id)).toEqual([plain.id]);
    expect((await asRep('GET', `/api/members/${elsewhere.id}/briefing`)).status).toBe(404);
    expect((await asRep('GET', `/api/members/${MISSING}/briefing`)).status).toBe(404);
  });

  it("pages a handover's briefings with a fixed number of queries however many members it moved", async () => {
    const to = await t.addUser('officer');
    const count = async (path: string) => {
      const client = (t.db as unknown as { $client: { query: (...a: unknown[]) => unknown } }).$client;
      const original = client.query;
      let n = 0;
      client.query = function (this: unknown, ...args: unknown[]) {
        n++;
        return original.apply(this, args);
      };
      try {
        const res = await t.api('GET', path);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        return { n, body: res.body };
      } finally {
        client.query = original;
      }
    };
    const handOver = async (size: number) => {
      const from = await t.addUser('officer');
      const rows = await t.db
        .insert(members)
        .values(
          Array.from({ length: size }, (_, i) => ({
            name: `辛 ${size}-${i}`,
            nameKana: `カノト ${String(i).padStart(3, '0')}`,
            ownerId: from.user.id,
          })),
        )
        .returning({ id: members.id });
      await t.db.insert(memberNotes).values(
        rows.flatMap((r) =>
          [1, 2].map((k) => ({
            memberId: r.id,
            occurredOn: `2026-03-0${k}`,
            channel: 'visit' as const,
            body: `メモ${k}`,
          })),
        ),
      );
      await t.db
        .insert(engagementHistory)
        .values(rows.map((r) => ({ memberId: r.id, to: 'occasional' as const })));
      const demand = await ok(t.api('POST', '/api/demands', { title: `辛の要求${size}` }));
      await t.db.insert(demandMembers).values(rows.map((r) => ({ demandId: demand.id, memberId: r.id })));
      await t.db.insert(tasks).values(
        rows.map((r) => ({
          title: '辛の面談',
          assigneeId: from.user.id,
          subjectType: 'member' as const,
          subjectId: r.id,
        })),
      );
      return ok(t.api('POST', '/api/handover', { fromUserId: from.user.id, toUserId: to.user.id }));
    };
    const one = await handOver(1);
    const fifty = await handOver(50);
    expect(fifty).toMatchObject({ memberCount: 50, taskCount: 50 });

    const small = await count(`/api/handovers/${one.id}/briefings`);
    const large = await count(`/api/handovers/${fifty.id}/briefings?limit=50`);
    expect(large.body.items).toHaveLength(50);
    expect(large.body.total).toBe(50);
    expect(large.n).toBe(small.n);
    expect(large.n).toBeLessThanOrEqual(16);
    for (const b of large.body.items) {
      expect(b.recentNotes.map((n: { body: string }) => n.body)).toEqual(['メモ2', 'メモ1']);
      expect(b.demands).toHaveLength(1);
      expect(b.openTasks).toHaveLength(1);
      expect(b.member.ownerId).toBe(to.user.id);
      expect(b.engagementTrend.changes).toHaveLength(1);
    }
    // Kana order, a page at a time.
    const first = await t.api('GET', `/api/handovers/${fifty.id}/briefings?limit=20`);
    expect(first.body.items.map((b: { member: { nameKana: string } }) => b.member.nameKana)).toEqual(
      Array.from({ length: 20 }, (_, i) => `カノト ${String(i).padStart(3, '0')}`),
    );
    const second = await t.api(
      'GET',
      `/api/handovers/${fifty.id}/briefings?limit=20&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items[0].member.nameKana).toBe('カノト 020');
    expect((await t.api('GET', `/api/handovers/${MISSING}/briefings`)).status).toBe(404);
    const executive = await t.addUser('executive');
    expect((await t.as(executive.cookie)('GET', `/api/handovers/${fifty.id}/briefings`)).status).toBe(403);
  });
});
