import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/app';
import { auditLog, engagementHistory, memberNotes, members, tasks, workplaces } from '../../db/schema';
import { createUser } from '../../services/users/create-user';

/**
 * Bulk actions (POST /api/members/bulk, POST /api/tasks/bulk): ids or the list's filters,
 * within the caller's scope and by the single action's permissions, set-based, one
 * transaction, one audit event per request beside the row audit of each write.
 */

let t: TestApp;
let A: string;
let B: string;
let rep: { id: string; call: TestApp['api'] };
let exec: { id: string; call: TestApp['api'] };
let officer: { id: string; call: TestApp['api'] };
const inA: string[] = [];
const inB: string[] = [];
const MISSING = '00000000-0000-4000-8000-000000000000';

async function user(role: 'rep' | 'executive' | 'officer', workplaceIds: string[]) {
  const email = `${role}-bulk-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const u = await createUser(t.db, {
    email,
    displayName: `${role} bulk`,
    role,
    password: TEST_PASSWORD,
    workplaceIds,
  });
  return { id: u.id, call: t.as(await t.signIn(email)) };
}

const memberRows = (ids: string[]) =>
  t.db
    .select({
      id: members.id,
      engagement: members.engagement,
      ownerId: members.ownerId,
      version: members.version,
    })
    .from(members)
    .where(inArray(members.id, ids));

const count = async (
  table: typeof memberNotes | typeof engagementHistory | typeof tasks | typeof auditLog,
  where?: ReturnType<typeof sql>,
) => (await t.db.select({ n: sql<number>`count(*)::int` }).from(table).where(where))[0]!.n;

async function lastAudit(action: string) {
  const [row] = await t.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, action))
    .orderBy(sql`${auditLog.id} desc`)
    .limit(1);
  return row!;
}

beforeAll(async () => {
  t = await createTestApp();
  const [a, b] = await t.db
    .insert(workplaces)
    .values([{ name: '第一製造部' }, { name: '第二製造部' }])
    .returning({ id: workplaces.id });
  A = a!.id;
  B = b!.id;
  const rows = await t.db
    .insert(members)
    .values([
      { name: '青木 一郎', nameKana: 'アオキ イチロウ', workplaceId: A, engagement: 'regular' as const },
      { name: '石井 二郎', nameKana: 'イシイ ジロウ', workplaceId: A, engagement: 'regular' as const },
      { name: '上田 三郎', nameKana: 'ウエダ サブロウ', workplaceId: A, engagement: 'occasional' as const },
      { name: '江藤 四郎', nameKana: 'エトウ シロウ', workplaceId: A, engagement: 'at_risk' as const },
      { name: '木村 七子', nameKana: 'キムラ ナナコ', workplaceId: B, engagement: 'regular' as const },
      { name: '工藤 八子', nameKana: 'クドウ ハチコ', workplaceId: B, engagement: 'regular' as const },
    ])
    .returning({ id: members.id, workplaceId: members.workplaceId });
  for (const r of rows) (r.workplaceId === A ? inA : inB).push(r.id);
  rep = await user('rep', [A]);
  exec = await user('executive', []);
  officer = await user('officer', []);
});

afterAll(async () => {
  await t?.close();
});

describe('POST /api/members/bulk set_engagement', () => {
  it('changes each selected member once: history, version, at-risk follow-up, one audit event', async () => {
    const chosen = [inA[0]!, inA[1]!, inA[3]!]; // two regular, one already at risk
    const before = await memberRows(chosen);
    const res = await t.api('POST', '/api/members/bulk', {
      action: 'set_engagement',
      memberIds: chosen,
      engagement: 'at_risk',
      engagementReason: '春闘アンケート未回答',
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ changed: 2, skipped: 1, replayed: false });
    const after = await memberRows(chosen);
    for (const m of after) {
      const was = before.find((b) => b.id === m.id)!;
      expect(m.engagement).toBe('at_risk');
      expect(m.version).toBe(m.id === inA[3] ? was.version : was.version + 1);
    }
    const history = await t.db
      .select()
      .from(engagementHistory)
      .where(
        and(
          inArray(engagementHistory.memberId, chosen),
          eq(engagementHistory.reason, '春闘アンケート未回答'),
        ),
      );
    expect(history.map((h) => h.memberId).sort()).toEqual([inA[0]!, inA[1]!].sort());
    expect(new Set(history.map((h) => h.from))).toEqual(new Set(['regular']));
    const followUps = await t.db
      .select({ subjectId: tasks.subjectId })
      .from(tasks)
      .where(and(eq(tasks.ruleId, 'at_risk_follow_up'), inArray(tasks.subjectId, chosen)));
    expect(followUps.map((f) => f.subjectId).sort()).toEqual([inA[0]!, inA[1]!].sort());
    const event = await lastAudit('bulk_members');
    expect(event.details).toMatchObject({
      action: 'set_engagement',
      changed: 2,
      skipped: 1,
      selection: 'ids',
      requested: 3,
    });

    // A retry changes nothing more (naturally idempotent).
    const again = await t.api('POST', '/api/members/bulk', {
      action: 'set_engagement',
      memberIds: chosen,
      engagement: 'at_risk',
      engagementReason: '春闘アンケート未回答',
    });
    expect(again.body).toEqual({ changed: 0, skipped: 3, replayed: false });
  });

  it("a rep's change by filter touches only their workplaces' members; other ids are not counted", async () => {
    const bBefore = await memberRows(inB);
    const res = await rep.call('POST', '/api/members/bulk', {
      action: 'set_engagement',
      filter: {},
      engagement: 'occasional',
      engagementReason: '職場集会の出席',
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.changed + res.body.skipped).toBe(inA.length);
    expect(await memberRows(inB)).toEqual(bBefore);
    for (const m of await memberRows(inA)) expect(m.engagement).toBe('occasional');

    const byIds = await rep.call('POST', '/api/members/bulk', {
      action: 'set_engagement',
      memberIds: [...inB, inA[0]!, MISSING],
      engagement: 'regular',
      engagementReason: '戻す',
    });
    expect(byIds.body).toEqual({ changed: 1, skipped: 0, replayed: false });
    expect(await memberRows(inB)).toEqual(bBefore);
  });

  it('an executive may not (as with the single change); a rep may not set owners', async () => {
    for (const body of [
      { action: 'set_engagement', filter: {}, engagement: 'regular', engagementReason: 'x' },
      { action: 'add_note', filter: {}, note: { body: 'x' } },
      { action: 'set_owner', filter: {}, ownerId: null },
    ]) {
      const res = await exec.call('POST', '/api/members/bulk', body);
      expect(res.status, res.text).toBe(403);
    }
    const res = await rep.call('POST', '/api/members/bulk', {
      action: 'set_owner',
      filter: {},
      ownerId: rep.id,
    });
    expect(res.status).toBe(403);
  });

  it('a failure after the writes rolls back every one of them', async () => {
    const before = await memberRows([...inA, ...inB]);
    const historyBefore = await count(engagementHistory);
    const tasksBefore = await count(tasks);
    await t.db.execute(sql`create function bulk_test_fail() returns trigger language plpgsql as $$
      begin if new.action = 'bulk_members' then raise exception 'injected'; end if; return new; end $$`);
    await t.db.execute(
      sql`create trigger bulk_test_fail before insert on audit_log for each row execute function bulk_test_fail()`,
    );
    try {
      const res = await t.api('POST', '/api/members/bulk', {
        action: 'set_engagement',
        filter: {},
        engagement: 'at_risk',
        engagementReason: '失敗するはず',
      });
      expect(res.status).toBe(500);
    } finally {
      await t.db.execute(sql`drop trigger bulk_test_fail on audit_log`);
      await t.db.execute(sql`drop function bulk_test_fail()`);
    }
    expect(await memberRows([...inA, ...inB])).toEqual(before);
    expect(await count(engagementHistory)).toBe(historyBefore);
    expect(await count(tasks)).toBe(tasksBefore);
  });
});

describe('POST /api/members/bulk set_owner', () => {
  it('skips and counts the members a rep owner cannot see', async () => {
    const res = await t.api('POST', '/api/members/bulk', {
      action: 'set_owner',
      filter: {},
      ownerId: rep.id,
    });
    expect(res.status, res.text).toBe(200);
    const all = await memberRows([...inA, ...inB]);
    expect(res.body.changed).toBe(inA.length);
    expect(res.body.skipped).toBe(all.length - inA.length);
    for (const m of all) expect(m.ownerId).toBe(inA.includes(m.id) ? rep.id : null);
  });

  it('an unknown owner is a 400 on ownerId and writes nothing', async () => {
    const before = await memberRows([...inA, ...inB]);
    const res = await t.api('POST', '/api/members/bulk', {
      action: 'set_owner',
      filter: {},
      ownerId: MISSING,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty('ownerId');
    expect(await memberRows([...inA, ...inB])).toEqual(before);
  });
});

describe('POST /api/members/bulk with the list’s custom field filters', () => {
  it('acts on the members whose field holds the value, as the list shows them; a bad cf entry is a 400 that writes nothing', async () => {
    const field = await t.api('POST', '/api/custom-fields', {
      entity: 'member',
      key: 'bulk_shift',
      labelJa: '勤務形態（一括）',
      labelEn: 'Shift (bulk)',
      type: 'choice',
      options: [
        { value: 'day', labelJa: '日勤', labelEn: 'Day' },
        { value: 'night', labelJa: '夜勤', labelEn: 'Night' },
      ],
    });
    expect(field.status, field.text).toBe(201);
    const night = [inA[0]!, inB[0]!];
    for (const id of [...inA, ...inB]) {
      const [m] = await memberRows([id]);
      const res = await t.api('PATCH', `/api/members/${id}`, {
        version: m!.version,
        customFields: { bulk_shift: night.includes(id) ? 'night' : 'day' },
      });
      expect(res.status, res.text).toBe(200);
    }
    const listed = await t.api('GET', '/api/members?cf.bulk_shift=night&limit=50');
    expect(listed.body.items.map((m: { id: string }) => m.id).sort()).toEqual([...night].sort());

    const res = await t.api('POST', '/api/members/bulk', {
      action: 'set_owner',
      filter: { 'cf.bulk_shift': 'night' },
      ownerId: officer.id,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.changed).toBe(2);
    for (const m of await memberRows([...inA, ...inB]))
      expect(m.ownerId === officer.id).toBe(night.includes(m.id));

    // A demand's bulk link takes the same filter.
    const demand = await t.api('POST', '/api/demands', { title: '夜勤者の仮眠室の整備' });
    expect(demand.status, demand.text).toBe(201);
    const linked = await t.api('PUT', `/api/demands/${demand.body.id}/members`, {
      filter: { 'cf.bulk_shift': 'night' },
    });
    expect(linked.status, linked.text).toBe(200);
    expect(linked.body.linked).toBe(2);

    const before = await memberRows([...inA, ...inB]);
    for (const filter of [{ 'cf.nope': 'x' }, { 'cf.bulk_shift': 'evening' }]) {
      const bad = await t.api('POST', '/api/members/bulk', { action: 'set_owner', filter, ownerId: null });
      expect(bad.status, bad.text).toBe(400);
      expect(Object.keys(bad.body.error.fields)).toEqual([`filter.${Object.keys(filter)[0]}`]);
    }
    expect(await memberRows([...inA, ...inB])).toEqual(before);
  });
});

describe('POST /api/members/bulk add_note and create_task', () => {
  it('adds one note to each member of the filter; an Idempotency-Key replays instead of adding again', async () => {
    const body = {
      action: 'add_note',
      filter: { workplaceId: B },
      note: { body: '一括メモ', channel: 'meeting' },
    };
    const first = await t.api('POST', '/api/members/bulk', body, { 'idempotency-key': 'note-1' });
    expect(first.body).toEqual({ changed: inB.length, skipped: 0, replayed: false });
    const second = await t.api('POST', '/api/members/bulk', body, { 'idempotency-key': 'note-1' });
    expect(second.body).toEqual({ changed: inB.length, skipped: 0, replayed: true });
    expect(await count(memberNotes, sql`${memberNotes.body} = '一括メモ'`)).toBe(inB.length);
    const other = await t.api(
      'POST',
      '/api/members/bulk',
      { ...body, note: { body: '別' } },
      { 'idempotency-key': 'note-1' },
    );
    expect(other.status).toBe(409);
    expect((await lastAudit('bulk_members')).details).toMatchObject({
      action: 'add_note',
      changed: inB.length,
      selection: 'filter',
    });
  });

  it('create_task: a rep assigns only themselves; a rep assignee gets tasks only about members they see', async () => {
    const mine = await rep.call('POST', '/api/members/bulk', {
      action: 'create_task',
      filter: {},
      task: { title: '面談' },
    });
    expect(mine.body).toEqual({ changed: inA.length, skipped: 0, replayed: false });
    const made = await t.db.select().from(tasks).where(eq(tasks.title, '面談'));
    expect(new Set(made.map((m) => m.assigneeId))).toEqual(new Set([rep.id]));
    const other = await rep.call('POST', '/api/members/bulk', {
      action: 'create_task',
      filter: {},
      task: { title: '面談', assigneeId: officer.id },
    });
    expect(other.status).toBe(403);
    const byAdmin = await t.api('POST', '/api/members/bulk', {
      action: 'create_task',
      memberIds: [...inA, ...inB],
      task: { title: '訪問', assigneeId: rep.id, dueOn: '2026-12-01' },
    });
    expect(byAdmin.body).toEqual({ changed: inA.length, skipped: inB.length, replayed: false });
  });
});

describe('POST /api/members/bulk validation', () => {
  it.each([
    [{ action: 'set_engagement', filter: {}, engagement: 'regular' }, 'engagementReason'],
    [{ action: 'set_owner', memberIds: [MISSING], filter: {}, ownerId: null }, 'memberIds'],
    [{ action: 'set_owner', filter: {} }, 'ownerId'],
    [{ action: 'add_note', filter: {}, note: { body: 'x' }, ownerId: null }, 'ownerId'],
    [{ action: 'set_owner', memberIds: Array(10_001).fill(MISSING), ownerId: null }, 'memberIds'],
    [{ action: 'delete', filter: {} }, 'action'],
    [{ action: 'add_note', filter: { nope: 1 }, note: { body: 'x' } }, 'filter'],
  ])('400 on %s (case %#)', async (body, field) => {
    const res = await t.api('POST', '/api/members/bulk', body);
    expect(res.status, res.text).toBe(400);
    expect(
      Object.keys(res.body.error.fields).some((k) => k.startsWith(field)),
      res.text,
    ).toBe(true);
  });
});

describe('POST /api/tasks/bulk', () => {
  async function newTasks(n: number, call = t.api, extra: Record<string, unknown> = {}) {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = await call('POST', '/api/tasks', { title: `一括タスク ${i}`, ...extra });
      expect(res.status, res.text).toBe(201);
      ids.push(res.body.id);
    }
    return ids;
  }

  it('completes the chosen tasks (completedAt, version), and reopen with the answered ids undoes it', async () => {
    const ids = await newTasks(2);
    const res = await t.api('POST', '/api/tasks/bulk', { action: 'complete', taskIds: ids });
    expect(res.status, res.text).toBe(200);
    expect(res.body.changed).toBe(2);
    expect(res.body.taskIds.sort()).toEqual([...ids].sort());
    const done = await t.db.select().from(tasks).where(inArray(tasks.id, ids));
    for (const d of done) {
      expect(d.status).toBe('done');
      expect(d.completedAt).not.toBeNull();
      expect(d.version).toBe(2);
    }
    const undo = await t.api('POST', '/api/tasks/bulk', { action: 'reopen', taskIds: res.body.taskIds });
    expect(undo.body.changed).toBe(2);
    for (const d of await t.db.select().from(tasks).where(inArray(tasks.id, ids))) {
      expect(d.status).toBe('open');
      expect(d.completedAt).toBeNull();
    }
    expect((await lastAudit('bulk_tasks')).details).toMatchObject({
      action: 'reopen',
      changed: 2,
      selection: 'ids',
    });
  });

  it("a rep's bulk touches only tasks the rep may see; a rep reassigns only to themselves", async () => {
    const others = await newTasks(2, officer.call, { assigneeId: officer.id });
    const mine = await newTasks(1, rep.call);
    const res = await rep.call('POST', '/api/tasks/bulk', {
      action: 'complete',
      taskIds: [...others, ...mine],
    });
    expect(res.body).toMatchObject({ changed: 1, skipped: 0 });
    const still = await t.db.select().from(tasks).where(inArray(tasks.id, others));
    for (const s of still) expect(s.status).toBe('open');
    const reassign = await rep.call('POST', '/api/tasks/bulk', {
      action: 'reassign',
      taskIds: mine,
      assigneeId: officer.id,
    });
    expect(reassign.status).toBe(403);
  });

  it('reassigns open tasks (a rep assignee only those about members they see) and moves due dates by filter', async () => {
    const aboutA = await newTasks(1, t.api, { subjectType: 'member', subjectId: inA[0] });
    const aboutB = await newTasks(1, t.api, { subjectType: 'member', subjectId: inB[0] });
    const res = await t.api('POST', '/api/tasks/bulk', {
      action: 'reassign',
      taskIds: [...aboutA, ...aboutB],
      assigneeId: rep.id,
    });
    expect(res.body).toMatchObject({ changed: 1, skipped: 1 });
    const due = await t.api('POST', '/api/tasks/bulk', {
      action: 'set_due',
      filter: { assignee: rep.id, status: 'open' },
      dueOn: '2026-11-30',
    });
    expect(due.status, due.text).toBe(200);
    const repOpen = await t.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.assigneeId, rep.id), eq(tasks.status, 'open')));
    expect(due.body.changed + due.body.skipped).toBe(repOpen.length);
    for (const r of repOpen) expect(r.dueOn).toBe('2026-11-30');
    const bad = await t.api('POST', '/api/tasks/bulk', {
      action: 'reassign',
      filter: {},
      assigneeId: MISSING,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('assigneeId');
  });
});
