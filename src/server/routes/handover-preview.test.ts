import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { rowsOf } from '../../db/queries/records';
import { auditLog } from '../../db/schema';

// Issue 14: a handover asks for confirmation with the counts it will move
// (POST /api/handover/preview), and its printed briefing starts with a summary
// (GET /api/handovers/:id/summary).

let t: TestApp;
// 2026-04-01 (a Wednesday) in Tokyo.
const clock = new Date('2026-04-01T01:00:00Z');

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
afterAll(async () => {
  await t?.close();
});

type Staff = Awaited<ReturnType<TestApp['addUser']>>;

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
async function ok<T = any>(res: Promise<{ status: number; body: T }>, status = 201) {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
}

/** Every table's row count and the audit log's size: a preview must change none of them. */
async function everything() {
  const result = await t.db.execute(sql`select
    (select count(*)::int from members where owner_id is not null) as owned_members,
    (select md5(string_agg(id::text || coalesce(owner_id::text, '') || version, ',' order by id)) from members) as members,
    (select md5(string_agg(id::text || coalesce(owner_id::text, '') || version, ',' order by id)) from workplaces) as workplaces,
    (select md5(string_agg(id::text || coalesce(assignee_id::text, '') || version, ',' order by id)) from tasks) as tasks,
    (select count(*)::int from handovers) as handovers,
    (select count(*)::int from audit_log) as audit`);
  return rowsOf<Record<string, unknown>>(result)[0];
}

/**
 * A portfolio whose parts each count: one at-risk member with an overdue next
 * action, one with a next action due later, one left member with a next action
 * (not due work), open cases (one overdue, one sensitive), a closed one, and tasks.
 */
async function portfolio(owner: Staff, label: string) {
  const wp = await ok(t.api('POST', '/api/workplaces', { name: `${label}製造課`, ownerId: owner.user.id }));
  const member = (name: string, extra: Record<string, unknown>) =>
    ok(t.api('POST', '/api/members', { name, workplaceId: wp.id, ownerId: owner.user.id, ...extra }));
  const risky = await member(`${label} 危険`, {
    engagement: 'at_risk',
    nextAction: '夜勤明けに面談',
    nextActionDueOn: '2026-03-25',
  });
  const later = await member(`${label} 後日`, { nextAction: '集会に誘う', nextActionDueOn: '2026-04-20' });
  const left = await member(`${label} 退職`, {
    status: 'left',
    leftOn: '2026-03-01',
    nextAction: '送別',
    nextActionDueOn: '2026-03-02',
  });
  const quiet = await member(`${label} 静か`, {});
  const kase = (m: { id: string }, body: Record<string, unknown>) =>
    ok(t.api('POST', `/api/members/${m.id}/cases`, { openedOn: '2026-03-01', ...body }));
  const overdueCase = await kase(risky, { title: `${label}残業代`, dueOn: '2026-03-20' });
  const sensitiveCase = await kase(later, {
    title: `${label}ハラスメント`,
    dueOn: '2026-04-10',
    sensitive: true,
  });
  const undated = await kase(quiet, { title: `${label}配置の相談` });
  await kase(quiet, { title: `${label}解決済み`, status: 'closed', closedOn: '2026-03-10', outcome: '解決' });
  await ok(
    t.api('POST', '/api/tasks', {
      title: '面談',
      assigneeId: owner.user.id,
      subjectType: 'member',
      subjectId: later.id,
    }),
  );
  await ok(t.api('POST', '/api/tasks', { title: '書類整理', assigneeId: owner.user.id }));
  return { wp, risky, later, left, quiet, overdueCase, sensitiveCase, undated };
}

/** The same counts, recounted independently from the tables. */
async function recount(ownerId: string) {
  const [row] = rowsOf<Record<string, number>>(
    await t.db.execute(sql`select
      (select count(*)::int from members where owner_id = ${ownerId}) as "memberCount",
      (select count(*)::int from workplaces where owner_id = ${ownerId}) as "workplaceCount",
      (select count(*)::int from tasks where assignee_id = ${ownerId} and status = 'open') as "taskCount",
      (select count(*)::int from member_cases c join members m on m.id = c.member_id
        where m.owner_id = ${ownerId} and c.status = 'open') as "openCaseCount",
      (select count(*)::int from member_cases c join members m on m.id = c.member_id
        where m.owner_id = ${ownerId} and c.status = 'open' and c.due_on < '2026-04-01') as "overdueCaseCount",
      (select count(*)::int from members where owner_id = ${ownerId} and engagement = 'at_risk') as "atRiskCount",
      (select count(*)::int from members where owner_id = ${ownerId} and status = 'active'
        and next_action_due_on is not null) as "nextActionCount",
      (select count(*)::int from members where owner_id = ${ownerId} and status = 'active'
        and next_action_due_on < '2026-04-01') as "overdueNextActionCount"`),
  );
  return row!;
}

describe('POST /api/handover/preview', () => {
  it('counts what the handover will move, writes nothing, and the handover then moves exactly that', async () => {
    const from = await t.addUser('officer');
    const to = await t.addUser('officer');
    await portfolio(from, '甲');
    const expected = await recount(from.user.id);
    expect(expected).toMatchObject({
      memberCount: 4,
      workplaceCount: 1,
      openCaseCount: 3,
      overdueCaseCount: 1,
      atRiskCount: 1,
      nextActionCount: 2,
      overdueNextActionCount: 1,
    });
    const before = await everything();
    const body = { fromUserId: from.user.id, toUserId: to.user.id };
    const preview = await ok(t.api('POST', '/api/handover/preview', body), 200);
    expect(preview).toEqual({
      fromUserId: from.user.id,
      fromUserName: 'officer user',
      toUserId: to.user.id,
      toUserName: 'officer user',
      ...expected,
    });
    // An officer (who does not see another's tasks in lists) gets the same counts the handover reports.
    expect(await ok(t.as(to.cookie)('POST', '/api/handover/preview', body), 200)).toEqual(preview);
    expect(await everything()).toEqual(before);

    const done = await ok(t.api('POST', '/api/handover', body));
    expect(done).toMatchObject({
      memberCount: preview.memberCount,
      workplaceCount: preview.workplaceCount,
      taskCount: preview.taskCount,
      openCaseCount: preview.openCaseCount,
    });
  });

  it('counts only the members and workplaces chosen, with the open tasks about them', async () => {
    const from = await t.addUser('officer');
    const to = await t.addUser('officer');
    const p = await portfolio(from, '乙');
    const preview = await ok(
      t.api('POST', '/api/handover/preview', {
        fromUserId: from.user.id,
        toUserId: to.user.id,
        memberIds: [p.risky.id, p.later.id, p.risky.id],
      }),
      200,
    );
    expect(preview).toMatchObject({
      memberCount: 2,
      workplaceCount: 0,
      // 面談 about the second, and the at-risk follow-up the rule gave the owner about the first.
      taskCount: 2,
      openCaseCount: 2,
      overdueCaseCount: 1,
      atRiskCount: 1,
      nextActionCount: 2,
      overdueNextActionCount: 1,
    });
  });

  it('answers the same 400s as the handover itself', async () => {
    const from = await t.addUser('officer');
    const to = await t.addUser('officer');
    const empty = await t.addUser('officer');
    const rep = await t.addUser('rep');
    const p = await portfolio(from, '丙');
    const stranger = await ok(t.api('POST', '/api/members', { name: '他人', ownerId: to.user.id }));
    const before = await everything();
    for (const body of [
      { fromUserId: from.user.id, toUserId: from.user.id },
      { fromUserId: from.user.id, toUserId: rep.user.id },
      { fromUserId: from.user.id, toUserId: to.user.id, memberIds: [p.risky.id, stranger.id] },
      { fromUserId: empty.user.id, toUserId: to.user.id },
      { fromUserId: from.user.id, toUserId: to.user.id, extra: true },
      { toUserId: to.user.id },
    ]) {
      const preview = await t.api('POST', '/api/handover/preview', body);
      expect(preview.status, JSON.stringify(body)).toBe(400);
      const real = await t.api('POST', '/api/handover', body);
      expect(real.status).toBe(400);
      expect(preview.body.error.fields, JSON.stringify(body)).toEqual(real.body.error.fields);
    }
    expect(await everything()).toEqual(before);
  });

  it('is for administrators and officers only', async () => {
    const from = await t.addUser('officer');
    const to = await t.addUser('officer');
    await portfolio(from, '丁');
    for (const role of ['executive', 'rep'] as const) {
      const user = await t.addUser(role);
      const res = await t.as(user.cookie)('POST', '/api/handover/preview', {
        fromUserId: from.user.id,
        toUserId: to.user.id,
      });
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain('memberCount');
    }
  });
});

describe('GET /api/handovers/:id/summary', () => {
  it('lists at-risk members with their next step, open cases and next actions, overdue first', async () => {
    const from = await t.addUser('officer');
    const to = await t.addUser('officer');
    const p = await portfolio(from, '戊');
    const handover = await ok(
      t.api('POST', '/api/handover', { fromUserId: from.user.id, toUserId: to.user.id }),
    );

    const summary = await ok(t.as(to.cookie)('GET', `/api/handovers/${handover.id}/summary`), 200);
    expect(summary.today).toBe('2026-04-01');
    expect(summary.atRisk).toEqual({
      items: [
        {
          memberId: p.risky.id,
          name: '戊 危険',
          workplaceName: '戊製造課',
          nextAction: '夜勤明けに面談',
          nextActionDueOn: '2026-03-25',
          overdue: true,
        },
      ],
      total: 1,
    });
    expect(summary.openCases.total).toBe(3);
    expect(summary.openCases.overdue).toBe(1);
    expect(summary.openCases.items.map((c: { title: string }) => c.title)).toEqual([
      '戊残業代',
      '戊ハラスメント',
      '戊配置の相談',
    ]);
    expect(summary.openCases.items[0]).toMatchObject({
      caseId: p.overdueCase.id,
      memberName: '戊 危険',
      dueOn: '2026-03-20',
      overdue: true,
      sensitive: false,
    });
    // The left member's next action is not due work.
    expect(summary.nextActions).toEqual({
      items: [
        expect.objectContaining({ memberId: p.risky.id, overdue: true, nextActionDueOn: '2026-03-25' }),
        expect.objectContaining({
          memberId: p.later.id,
          overdue: false,
          nextAction: '集会に誘う',
          nextActionDueOn: '2026-04-20',
        }),
      ],
      total: 2,
      overdue: 1,
    });

    // Capped lists keep their full counts.
    const capped = await ok(t.api('GET', `/api/handovers/${handover.id}/summary?limit=1`), 200);
    expect(capped.openCases.items).toHaveLength(1);
    expect(capped.openCases.total).toBe(3);
    expect(capped.nextActions.items).toHaveLength(1);
    expect(capped.nextActions.total).toBe(2);
    expect((await t.api('GET', `/api/handovers/${handover.id}/summary?limit=0`)).status).toBe(400);
  });

  it('records each sensitive case it shows as one read, and is closed to executives and reps', async () => {
    const from = await t.addUser('officer');
    const to = await t.addUser('officer');
    const p = await portfolio(from, '己');
    const handover = await ok(
      t.api('POST', '/api/handover', { fromUserId: from.user.id, toUserId: to.user.id }),
    );
    const reads = async () =>
      t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'read_sensitive'), eq(auditLog.actorId, to.user.id)));
    expect(await reads()).toEqual([]);
    await ok(t.as(to.cookie)('GET', `/api/handovers/${handover.id}/summary`), 200);
    const rows = await reads();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      recordId: p.sensitiveCase.id,
      subjectId: p.later.id,
      details: { via: 'handover_summary' },
    });
    for (const role of ['executive', 'rep'] as const) {
      const user = await t.addUser(role);
      const res = await t.as(user.cookie)('GET', `/api/handovers/${handover.id}/summary`);
      expect(res.status).toBe(403);
      expect(res.text).not.toContain('己');
    }
    const missing = await t.api('GET', '/api/handovers/00000000-0000-4000-8000-000000000000/summary');
    expect(missing.status).toBe(404);
  });
});
