/**
 * Notes 相談・連絡履歴 after they are written (issue 14): who may edit, move and delete
 * them, what the audit trail keeps, and what the timeline says about them.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { rowsOf } from '../../db/queries/records';

let t: TestApp;
type Client = TestApp['api'];
let wpA: { id: string };
let wpB: { id: string };
let rep: { id: string; call: Client };
let otherRep: { id: string; call: Client };
let farRep: { id: string; call: Client };
let officer: { id: string; call: Client };
let executive: { id: string; call: Client };

async function staff(role: 'rep' | 'officer' | 'executive', workplaceIds: string[] = []) {
  const { user, cookie } = await t.addUser(role);
  if (workplaceIds.length) {
    const u = await t.api('GET', `/api/users/${user.id}`);
    await t.api('PATCH', `/api/users/${user.id}`, { workplaceIds, version: u.body.version });
  }
  return { id: user.id, call: t.as(cookie) };
}

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-06-10T03:00:00Z') });
  wpA = (await t.api('POST', '/api/workplaces', { name: '第一工場', employeeCount: 40 })).body;
  wpB = (await t.api('POST', '/api/workplaces', { name: '本社', employeeCount: 30 })).body;
  rep = await staff('rep', [wpA.id]);
  otherRep = await staff('rep', [wpA.id]);
  farRep = await staff('rep', [wpB.id]);
  officer = await staff('officer');
  executive = await staff('executive');
});
afterAll(async () => {
  await t?.close();
});

async function member(workplaceId: string, name: string): Promise<{ id: string }> {
  const res = await t.api('POST', '/api/members', { name, workplaceId });
  expect(res.status).toBe(201);
  return res.body;
}

async function noteBy(call: Client, memberId: string, body = '夜勤明けの呼び出しについて相談') {
  const res = await call('POST', `/api/members/${memberId}/notes`, {
    occurredOn: '2026-06-01',
    channel: 'phone',
    body,
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number; memberId: string };
}

async function stored(noteId: string) {
  const rows = rowsOf<{ member_id: string; body: string; version: number }>(
    await t.db.execute(sql`select member_id, body, version from member_notes where id = ${noteId}`),
  );
  return rows[0];
}

async function timeline(memberId: string, call: Client = t.api) {
  const res = await call('GET', `/api/members/${memberId}/timeline`);
  expect(res.status).toBe(200);
  return res.body.items as {
    kind: string;
    refId: string;
    body: string | null;
    actorName: string | null;
    edited: boolean;
    version: number | null;
    canEdit: boolean;
  }[];
}

async function auditOf(noteId: string) {
  return rowsOf<{ action: string; actor_id: string | null; before: Record<string, unknown> | null }>(
    await t.db.execute(
      sql`select action, actor_id, before from audit_log where table_name = 'member_notes' and record_id = ${noteId} order by id`,
    ),
  );
}

describe('editing a note', () => {
  it('lets its author (a rep of the workplace) correct it; the timeline says 編集済み and the audit log keeps the old text', async () => {
    const m = await member(wpA.id, '山田太郎');
    const n = await noteBy(rep.call, m.id, '残業の相談');
    const noteIn = async (call: Client) => (await timeline(m.id, call)).find((i) => i.refId === n.id);
    expect(await noteIn(rep.call)).toMatchObject({
      kind: 'note',
      edited: false,
      version: 1,
      canEdit: true,
    });

    const res = await rep.call('PATCH', `/api/members/${m.id}/notes/${n.id}`, {
      body: '残業代未払いの相談',
      channel: 'visit',
      version: 1,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      body: '残業代未払いの相談',
      channel: 'visit',
      version: 2,
      authorId: rep.id,
    });
    expect(await noteIn(rep.call)).toMatchObject({
      body: '残業代未払いの相談',
      edited: true,
      version: 2,
    });
    const audit = await auditOf(n.id);
    expect(audit.map((a) => a.action)).toEqual(['insert', 'update']);
    expect(audit[1]).toMatchObject({ actor_id: rep.id, before: { body: '残業の相談', version: 1 } });
  });

  it('lets officers and admins correct anyone’s note', async () => {
    const m = await member(wpA.id, '佐藤一郎');
    const n = await noteBy(rep.call, m.id);
    const byOfficer = await officer.call('PATCH', `/api/members/${m.id}/notes/${n.id}`, {
      body: '専従が補足',
      version: 1,
    });
    expect(byOfficer.status).toBe(200);
    const byAdmin = await t.api('PATCH', `/api/members/${m.id}/notes/${n.id}`, {
      occurredOn: '2026-05-30',
      version: 2,
    });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body).toMatchObject({ occurredOn: '2026-05-30', body: '専従が補足', authorId: rep.id });
    expect((await timeline(m.id, officer.call)).find((i) => i.refId === n.id)).toMatchObject({
      canEdit: true,
      edited: true,
    });
  });

  it('refuses another rep (403 in their workplace, 404 outside it) and executives (403); nothing changes', async () => {
    const m = await member(wpA.id, '高橋花子');
    const n = await noteBy(rep.call, m.id, '元の本文');
    for (const call of [otherRep.call, executive.call]) {
      expect((await timeline(m.id, call)).find((i) => i.refId === n.id)).toMatchObject({ canEdit: false });
    }
    const patch = { body: '書き換え', version: 1 };
    const path = `/api/members/${m.id}/notes/${n.id}`;
    expect((await otherRep.call('PATCH', path, patch)).status).toBe(403);
    expect((await otherRep.call('DELETE', `${path}?version=1`)).status).toBe(403);
    expect((await farRep.call('PATCH', path, patch)).status).toBe(404);
    expect((await farRep.call('DELETE', `${path}?version=1`)).status).toBe(404);
    expect((await executive.call('PATCH', path, patch)).status).toBe(403);
    expect((await executive.call('DELETE', `${path}?version=1`)).status).toBe(403);
    expect(await stored(n.id)).toMatchObject({ body: '元の本文', version: 1, member_id: m.id });
  });

  it('refuses a note written by someone who is now an executive (read-only roles write no notes)', async () => {
    const m = await member(wpA.id, '伊藤次郎');
    const former = await staff('officer');
    const n = await noteBy(former.call, m.id);
    const u = await t.api('GET', `/api/users/${former.id}`);
    await t.api('PATCH', `/api/users/${former.id}`, { role: 'executive', version: u.body.version });
    const res = await former.call('PATCH', `/api/members/${m.id}/notes/${n.id}`, { body: 'x', version: 1 });
    expect(res.status).toBe(403);
  });

  it('answers 409 for a stale version and 400 for NUL in the body; nothing is written', async () => {
    const m = await member(wpA.id, '渡辺三郎');
    const n = await noteBy(rep.call, m.id, '最初');
    const path = `/api/members/${m.id}/notes/${n.id}`;
    expect((await rep.call('PATCH', path, { body: '一回目', version: 1 })).status).toBe(200);
    const stale = await rep.call('PATCH', path, { body: '古い版から', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.fields.version).toBeDefined();
    const staleDelete = await rep.call('DELETE', `${path}?version=1`);
    expect(staleDelete.status).toBe(409);
    const nul = await rep.call('PATCH', path, { body: 'a\u0000b', version: 2 });
    expect(nul.status).toBe(400);
    expect(nul.body.error.fields.body).toMatch(/NUL/);
    const badTarget = await rep.call('PATCH', path, { memberId: 'not-an-id', version: 2 });
    expect(badTarget.status).toBe(400);
    expect(badTarget.body.error.fields.memberId).toBeDefined();
    expect(await stored(n.id)).toMatchObject({ body: '一回目', version: 2 });
  });
});

describe('deleting a note', () => {
  it('lets its author delete it; the audit log keeps the deleted text', async () => {
    const m = await member(wpA.id, '中村四郎');
    const n = await noteBy(rep.call, m.id, '間違えて記録');
    const res = await rep.call('DELETE', `/api/members/${m.id}/notes/${n.id}?version=1`);
    expect(res.status).toBe(204);
    expect(await stored(n.id)).toBeUndefined();
    expect((await timeline(m.id)).filter((i) => i.kind === 'note')).toEqual([]);
    const audit = await auditOf(n.id);
    expect(audit.at(-1)).toMatchObject({
      action: 'delete',
      actor_id: rep.id,
      before: { body: '間違えて記録' },
    });
  });

  it('lets an officer delete a rep’s note', async () => {
    const m = await member(wpA.id, '小林五郎');
    const n = await noteBy(rep.call, m.id);
    expect((await officer.call('DELETE', `/api/members/${m.id}/notes/${n.id}?version=1`)).status).toBe(204);
  });
});

describe('moving a note to another member', () => {
  it('moves it (one version step): gone from the first timeline, on the second one marked edited; the audit log keeps the old member', async () => {
    const wrong = await member(wpA.id, '加藤六郎');
    const right = await member(wpA.id, '加藤陸');
    const n = await noteBy(rep.call, wrong.id, '職場の配置換えの相談');
    const res = await rep.call('PATCH', `/api/members/${wrong.id}/notes/${n.id}`, {
      memberId: right.id,
      version: 1,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ memberId: right.id, version: 2, body: '職場の配置換えの相談' });
    expect((await timeline(wrong.id)).some((i) => i.refId === n.id)).toBe(false);
    expect((await timeline(right.id)).find((i) => i.refId === n.id)).toMatchObject({
      edited: true,
      version: 2,
    });
    // The note now lives under the right member's path only.
    expect((await rep.call('DELETE', `/api/members/${wrong.id}/notes/${n.id}?version=2`)).status).toBe(404);
    const audit = await auditOf(n.id);
    expect(audit.at(-1)).toMatchObject({
      action: 'update',
      actor_id: rep.id,
      before: { member_id: wrong.id },
    });
  });

  it('moves and corrects in one request (an officer, across workplaces)', async () => {
    const from = await member(wpA.id, '木村七子');
    const to = await member(wpB.id, '木村奈々');
    const n = await noteBy(rep.call, from.id);
    const res = await officer.call('PATCH', `/api/members/${from.id}/notes/${n.id}`, {
      memberId: to.id,
      body: '本社の木村さんの相談',
      version: 1,
    });
    expect(res.status).toBe(200);
    expect(await stored(n.id)).toMatchObject({ member_id: to.id, body: '本社の木村さんの相談', version: 2 });
  });

  it('answers 404 for a target the actor cannot reach (or that does not exist); nothing is written', async () => {
    const from = await member(wpA.id, '林八郎');
    const outside = await member(wpB.id, '林ハチ');
    const n = await noteBy(rep.call, from.id);
    const before = (await auditOf(n.id)).length;
    const out = await rep.call('PATCH', `/api/members/${from.id}/notes/${n.id}`, {
      memberId: outside.id,
      version: 1,
    });
    expect(out.status).toBe(404);
    expect(out.body.error.code).toBe('not_found');
    const missing = await t.api('PATCH', `/api/members/${from.id}/notes/${n.id}`, {
      memberId: '00000000-0000-4000-8000-000000000000',
      version: 1,
    });
    expect(missing.status).toBe(404);
    expect(await stored(n.id)).toMatchObject({ member_id: from.id, version: 1 });
    expect((await auditOf(n.id)).length).toBe(before);
  });
});

describe('timeline attribution', () => {
  it('names who completed a task and who opened and closed a case (from the audit trail)', async () => {
    const m = await member(wpA.id, '清水九郎');
    const task = await t.api('POST', '/api/tasks', {
      title: '面談する',
      assigneeId: rep.id,
      subjectType: 'member',
      subjectId: m.id,
    });
    expect(task.status).toBe(201);
    const done = await t.api('PATCH', `/api/tasks/${task.body.id}`, {
      status: 'done',
      version: task.body.version,
    });
    expect(done.status).toBe(200);
    const opened = await officer.call('POST', `/api/members/${m.id}/cases`, {
      title: '配置転換の相談',
      openedOn: '2026-06-01',
    });
    expect(opened.status).toBe(201);
    const closed = await t.api('PATCH', `/api/members/${m.id}/cases/${opened.body.id}`, {
      status: 'closed',
      outcome: '異動で解決',
      version: 1,
    });
    expect(closed.status).toBe(200);

    const items = await timeline(m.id);
    const kind = (k: string) => items.find((i) => i.kind === k);
    expect(kind('task_completed')?.actorName).toBe(t.admin.displayName);
    // A created task still names its assignee.
    expect(kind('task_created')?.actorName).toBe('rep user');
    expect(kind('case_opened')?.actorName).toBe('officer user');
    expect(kind('case_closed')?.actorName).toBe(t.admin.displayName);
    for (const i of items.filter((x) => x.kind !== 'note')) {
      expect(i).toMatchObject({ edited: false, version: null, canEdit: false });
    }
  });
});
