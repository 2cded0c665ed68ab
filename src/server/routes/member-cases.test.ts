import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { rowsOf } from '../../db/queries/records';

// Closing and reopening a follow-up case (フォロー中の案件): a closing needs an outcome
// (対応結果) and records who closed it; a reopening needs a reason; the story is kept.

let t: TestApp;
let clock = new Date('2026-04-01T01:00:00Z');
let officer: { id: string; as: TestApp['api']; name: string };
let executive: { as: TestApp['api'] };

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  const o = await t.addUser('officer');
  officer = { id: o.user.id, as: t.as(o.cookie), name: o.user.displayName };
  executive = { as: t.as((await t.addUser('executive')).cookie) };
});
afterAll(async () => {
  await t?.close();
});

async function memberWithCase(sensitive = true, dueOn: string | null = null) {
  const m = await t.api('POST', '/api/members', { name: `案件 ${Math.random().toString(36).slice(2, 6)}` });
  const c = await t.api('POST', `/api/members/${m.body.id}/cases`, {
    title: 'ハラスメント相談',
    dueOn,
    sensitive,
  });
  expect(c.status).toBe(201);
  return { memberId: m.body.id as string, caseId: c.body.id as string };
}

const count = async (query: ReturnType<typeof sql>) => rowsOf<{ n: number }>(await t.db.execute(query))[0]!.n;
const eventsOf = (caseId: string) =>
  t.db.execute(
    sql`select kind, occurred_on::text as on, by, text from case_events where case_id = ${caseId} order by at, kind`,
  );

describe('closing a case', () => {
  it('refuses a closing without an outcome with a 400 naming outcome, and writes nothing', async () => {
    const { memberId, caseId } = await memberWithCase();
    const writes = sql`select count(*)::int as n from audit_log where action in ('insert', 'update', 'delete')`;
    const audited = await count(writes);
    for (const outcome of [undefined, '', '   ']) {
      const res = await officer.as('PATCH', `/api/members/${memberId}/cases/${caseId}`, {
        status: 'closed',
        version: 1,
        ...(outcome === undefined ? {} : { outcome }),
      });
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toHaveProperty('outcome');
    }
    const c = await t.api('GET', `/api/members/${memberId}/cases`);
    expect(c.body.items[0]).toMatchObject({ status: 'open', version: 1, closedBy: null, outcome: null });
    expect(rowsOf(await eventsOf(caseId))).toHaveLength(1);
    expect(await count(writes)).toBe(audited);
  });

  it('closes with the outcome, who and when; the story, the audit log and the case-due task follow', async () => {
    const { memberId, caseId } = await memberWithCase(true, '2026-04-02');
    clock = new Date('2026-04-03T01:00:00Z');
    expect((await t.api('POST', '/api/workflows/run', {})).status).toBe(200);
    const taskKey = `case_due_follow_up:${caseId}:2026-04-02`;
    const taskStatus = async () =>
      rowsOf<{ status: string }>(
        await t.db.execute(sql`select status from tasks where once_key = ${taskKey}`),
      )[0]?.status;
    expect(await taskStatus()).toBe('open');

    const res = await officer.as('PATCH', `/api/members/${memberId}/cases/${caseId}`, {
      status: 'closed',
      outcome: '加害者の異動で解決。本人も了承',
      version: 1,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'closed',
      closedOn: '2026-04-03',
      closedAt: '2026-04-03T01:00:00.000Z',
      closedBy: officer.id,
      closedByName: officer.name,
      outcome: '加害者の異動で解決。本人も了承',
      version: 2,
    });
    expect(rowsOf(await eventsOf(caseId))).toEqual([
      { kind: 'opened', on: '2026-04-01', by: t.admin.id, text: null },
      { kind: 'closed', on: '2026-04-03', by: officer.id, text: '加害者の異動で解決。本人も了承' },
    ]);
    const audit = rowsOf<{ table_name: string; actor_id: string }>(
      await t.db.execute(sql`select table_name, actor_id from audit_log
        where action = 'insert' and table_name = 'case_events' and subject_id = ${caseId} order by id`),
    );
    expect(audit).toEqual([
      { table_name: 'case_events', actor_id: t.admin.id },
      { table_name: 'case_events', actor_id: officer.id },
    ]);
    // Closing is the follow-up: the rule's open task is completed with it.
    expect(await taskStatus()).toBe('done');

    // Closing a closed case again is refused, not silently accepted.
    const again = await t.api('PATCH', `/api/members/${memberId}/cases/${caseId}`, {
      status: 'closed',
      outcome: 'x',
      version: 2,
    });
    expect(again.status).toBe(400);
    expect(again.body.error.fields).toHaveProperty('status');
    // An outcome without a closing is refused rather than dropped.
    const stray = await t.api('PATCH', `/api/members/${memberId}/cases/${caseId}`, {
      outcome: 'x',
      version: 2,
    });
    expect(stray.status).toBe(400);
    expect(stray.body.error.fields).toHaveProperty('outcome');
  });

  it('answers 409 for a stale version and writes nothing', async () => {
    const { memberId, caseId } = await memberWithCase();
    await t.api('PATCH', `/api/members/${memberId}/cases/${caseId}`, { title: '改題', version: 1 });
    const res = await t.api('PATCH', `/api/members/${memberId}/cases/${caseId}`, {
      status: 'closed',
      outcome: '解決',
      version: 1,
    });
    expect(res.status).toBe(409);
    expect(rowsOf(await eventsOf(caseId))).toHaveLength(1);
  });

  it('is refused to an executive (403) and hidden from one for a sensitive case', async () => {
    const { memberId, caseId } = await memberWithCase();
    const res = await executive.as('PATCH', `/api/members/${memberId}/cases/${caseId}`, {
      status: 'closed',
      outcome: '解決',
      version: 1,
    });
    expect(res.status).toBe(403);
    await t.api('PATCH', `/api/members/${memberId}/cases/${caseId}`, {
      status: 'closed',
      outcome: '秘密の対応結果',
      version: 1,
    });
    await t.api('PATCH', `/api/members/${memberId}/cases/${caseId}`, {
      status: 'open',
      reopenReason: '秘密の再開理由',
      version: 2,
    });
    const timeline = await executive.as('GET', `/api/members/${memberId}/timeline`);
    expect(timeline.status).toBe(200);
    expect(JSON.stringify(timeline.body)).not.toMatch(/秘密|ハラスメント/);
  });
});

describe('reopening a case', () => {
  it('needs a reason (400), then reopens and the timeline says who opened, closed and reopened it', async () => {
    clock = new Date('2026-04-05T01:00:00Z');
    const { memberId, caseId } = await memberWithCase();
    clock = new Date('2026-04-06T01:00:00Z');
    await officer.as('PATCH', `/api/members/${memberId}/cases/${caseId}`, {
      status: 'closed',
      outcome: '面談して解決',
      version: 1,
    });
    const refused = await t.api('PATCH', `/api/members/${memberId}/cases/${caseId}`, {
      status: 'open',
      version: 2,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toHaveProperty('reopenReason');
    expect(rowsOf(await eventsOf(caseId))).toHaveLength(2);

    clock = new Date('2026-04-07T01:00:00Z');
    const res = await t.api('PATCH', `/api/members/${memberId}/cases/${caseId}`, {
      status: 'open',
      reopenReason: '誤って完了にした',
      version: 2,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'open',
      closedOn: null,
      closedBy: null,
      closedAt: null,
      outcome: null,
    });

    const timeline = await t.api('GET', `/api/members/${memberId}/timeline`);
    const caseEvents = timeline.body.items
      .filter((i: { kind: string }) => i.kind.startsWith('case_'))
      .map((i: { kind: string; date: string; body: string | null; actorName: string | null }) => [
        i.kind,
        i.date,
        i.body,
        i.actorName,
      ]);
    expect(caseEvents).toEqual([
      ['case_reopened', '2026-04-07', '誤って完了にした', 'admin user'],
      ['case_closed', '2026-04-06', '面談して解決', officer.name],
      ['case_opened', '2026-04-05', null, 'admin user'],
    ]);
  });

  it('a closed case leaves the weekly follow-ups, the briefing and the open count, and comes back when reopened', async () => {
    clock = new Date('2026-04-08T01:00:00Z');
    const { memberId, caseId } = await memberWithCase(true, '2026-04-09');
    const listed = async () => {
      const dashboard = await t.api('GET', '/api/dashboards/weekly');
      const briefing = await t.api('GET', `/api/members/${memberId}/briefing`);
      const member = await t.api('GET', `/api/members/${memberId}`);
      return [
        dashboard.body.followUps.some((f: { caseId: string }) => f.caseId === caseId),
        briefing.body.openCases.some((c: { id: string }) => c.id === caseId),
        member.body.openCaseCount,
      ];
    };
    expect(await listed()).toEqual([true, true, 1]);
    await t.api('PATCH', `/api/members/${memberId}/cases/${caseId}`, {
      status: 'closed',
      outcome: '解決',
      version: 1,
    });
    expect(await listed()).toEqual([false, false, 0]);
    await t.api('PATCH', `/api/members/${memberId}/cases/${caseId}`, {
      status: 'open',
      reopenReason: '再発',
      version: 2,
    });
    expect(await listed()).toEqual([true, true, 1]);
  });
});

describe('creating a case', () => {
  it('starts its story; a case recorded closed has its closing and optional outcome', async () => {
    const m = await t.api('POST', '/api/members', { name: '記録 花子' });
    const c = await officer.as('POST', `/api/members/${m.body.id}/cases`, {
      title: '過去の相談',
      openedOn: '2026-03-01',
      status: 'closed',
      closedOn: '2026-03-10',
      outcome: '解決済み',
    });
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ closedBy: officer.id, outcome: '解決済み', closedOn: '2026-03-10' });
    expect(rowsOf(await eventsOf(c.body.id))).toEqual([
      { kind: 'opened', on: '2026-03-01', by: officer.id, text: null },
      { kind: 'closed', on: '2026-03-10', by: officer.id, text: '解決済み' },
    ]);
    const open = await t.api('POST', `/api/members/${m.body.id}/cases`, {
      title: '新しい相談',
      outcome: 'x',
    });
    expect(open.status).toBe(400);
    expect(open.body.error.fields).toHaveProperty('outcome');
  });

  it('refuses an update of a case event (append-only)', async () => {
    const error = await t.db.execute(sql`update case_events set text = 'x'`).then(
      () => undefined,
      (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
    );
    expect(error).toMatch(/append-only/);
  });
});
