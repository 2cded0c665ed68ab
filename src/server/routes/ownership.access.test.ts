import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/app';
import { rowsOf } from '../../db/queries/records';
import { members, tasks, workplaces } from '../../db/schema';
import { createUser } from '../../services/users/create-user';

// Who may own a member or workplace (access rule): only a staff user who can see
// it. A rep owns members and workplaces of their workplaces only: a write that sets
// or changes the owner to a rep outside them is a 400 on ownerId (owner, in an
// import) and writes nothing. A change that takes the record out of the unchanged
// rep owner's sight (the member moves, the rep's workplaces or role change, the
// workplace is deleted) clears the owner and unassigns the open tasks that rep
// holds about it, in the same transaction.

const NOW = new Date('2026-04-01T03:00:00Z');
const MEMBER_REFUSAL = 'is a workplace rep whose workplaces do not include this member';
const WORKPLACE_REFUSAL = 'is a workplace rep whose workplaces do not include this workplace';

let t: TestApp;
let adminCookie = '';
let wpA: { id: string; name: string; version: number };
let wpB: { id: string; name: string; version: number };
let rep: { id: string; email: string };
let officer: { id: string; email: string };

async function api(method: string, path: string, body?: unknown) {
  const res = await t.api(method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${res.text}`);
  return res.body;
}

/** Every row an owner refusal must leave as it was. */
async function snapshot() {
  return JSON.stringify(
    rowsOf(
      await t.db.execute(sql`select
        (select md5(coalesce(string_agg(x::text, '|' order by x.id), '')) from members x) as members,
        (select md5(coalesce(string_agg(x::text, '|' order by x.id), '')) from workplaces x) as workplaces,
        (select md5(coalesce(string_agg(x::text, '|' order by x.id), '')) from tasks x) as tasks,
        (select count(*) from engagement_history) as history`),
    ),
  );
}

async function upload(kind: 'members' | 'workplaces', csv: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.append('file', new Blob([csv]), 'roster.csv');
  form.append('dryRun', 'false');
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  const res = await t.app.request(`/api/import/${kind}`, {
    method: 'POST',
    body: form,
    headers: { cookie: adminCookie },
  });
  return { status: res.status, body: await res.json() };
}

const rowErrors = (body: { errors: { row: number; column: string | null; message: string }[] }) =>
  body.errors.map((e) => [e.row, e.column, e.message]);

async function addRep(email: string, workplaceIds: string[]) {
  const user = await createUser(t.db, {
    email,
    displayName: email,
    role: 'rep',
    password: TEST_PASSWORD,
    workplaceIds,
  });
  return { id: user.id, email };
}

/** A member of `workplaceId` owned by `ownerId`, with an open task assigned to the owner and a done one. */
async function ownedMember(name: string, workplaceId: string | null, ownerId: string) {
  const [m] = await t.db.insert(members).values({ name, workplaceId, ownerId }).returning();
  await t.db.insert(tasks).values([
    { title: `${name}さんに電話`, assigneeId: ownerId, subjectType: 'member', subjectId: m!.id },
    {
      title: `${name}さんに資料`,
      assigneeId: ownerId,
      subjectType: 'member',
      subjectId: m!.id,
      status: 'done',
      completedAt: NOW,
    },
  ]);
  return m!;
}

async function stateOf(memberId: string) {
  const [m] = await t.db.select().from(members).where(eq(members.id, memberId));
  const ts = await t.db.select().from(tasks).where(eq(tasks.subjectId, memberId)).orderBy(asc(tasks.status));
  return {
    ownerId: m!.ownerId,
    open: ts.find((x) => x.status === 'open')!.assigneeId,
    done: ts.find((x) => x.status === 'done')!.assigneeId,
  };
}

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  adminCookie = await t.signIn('admin@example.org');
  wpA = await api('POST', '/api/workplaces', { name: '所有A職場' });
  wpB = await api('POST', '/api/workplaces', { name: '所有B職場' });
  rep = await addRep('owner-rep@example.org', [wpA.id]);
  const o = await t.addUser('officer');
  officer = { id: o.user.id, email: o.user.email };
});
afterAll(async () => {
  await t?.close();
});

describe('a rep owns members and workplaces of their workplaces only', () => {
  it('POST /api/members with a rep owner outside the member’s workplace (or with none) is a 400 on ownerId, writing nothing', async () => {
    const before = await snapshot();
    for (const workplaceId of [wpB.id, null]) {
      const res = await t.api('POST', '/api/members', { name: '所有 拒否', workplaceId, ownerId: rep.id });
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toEqual({ ownerId: MEMBER_REFUSAL });
    }
    expect(await snapshot()).toBe(before);
    // Inside the rep's workplace, or any workplace for another role: fine.
    expect(
      (await t.api('POST', '/api/members', { name: '所有 可', workplaceId: wpA.id, ownerId: rep.id })).status,
    ).toBe(201);
    expect(
      (await t.api('POST', '/api/members', { name: '所有 可', workplaceId: wpB.id, ownerId: officer.id }))
        .status,
    ).toBe(201);
  });

  it('PATCH /api/members/:id giving a rep a member outside their workplaces is a 400 on ownerId; moving the member in with it is fine', async () => {
    const m = await api('POST', '/api/members', { name: '所有 変更', workplaceId: wpB.id });
    const before = await snapshot();
    const refused = await t.api('PATCH', `/api/members/${m.id}`, { ownerId: rep.id, version: m.version });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual({ ownerId: MEMBER_REFUSAL });
    expect(await snapshot()).toBe(before);
    const both = await t.api('PATCH', `/api/members/${m.id}`, {
      ownerId: rep.id,
      workplaceId: wpA.id,
      version: m.version,
    });
    expect(both.status).toBe(200);
    expect(both.body).toMatchObject({ ownerId: rep.id, workplaceId: wpA.id });
  });

  it('POST and PATCH /api/workplaces with a rep owner who does not cover the workplace are a 400 on ownerId', async () => {
    const before = await snapshot();
    const created = await t.api('POST', '/api/workplaces', { name: '所有C職場', ownerId: rep.id });
    expect(created.status).toBe(400);
    expect(created.body.error.fields).toEqual({ ownerId: WORKPLACE_REFUSAL });
    const b = await api('GET', `/api/workplaces/${wpB.id}`);
    const patched = await t.api('PATCH', `/api/workplaces/${wpB.id}`, {
      ownerId: rep.id,
      version: b.version,
    });
    expect(patched.status).toBe(400);
    expect(patched.body.error.fields).toEqual({ ownerId: WORKPLACE_REFUSAL });
    expect(await snapshot()).toBe(before);
    const a = await api('GET', `/api/workplaces/${wpA.id}`);
    const own = await t.api('PATCH', `/api/workplaces/${wpA.id}`, { ownerId: rep.id, version: a.version });
    expect(own.status).toBe(200);
    await api('PATCH', `/api/workplaces/${wpA.id}`, { ownerId: null, version: own.body.version });
  });

  it('POST /api/import/members naming a rep owner outside the row’s workplace is a row error on owner; nothing is imported', async () => {
    await api('POST', '/api/members', { name: '取込 既存', employeeNumber: 'OWN-2', workplaceId: wpB.id });
    const before = await snapshot();
    const res = await upload(
      'members',
      `社員番号,氏名,所属職場,担当者\r\nOWN-1,取込 新規,${wpB.name},${rep.email}\r\nOWN-2,取込 既存,,${rep.email}\r\nOWN-3,取込 新職場,新設職場,${rep.email}\r\nOWN-4,取込 可,${wpA.name},${rep.email}\r\n`,
      // A workplace the import creates is in no rep's workplaces yet.
      { createWorkplaces: 'true' },
    );
    expect(res.status).toBe(200);
    expect(res.body.applied).toBe(false);
    expect(rowErrors(res.body)).toEqual([
      [2, '担当者', MEMBER_REFUSAL],
      [3, '担当者', MEMBER_REFUSAL],
      [4, '担当者', MEMBER_REFUSAL],
    ]);
    expect(await snapshot()).toBe(before);
  });

  it('POST /api/import/workplaces naming a rep owner of a workplace they do not cover is a row error on owner', async () => {
    const before = await snapshot();
    const res = await upload(
      'workplaces',
      `職場名,担当者\r\n${wpB.name},${rep.email}\r\n新しい職場,${rep.email}\r\n${wpA.name},${rep.email}\r\n`,
    );
    expect(res.status).toBe(200);
    expect(res.body.applied).toBe(false);
    expect(rowErrors(res.body)).toEqual([
      [2, '担当者', WORKPLACE_REFUSAL],
      [3, '担当者', WORKPLACE_REFUSAL],
    ]);
    expect(await snapshot()).toBe(before);
  });

  it('POST /api/handover to a rep is refused: only admins and officers receive a portfolio', async () => {
    const res = await t.api('POST', '/api/handover', { fromUserId: officer.id, toUserId: rep.id });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['toUserId']);
  });
});

describe('a change that takes a record out of its rep owner’s sight releases it', () => {
  it('PATCH /api/members/:id moving the member elsewhere clears the rep owner and unassigns their open tasks about the member; a done task keeps its assignee', async () => {
    const m = await ownedMember('移動 一郎', wpA.id, rep.id);
    const res = await t.api('PATCH', `/api/members/${m.id}`, { workplaceId: wpB.id, version: m.version });
    expect(res.status).toBe(200);
    // One update, one version step: the owner goes with the move.
    expect(res.body).toMatchObject({ workplaceId: wpB.id, ownerId: null, version: m.version + 1 });
    expect(await stateOf(m.id)).toEqual({ ownerId: null, open: null, done: rep.id });
    // Attributed in the audit trail to the admin who moved the member.
    const audited = rowsOf<{ n: number }>(
      await t.db.execute(sql`select count(*)::int as n from audit_log
        where table_name = 'members' and record_id = ${m.id} and actor_id = ${t.admin.id} and action = 'update'`),
    );
    expect(Number(audited[0]!.n)).toBeGreaterThan(0);
    // An officer owner keeps the member wherever they go.
    const kept = await ownedMember('移動 二郎', wpA.id, officer.id);
    const moved = await t.api('PATCH', `/api/members/${kept.id}`, {
      workplaceId: wpB.id,
      version: kept.version,
    });
    expect(moved.body.ownerId).toBe(officer.id);
    expect(await stateOf(kept.id)).toEqual({ ownerId: officer.id, open: officer.id, done: officer.id });
  });

  it('POST /api/import/members moving a member to another workplace clears the unchanged rep owner and unassigns their open tasks', async () => {
    const m = await ownedMember('取込 異動', wpA.id, rep.id);
    await t.db.update(members).set({ employeeNumber: 'OWN-MOVE' }).where(eq(members.id, m.id));
    const res = await upload('members', `社員番号,所属職場,担当者\r\nOWN-MOVE,${wpB.name},${rep.email}\r\n`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ applied: true, updated: 1, errors: [] });
    expect(await stateOf(m.id)).toEqual({ ownerId: null, open: null, done: rep.id });
  });

  it('PATCH /api/users/:id taking a workplace from a rep clears their ownership there (members and the workplace) and unassigns their open tasks about it', async () => {
    const wpC = await api('POST', '/api/workplaces', { name: '所有C担当' });
    const r = await addRep('shrinking-rep@example.org', [wpA.id, wpC.id]);
    const inA = await ownedMember('担当変更 A', wpA.id, r.id);
    const inC = await ownedMember('担当変更 C', wpC.id, r.id);
    await t.db.update(workplaces).set({ ownerId: r.id }).where(eq(workplaces.id, wpC.id));
    const [wpTask] = await t.db
      .insert(tasks)
      .values({ title: '所有C担当 集会', assigneeId: r.id, subjectType: 'workplace', subjectId: wpC.id })
      .returning();
    const [free] = await t.db.insert(tasks).values({ title: '春闘の準備', assigneeId: r.id }).returning();
    const user = await api('GET', `/api/users/${r.id}`);
    const res = await t.api('PATCH', `/api/users/${r.id}`, { workplaceIds: [wpA.id], version: user.version });
    expect(res.status).toBe(200);
    expect(await stateOf(inA.id)).toEqual({ ownerId: r.id, open: r.id, done: r.id });
    expect(await stateOf(inC.id)).toEqual({ ownerId: null, open: null, done: r.id });
    const [c] = await t.db.select().from(workplaces).where(eq(workplaces.id, wpC.id));
    expect(c!.ownerId).toBeNull();
    const assigneeOf = async (id: string) =>
      (await t.db.select().from(tasks).where(eq(tasks.id, id)))[0]!.assigneeId;
    expect(await assigneeOf(wpTask!.id)).toBeNull();
    // A task about no member or workplace stays with the rep.
    expect(await assigneeOf(free!.id)).toBe(r.id);
  });

  it('PATCH /api/users/:id making an officer a rep releases what lies outside their new workplaces', async () => {
    const o = await t.addUser('officer');
    const inA = await ownedMember('役割変更 A', wpA.id, o.user.id);
    const inB = await ownedMember('役割変更 B', wpB.id, o.user.id);
    const user = await api('GET', `/api/users/${o.user.id}`);
    const res = await t.api('PATCH', `/api/users/${o.user.id}`, {
      role: 'rep',
      workplaceIds: [wpA.id],
      version: user.version,
    });
    expect(res.status).toBe(200);
    expect(await stateOf(inA.id)).toEqual({ ownerId: o.user.id, open: o.user.id, done: o.user.id });
    expect(await stateOf(inB.id)).toEqual({ ownerId: null, open: null, done: o.user.id });
  });

  it('DELETE /api/workplaces/:id leaves its members without a workplace, so a rep owner lets them go', async () => {
    const wpD = await api('POST', '/api/workplaces', { name: '所有D廃止' });
    const r = await addRep('closing-rep@example.org', [wpD.id]);
    const m = await ownedMember('廃止 三郎', wpD.id, r.id);
    const res = await t.api('DELETE', `/api/workplaces/${wpD.id}?version=${wpD.version}`);
    expect(res.status).toBe(204);
    expect(await stateOf(m.id)).toEqual({ ownerId: null, open: null, done: r.id });
  });
});
