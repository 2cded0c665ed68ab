/**
 * Offline sync (issue 19): POST /api/sync applies the phone app's outbox exactly once, in
 * order, within the user's scope at sync time; GET /api/sync/pack is what the device keeps.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { PACK_LIMITS } from '../../core/sync/schemas';
import { rowsOf } from '../../db/queries/records';
import { getSyncPack } from '../../services/sync/get-sync-pack';
import { purgeSyncReceipts } from '../../services/sync/purge-sync-receipts';

const NOW = new Date('2026-06-10T03:00:00Z');
const DEVICE = '2026-06-09T22:15:00+09:00';

let t: TestApp;
type Client = TestApp['api'];
type Staff = { id: string; call: Client };
let wpA: { id: string };
let wpB: { id: string };
let rep: Staff;
let officer: Staff;
let executive: Staff;

async function staff(
  role: 'rep' | 'officer' | 'executive' | 'admin',
  workplaceIds: string[] = [],
): Promise<Staff> {
  const { user, cookie } = await t.addUser(role);
  if (workplaceIds.length) await setWorkplaces(user.id, workplaceIds);
  return { id: user.id, call: t.as(cookie) };
}

async function setWorkplaces(userId: string, workplaceIds: string[]) {
  const u = await t.api('GET', `/api/users/${userId}`);
  const res = await t.api('PATCH', `/api/users/${userId}`, { workplaceIds, version: u.body.version });
  expect(res.status).toBe(200);
}

async function member(workplaceId: string | null, name: string, extra: Record<string, unknown> = {}) {
  const res = await t.api('POST', '/api/members', { name, workplaceId, ...extra });
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number; engagement: string };
}

async function sync(call: Client, items: unknown[]) {
  return call('POST', '/api/sync', { items });
}

function noteItem(memberId: string, body = '夜勤明けの呼び出しについて相談', clientId = randomUUID()) {
  return { clientId, kind: 'note', deviceTime: DEVICE, memberId, body };
}

async function count(query: ReturnType<typeof sql>) {
  return rowsOf<{ n: number }>(await t.db.execute(query))[0]!.n;
}

const notesOf = (memberId: string) =>
  count(sql`select count(*)::int as n from member_notes where member_id = ${memberId}`);
const receipts = () => count(sql`select count(*)::int as n from sync_receipts`);

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  wpA = (await t.api('POST', '/api/workplaces', { name: '第一工場', employeeCount: 40 })).body;
  wpB = (await t.api('POST', '/api/workplaces', { name: '本社', employeeCount: 30 })).body;
  rep = await staff('rep', [wpA.id]);
  officer = await staff('officer');
  executive = await staff('executive');
});
afterAll(async () => {
  await t?.close();
});

describe('who may sync', () => {
  it('answers 401 signed out and 403 to executives (the field app is for the roles that record)', async () => {
    expect((await t.raw('GET', '/api/sync/pack')).status).toBe(401);
    expect((await t.raw('POST', '/api/sync', { items: [] })).status).toBe(401);
    const m = await member(wpA.id, '執行 見学');
    expect((await executive.call('GET', '/api/sync/pack')).status).toBe(403);
    const res = await sync(executive.call, [noteItem(m.id)]);
    expect(res.status).toBe(403);
    expect(await notesOf(m.id)).toBe(0);
  });

  it('refuses a malformed envelope with 400 and applies nothing', async () => {
    const m = await member(wpA.id, '封筒 不正');
    const before = await receipts();
    for (const body of [
      {},
      { items: [] },
      { items: 'x' },
      { items: [noteItem(m.id), { kind: 'note', memberId: m.id, body: 'x', deviceTime: DEVICE }] },
      { items: [noteItem(m.id), { clientId: 'not-a-uuid', kind: 'note' }] },
      { items: [noteItem(m.id)], extra: true },
      { items: Array.from({ length: 201 }, () => noteItem(m.id)) },
    ]) {
      const res = await rep.call('POST', '/api/sync', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect(
      (await rep.call('POST', '/api/sync', { items: [{ kind: 'note' }] })).body.error.fields,
    ).toHaveProperty('items.0.clientId');
    expect(await notesOf(m.id)).toBe(0);
    expect(await receipts()).toBe(before);
  });
});

describe('exactly once', () => {
  it('applies a note once: the same request again answers duplicate with the first answer', async () => {
    const m = await member(wpA.id, '一回 限り');
    const items = [noteItem(m.id, '休憩室の冷房が壊れている')];
    const first = await sync(rep.call, items);
    expect(first.status).toBe(200);
    expect(first.body.results).toEqual([
      { clientId: items[0]!.clientId, status: 'applied', recordId: expect.any(String) },
    ]);
    const again = await sync(rep.call, items);
    expect(again.body.results).toEqual([
      {
        clientId: items[0]!.clientId,
        status: 'duplicate',
        first: { status: 'applied', recordId: first.body.results[0].recordId },
      },
    ]);
    expect(await notesOf(m.id)).toBe(1);
    const notes = await rep.call('GET', `/api/members/${m.id}/notes`);
    expect(notes.body.items[0]).toMatchObject({
      body: '休憩室の冷房が壊れている',
      authorId: rep.id,
      channel: 'other',
      // The device's day (JST) is the note's day.
      occurredOn: '2026-06-09',
    });
    // The receipt keeps the device time and ids only; the audit trail names the rep.
    const [receipt] = rowsOf<{
      user_id: string;
      kind: string;
      record_id: string;
      device_time: Date | string;
    }>(
      await t.db.execute(
        sql`select user_id, kind, record_id, device_time from sync_receipts where client_id = ${items[0]!.clientId}`,
      ),
    );
    expect(receipt).toMatchObject({
      user_id: rep.id,
      kind: 'note',
      record_id: first.body.results[0].recordId,
    });
    expect(new Date(receipt!.device_time).toISOString()).toBe('2026-06-09T13:15:00.000Z');
    const audit = rowsOf<{ action: string; actor_id: string; details: Record<string, unknown> | null }>(
      await t.db.execute(sql`select action, actor_id, details from audit_log
        where record_id = ${first.body.results[0].recordId} order by at, id`),
    );
    expect(audit.map((a) => a.action).sort()).toEqual(['insert', 'sync']);
    expect(audit.every((a) => a.actor_id === rep.id)).toBe(true);
    expect(audit.find((a) => a.action === 'sync')!.details).toEqual({
      clientId: items[0]!.clientId,
      kind: 'note',
      deviceTime: DEVICE,
    });
  });

  it('answers duplicate for an id repeated inside one request', async () => {
    const m = await member(wpA.id, '二重 送信');
    const item = noteItem(m.id);
    const res = await sync(rep.call, [item, item, { ...item, body: '別の本文' }]);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual([
      'applied',
      'duplicate',
      'duplicate',
    ]);
    expect(await notesOf(m.id)).toBe(1);
  });

  it('two racing requests with the same id: the receipt decides, one applied and one duplicate', async () => {
    const m = await member(wpA.id, '並行 送信');
    const item = noteItem(m.id);
    const [a, b] = await Promise.all([sync(rep.call, [item]), sync(rep.call, [item])]);
    expect([a.body.results[0].status, b.body.results[0].status].sort()).toEqual(['applied', 'duplicate']);
    expect(await notesOf(m.id)).toBe(1);
  });

  it('refuses an id another user sent, telling nothing else', async () => {
    const m = await member(wpA.id, '他人 の番号');
    const item = noteItem(m.id);
    expect((await sync(t.api, [item])).body.results[0].status).toBe('applied');
    const res = await sync(rep.call, [item]);
    expect(res.body.results).toEqual([
      {
        clientId: item.clientId,
        status: 'rejected',
        error: { code: 'duplicate_client_id', message: expect.any(String) },
      },
    ]);
    expect(await notesOf(m.id)).toBe(1);
  });
});

describe('order and kinds', () => {
  it('applies items in order: a note, then engagement changes building on each other, with history', async () => {
    const m = await member(wpA.id, '順番 通り', { engagement: 'regular' });
    const items = [
      noteItem(m.id, '最近集会に来ない'),
      {
        clientId: randomUUID(),
        kind: 'engagement',
        deviceTime: DEVICE,
        memberId: m.id,
        level: 'rare',
        reason: '三回続けて欠席',
        baseLevel: 'regular',
      },
      {
        clientId: randomUUID(),
        kind: 'engagement',
        deviceTime: DEVICE,
        memberId: m.id,
        level: 'at_risk',
        reason: '脱退を口にした',
        baseLevel: 'rare',
      },
    ];
    const res = await sync(rep.call, items);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual([
      'applied',
      'applied',
      'applied',
    ]);
    const history = await rep.call('GET', `/api/members/${m.id}/engagement-history`);
    const changes = history.body.items ?? history.body;
    expect(
      changes
        .filter((h: { from: string | null }) => h.from)
        .map((h: { from: string; to: string; reason: string; changedBy: string }) => [
          h.from,
          h.to,
          h.reason,
        ]),
    ).toEqual(
      expect.arrayContaining([
        ['regular', 'rare', '三回続けて欠席'],
        ['rare', 'at_risk', '脱退を口にした'],
      ]),
    );
    // The at-risk rule runs as on the web: one follow-up task, in the same transaction.
    expect(
      await count(
        sql`select count(*)::int as n from tasks where rule_id = 'at_risk_follow_up' and subject_id = ${m.id}`,
      ),
    ).toBe(1);
    // As on the web: the member's updates are audited as the rep's, and each item has its sync event.
    const audit = rowsOf<{ action: string; n: number }>(
      await t.db.execute(sql`select action, count(*)::int as n from audit_log
        where actor_id = ${rep.id} and (record_id = ${m.id} or subject_id = ${m.id}) and action in ('update', 'sync')
        group by action order by action`),
    );
    expect(audit).toEqual([
      { action: 'sync', n: 3 },
      { action: 'update', n: 2 },
    ]);
    // Replaying the whole outbox writes nothing more.
    const again = await sync(rep.call, items);
    expect(again.body.results.map((r: { status: string }) => r.status)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    expect(
      await count(sql`select count(*)::int as n from engagement_history where member_id = ${m.id}`),
    ).toBe(3);
    expect(await notesOf(m.id)).toBe(1);
  });

  it('answers conflict when the engagement changed since the device saw it, writing nothing', async () => {
    const m = await member(wpA.id, '衝突 する', { engagement: 'regular' });
    const patched = await t.api('PATCH', `/api/members/${m.id}`, {
      engagement: 'occasional',
      engagementReason: '事務所で変更',
      version: m.version,
    });
    expect(patched.status).toBe(200);
    const item = {
      clientId: randomUUID(),
      kind: 'engagement',
      deviceTime: DEVICE,
      memberId: m.id,
      level: 'rare',
      reason: '集会欠席',
      baseLevel: 'regular',
    };
    const before = await receipts();
    const res = await sync(rep.call, [item]);
    expect(res.body.results).toEqual([
      {
        clientId: item.clientId,
        status: 'conflict',
        current: { level: 'occasional', version: patched.body.version, changedAt: NOW.toISOString() },
      },
    ]);
    expect(await receipts()).toBe(before);
    expect(
      await count(sql`select count(*)::int as n from engagement_history where member_id = ${m.id}`),
    ).toBe(2);
    // Resolved on the device by sending a new item over the current value.
    const resolved = await sync(rep.call, [{ ...item, clientId: randomUUID(), baseLevel: 'occasional' }]);
    expect(resolved.body.results[0]).toMatchObject({ status: 'applied', recordId: m.id });
    expect((await t.api('GET', `/api/members/${m.id}`)).body.engagement).toBe('rare');
  });

  it('changes the atmosphere with its history (a rep in their workplaces, an officer), with conflicts', async () => {
    const wp = (await t.api('POST', '/api/workplaces', { name: '物流センター' })).body;
    await setWorkplaces(rep.id, [wpA.id, wp.id]);
    const item = {
      clientId: randomUUID(),
      kind: 'atmosphere',
      deviceTime: DEVICE,
      workplaceId: wp.id,
      level: 'indifferent',
      reason: '集会の参加が減った',
      baseLevel: 'normal',
    };
    const res = await sync(rep.call, [item]);
    expect(res.body.results[0]).toEqual({ clientId: item.clientId, status: 'applied', recordId: wp.id });
    // Out of the rep's workplaces (at sync time): not found, nothing written.
    const other = (await t.api('POST', '/api/workplaces', { name: '本社 総務' })).body;
    const outside = await sync(rep.call, [{ ...item, clientId: randomUUID(), workplaceId: other.id }]);
    expect(outside.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'not_found' } });
    expect((await t.api('GET', `/api/workplaces/${other.id}`)).body.atmosphere).toBe('normal');
    const history = await officer.call('GET', `/api/workplaces/${wp.id}/atmosphere-history`);
    const rows = history.body.items ?? history.body;
    expect(
      rows.some(
        (h: { from: string; to: string; reason: string }) =>
          h.from === 'normal' && h.to === 'indifferent' && h.reason === '集会の参加が減った',
      ),
    ).toBe(true);
    const stale = await sync(officer.call, [{ ...item, clientId: randomUUID(), level: 'active' }]);
    expect(stale.body.results[0]).toMatchObject({ status: 'conflict', current: { level: 'indifferent' } });
    await setWorkplaces(rep.id, [wpA.id]);
  });

  it('completes a task once; a task done meanwhile is applied with alreadyDone', async () => {
    const m = await member(wpA.id, 'タスク 対象');
    const task = (
      await rep.call('POST', '/api/tasks', {
        title: '面談の日程を決める',
        subjectType: 'member',
        subjectId: m.id,
      })
    ).body;
    const item = { clientId: randomUUID(), kind: 'task_done', deviceTime: DEVICE, taskId: task.id };
    expect((await sync(rep.call, [item])).body.results[0]).toEqual({
      clientId: item.clientId,
      status: 'applied',
      recordId: task.id,
    });
    const done = await rep.call('GET', `/api/tasks/${task.id}`);
    expect(done.body).toMatchObject({ status: 'done', completedAt: NOW.toISOString() });
    expect((await sync(rep.call, [item])).body.results[0].status).toBe('duplicate');
    const second = await sync(rep.call, [{ ...item, clientId: randomUUID() }]);
    expect(second.body.results[0]).toMatchObject({ status: 'applied', alreadyDone: true, recordId: task.id });
    expect((await rep.call('GET', `/api/tasks/${task.id}`)).body.version).toBe(done.body.version);
  });

  it('records a meeting with who attended once; the pack shows it with its attendees', async () => {
    const a = await member(wpA.id, '集会 出席');
    const b = await member(wpA.id, '集会 欠席');
    const far = await member(wpB.id, '集会 他職場');
    const item = {
      clientId: randomUUID(),
      kind: 'meeting',
      deviceTime: DEVICE,
      workplaceId: wpA.id,
      heldOn: '2026-06-09',
      title: '六月の職場集会',
      attendeeIds: [a.id],
      invitedCount: 2,
    };
    const res = await sync(rep.call, [item, item]);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'duplicate']);
    const meetingId = res.body.results[0].recordId;
    expect(
      await count(sql`select count(*)::int as n from workplace_meetings where title = '六月の職場集会'`),
    ).toBe(1);
    const pack = (await rep.call('GET', '/api/sync/pack')).body;
    expect(pack.meetings.find((m: { id: string }) => m.id === meetingId)).toEqual({
      id: meetingId,
      workplaceId: wpA.id,
      heldOn: '2026-06-09',
      title: '六月の職場集会',
      attendeeIds: [a.id],
      invitedCount: 2,
      attendeeCount: 1,
    });
    expect(JSON.stringify(pack.meetings)).not.toContain(b.id);
    // A member of another workplace cannot be ticked; nothing is written.
    const wrong = await sync(rep.call, [{ ...item, clientId: randomUUID(), attendeeIds: [far.id] }]);
    expect(wrong.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'validation' } });
    expect(JSON.stringify(wrong.body)).not.toContain('集会 他職場');
    // Another workplace altogether: not_found, as on the web.
    const out = await sync(rep.call, [
      { ...item, clientId: randomUUID(), workplaceId: wpB.id, attendeeIds: [] },
    ]);
    expect(out.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'not_found' } });
    expect(
      await count(sql`select count(*)::int as n from workplace_meetings where title = '六月の職場集会'`),
    ).toBe(1);
  });

  it('rejects invalid items one by one (validation with fields) and applies the valid ones', async () => {
    const m = await member(wpA.id, '検証 対象');
    const res = await sync(rep.call, [
      { ...noteItem(m.id), body: '' },
      { clientId: randomUUID(), kind: 'poem', deviceTime: DEVICE },
      { ...noteItem(m.id), deviceTime: '2026-06-09T22:15:00' },
      {
        clientId: randomUUID(),
        kind: 'engagement',
        deviceTime: DEVICE,
        memberId: m.id,
        level: 'rare',
        baseLevel: 'occasional',
      },
      { clientId: randomUUID(), kind: 42 },
      { ...noteItem(m.id), kind: 'no\u0000te' },
      noteItem(m.id, '有効なメモ'),
    ]);
    const results = res.body.results;
    expect(results.map((r: { status: string }) => r.status)).toEqual([
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'applied',
    ]);
    expect(results[4].error).toMatchObject({ code: 'validation', fields: { kind: expect.any(String) } });
    expect(results[0].error).toMatchObject({ code: 'validation', fields: { body: expect.any(String) } });
    expect(results[1].error).toMatchObject({ code: 'validation', fields: { kind: expect.any(String) } });
    expect(results[2].error.fields).toHaveProperty('deviceTime');
    expect(results[3].error.fields).toHaveProperty('reason');
    expect(await notesOf(m.id)).toBe(1);
  });
});

describe('scope at sync time', () => {
  it('answers not_found alike for a member outside the scope and a missing one, and audits the denial', async () => {
    const far = await member(wpB.id, '遠い 職場');
    const outside = noteItem(far.id);
    const missing = noteItem(randomUUID());
    const res = await sync(rep.call, [outside, missing]);
    expect(res.body.results[0].error).toEqual(res.body.results[1].error);
    expect(res.body.results[0]).toEqual({
      clientId: outside.clientId,
      status: 'rejected',
      error: { code: 'not_found', message: 'Not found' },
    });
    expect(await notesOf(far.id)).toBe(0);
    const denials = rowsOf<{ details: Record<string, unknown> }>(
      await t.db.execute(
        sql`select details from audit_log where action = 'denied' and actor_id = ${rep.id} and record_id = ${far.id}`,
      ),
    );
    expect(denials).toEqual([
      { details: expect.objectContaining({ path: '/api/sync', status: 404, kind: 'note' }) },
    ]);
  });

  it('a rep moved away from a workplace can no longer write there, even with items captured before', async () => {
    const movable = await staff('rep', [wpA.id]);
    const m = await member(wpA.id, '異動 前', { engagement: 'regular' });
    const captured = [
      noteItem(m.id, '異動前に書いたメモ'),
      {
        clientId: randomUUID(),
        kind: 'engagement',
        deviceTime: DEVICE,
        memberId: m.id,
        level: 'rare',
        reason: '欠席続き',
        baseLevel: 'regular',
      },
    ];
    await setWorkplaces(movable.id, [wpB.id]);
    const res = await sync(movable.call, captured);
    expect(res.body.results.map((r: { status: string; error?: { code: string } }) => r.error?.code)).toEqual([
      'not_found',
      'not_found',
    ]);
    expect(await notesOf(m.id)).toBe(0);
    expect((await t.api('GET', `/api/members/${m.id}`)).body.engagement).toBe('regular');
  });

  it('hides the current level of an out-of-scope member behind not_found (no conflict answer)', async () => {
    const far = await member(wpB.id, '遠い 衝突', { engagement: 'regular' });
    const res = await sync(rep.call, [
      {
        clientId: randomUUID(),
        kind: 'engagement',
        deviceTime: DEVICE,
        memberId: far.id,
        level: 'rare',
        reason: 'x',
        baseLevel: 'active_core',
      },
    ]);
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'not_found' } });
    expect(res.body.results[0].current).toBeUndefined();
  });
});

describe('the pack', () => {
  it('holds a rep’s workplaces and members, open non-sensitive cases, notes and own open tasks', async () => {
    const packRep = await staff('rep', [wpA.id]);
    const m = await member(wpA.id, 'パック 太郎', { nextAction: '面談', nextActionDueOn: '2026-06-20' });
    const far = await member(wpB.id, 'パック 遠方');
    const left = await member(wpA.id, 'パック 脱退', { status: 'left', leftOn: '2026-05-01' });
    const open = await t.api('POST', `/api/members/${m.id}/cases`, { title: '残業代の未払い' });
    const secret = await t.api('POST', `/api/members/${m.id}/cases`, {
      title: 'ハラスメント相談',
      sensitive: true,
    });
    expect(secret.status).toBe(201);
    await sync(packRep.call, [noteItem(m.id, 'パックに載るメモ')]);
    const task = await packRep.call('POST', '/api/tasks', {
      title: '職場訪問',
      subjectType: 'member',
      subjectId: m.id,
      dueOn: '2026-06-15',
    });
    const res = await packRep.call('GET', '/api/sync/pack');
    expect(res.status).toBe(200);
    const pack = res.body;
    expect(pack.user).toEqual({ id: packRep.id, displayName: 'rep user', role: 'rep' });
    expect(pack.workplaces).toEqual([
      {
        id: wpA.id,
        name: '第一工場',
        atmosphere: 'normal',
        version: expect.any(Number),
        memberCount: rowsOf<{ n: number }>(
          await t.db.execute(
            sql`select count(*)::int as n from members where workplace_id = ${wpA.id} and status = 'active'`,
          ),
        )[0]!.n,
      },
    ]);
    expect(pack.workplaces[0].memberCount).toBeGreaterThan(1);
    const ids = pack.members.map((x: { id: string }) => x.id);
    expect(ids).toContain(m.id);
    expect(ids).not.toContain(far.id);
    expect(ids).not.toContain(left.id);
    const mine = pack.members.find((x: { id: string }) => x.id === m.id);
    expect(mine).toMatchObject({
      workplaceId: wpA.id,
      name: 'パック 太郎',
      nextAction: { title: '面談', due: '2026-06-20' },
      openCases: [{ id: open.body.id, title: '残業代の未払い', status: 'open' }],
    });
    expect(JSON.stringify(pack)).not.toContain('ハラスメント');
    expect(JSON.stringify(pack)).not.toContain(far.id);
    expect(pack.notes.filter((n: { memberId: string }) => n.memberId === m.id)).toEqual([
      expect.objectContaining({ body: 'パックに載るメモ', authorName: 'rep user' }),
    ]);
    expect(pack.tasks).toEqual([
      {
        id: task.body.id,
        title: '職場訪問',
        dueOn: '2026-06-15',
        memberId: m.id,
        workplaceId: null,
        version: 1,
      },
    ]);
    expect(pack.truncated).toBe(false);
  });

  it('holds at most five notes per member, of the last 90 days', async () => {
    const m = await member(wpA.id, 'メモ 多数');
    for (let i = 0; i < 7; i++) {
      await t.api('POST', `/api/members/${m.id}/notes`, {
        occurredOn: `2026-06-0${i + 1}`,
        body: `メモ${i}`,
      });
    }
    await t.api('POST', `/api/members/${m.id}/notes`, { occurredOn: '2026-01-01', body: '古いメモ' });
    const pack = (await rep.call('GET', '/api/sync/pack')).body;
    const bodies = pack.notes
      .filter((n: { memberId: string }) => n.memberId === m.id)
      .map((n: { body: string }) => n.body);
    expect(bodies.sort()).toEqual(['メモ2', 'メモ3', 'メモ4', 'メモ5', 'メモ6']);
  });

  it('an officer’s pack is their portfolio; a member handed over disappears from it', async () => {
    const owner = await staff('officer');
    const next = await staff('officer');
    const wp = (await t.api('POST', '/api/workplaces', { name: '研究所', ownerId: owner.id })).body;
    const inWp = await member(wp.id, '研究所 所属');
    const owned = await member(wpB.id, '担当 個人', { ownerId: owner.id });
    const other = await member(wpB.id, '担当外 個人');
    const pack = (await owner.call('GET', '/api/sync/pack')).body;
    expect(pack.workplaces.map((w: { id: string }) => w.id)).toEqual([wp.id]);
    expect(pack.members.map((x: { id: string }) => x.id).sort()).toEqual([inWp.id, owned.id].sort());
    expect(JSON.stringify(pack)).not.toContain(other.id);
    const handover = await t.api('POST', '/api/handover', {
      fromUserId: owner.id,
      toUserId: next.id,
      memberIds: [owned.id],
      workplaceIds: [],
    });
    expect(handover.status).toBeLessThan(300);
    const after = (await owner.call('GET', '/api/sync/pack')).body;
    expect(after.members.map((x: { id: string }) => x.id)).toEqual([inWp.id]);
    const theirs = (await next.call('GET', '/api/sync/pack')).body;
    expect(theirs.members.map((x: { id: string }) => x.id)).toEqual([owned.id]);
  });

  it('a member moved out of a rep’s workplace disappears from the rep’s next pack', async () => {
    const m = await member(wpA.id, '転勤 する');
    expect((await rep.call('GET', '/api/sync/pack')).body.members.map((x: { id: string }) => x.id)).toContain(
      m.id,
    );
    const current = await t.api('GET', `/api/members/${m.id}`);
    await t.api('PATCH', `/api/members/${m.id}`, { workplaceId: wpB.id, version: current.body.version });
    const after = (await rep.call('GET', '/api/sync/pack')).body;
    expect(JSON.stringify(after)).not.toContain(m.id);
  });

  it('cuts sections past their limits and says so', async () => {
    const actor = {
      id: rep.id,
      email: 'x@example.org',
      displayName: 'rep user',
      role: 'rep' as const,
      workplaceIds: [wpA.id],
    };
    const pack = await getSyncPack({ db: t.db, actor, now: NOW }, { ...PACK_LIMITS, members: 1 });
    expect(pack.members).toHaveLength(1);
    expect(pack.truncated).toBe(true);
  });
});

describe('receipts', () => {
  it('are purged after 90 days by the daily sweep', async () => {
    const m = await member(wpA.id, '期限 切れ');
    const item = noteItem(m.id);
    await sync(rep.call, [item]);
    const held = await count(
      sql`select count(*)::int as n from sync_receipts where client_id = ${item.clientId}`,
    );
    expect(held).toBe(1);
    await purgeSyncReceipts({ db: t.db, now: new Date(NOW.getTime() + 89 * 86_400_000) });
    expect(
      await count(sql`select count(*)::int as n from sync_receipts where client_id = ${item.clientId}`),
    ).toBe(1);
    await purgeSyncReceipts({ db: t.db, now: new Date(NOW.getTime() + 91 * 86_400_000) });
    expect(
      await count(sql`select count(*)::int as n from sync_receipts where client_id = ${item.clientId}`),
    ).toBe(0);
  });
});
