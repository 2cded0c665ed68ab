import { asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/app';
import type { StaffRole } from '../../core/enums';
import { demands, memberCases, members, tasks, workplaces } from '../../db/schema';
import { createUser } from '../../services/users/create-user';

// Who sees and changes which task (SPEC §3 Task with the access matrix): an
// admin every task, an officer their own and unassigned ones, an executive or
// rep their own (assigned to or created by them). Invisible tasks answer 404
// like missing ones; executives and reps assign tasks only to themselves; a
// rep may only hold tasks about members and workplaces of their workplaces.

const NOW = new Date('2026-04-01T03:00:00Z');
const MISSING = '00000000-0000-4000-8000-000000000000';

let t: TestApp;
type Staff = { id: string; cookie: string };
const staff = {} as Record<'officer' | 'officer2' | 'executive' | 'rep' | 'rep2', Staff>;
let wpA: string;
let wpB: string;
let memberA: string;
let memberB: string;
let memberNone: string;
let demandId: string;

async function addStaff(role: StaffRole, workplaceIds: string[] = []): Promise<Staff> {
  const email = `${role}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const user = await createUser(t.db, {
    email,
    displayName: `${role} ${email.slice(-17, -12)}`,
    role,
    password: TEST_PASSWORD,
    workplaceIds,
  });
  return { id: user.id, cookie: await t.signIn(email) };
}

const as = (who: Staff | 'admin') => (who === 'admin' ? t.api : t.as(who.cookie));

/** A task inserted as it would be stored (any assignee and creator). */
async function insertTask(title: string, values: Partial<typeof tasks.$inferInsert> = {}) {
  const [row] = await t.db
    .insert(tasks)
    .values({ title, createdAt: NOW, updatedAt: NOW, ...values })
    .returning({ id: tasks.id });
  return row!.id;
}

/** Every task row, to show a refused request changed nothing. */
const snapshot = () => t.db.select().from(tasks).orderBy(asc(tasks.id));

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  const [a, b] = await t.db
    .insert(workplaces)
    .values([{ name: 'タスク職場A' }, { name: 'タスク職場B' }])
    .returning({ id: workplaces.id });
  wpA = a!.id;
  wpB = b!.id;
  const [ma, mb, mn] = await t.db
    .insert(members)
    .values([
      { name: '職場A 組合員', workplaceId: wpA },
      { name: '職場B 組合員', workplaceId: wpB },
      { name: '無所属 組合員' },
    ])
    .returning({ id: members.id });
  memberA = ma!.id;
  memberB = mb!.id;
  memberNone = mn!.id;
  const [d] = await t.db.insert(demands).values({ title: 'タスク要求' }).returning({ id: demands.id });
  demandId = d!.id;
  staff.officer = await addStaff('officer');
  staff.officer2 = await addStaff('officer');
  staff.executive = await addStaff('executive');
  staff.rep = await addStaff('rep', [wpA]);
  staff.rep2 = await addStaff('rep', [wpB]);
});
afterAll(async () => {
  await t?.close();
});

describe('tasks by role: visibility', () => {
  const ids = {} as Record<string, string>;
  beforeAll(async () => {
    const admin = t.admin.id;
    ids.adminOwn = await insertTask('VIS 管理者', { assigneeId: admin, createdBy: admin });
    ids.unassigned = await insertTask('VIS 未割当', { createdBy: admin });
    ids.officer = await insertTask('VIS 専従1', { assigneeId: staff.officer.id, createdBy: admin });
    ids.officer2 = await insertTask('VIS 専従2', { assigneeId: staff.officer2.id, createdBy: admin });
    ids.byOfficer = await insertTask('VIS 専従1が作成', {
      assigneeId: staff.officer2.id,
      createdBy: staff.officer.id,
      status: 'done',
    });
    ids.executive = await insertTask('VIS 執行', { assigneeId: staff.executive.id, createdBy: admin });
    ids.byExecutive = await insertTask('VIS 執行が作成', { createdBy: staff.executive.id });
    ids.rep = await insertTask('VIS 職場委員', {
      assigneeId: staff.rep.id,
      createdBy: admin,
      subjectType: 'member',
      subjectId: memberA,
    });
    ids.rep2 = await insertTask('VIS 職場委員2', { assigneeId: staff.rep2.id, createdBy: staff.officer.id });
  });

  const expected: Record<string, string[]> = {
    admin: [
      'adminOwn',
      'unassigned',
      'officer',
      'officer2',
      'byOfficer',
      'executive',
      'byExecutive',
      'rep',
      'rep2',
    ],
    officer: ['unassigned', 'officer', 'byOfficer', 'byExecutive', 'rep2'],
    officer2: ['unassigned', 'officer2', 'byOfficer', 'byExecutive'],
    executive: ['executive', 'byExecutive'],
    rep: ['rep'],
    rep2: ['rep2'],
  };

  it.each(Object.keys(expected))(
    '%s: the list, its total and GET cover exactly the visible tasks',
    async (role) => {
      const who = role === 'admin' ? 'admin' : staff[role as keyof typeof staff];
      const list = await as(who)('GET', '/api/tasks?q=VIS&limit=500');
      expect(list.status).toBe(200);
      const want = expected[role]!.map((k) => ids[k]!).sort();
      expect(list.body.items.map((x: { id: string }) => x.id).sort()).toEqual(want);
      expect(list.body.total).toBe(want.length);
      // Paging keeps the total.
      const page = await as(who)('GET', '/api/tasks?q=VIS&limit=1');
      expect(page.body.total).toBe(want.length);
      for (const [key, id] of Object.entries(ids)) {
        const res = await as(who)('GET', `/api/tasks/${id}`);
        expect(res.status, `${role} GET ${key}`).toBe(want.includes(id) ? 200 : 404);
      }
    },
  );

  it('filters and sorts stay within what the actor sees', async () => {
    const officer = as(staff.officer);
    const byAssignee = await officer('GET', `/api/tasks?q=VIS&assignee=${staff.officer2.id}`);
    expect(byAssignee.body.items.map((x: { id: string }) => x.id)).toEqual([ids.byOfficer]);
    expect(byAssignee.body.total).toBe(1);
    const done = await officer('GET', '/api/tasks?q=VIS&status=done');
    expect(done.body.total).toBe(1);
    const none = await officer('GET', '/api/tasks?q=VIS&assignee=none');
    expect(none.body.items.map((x: { id: string }) => x.id).sort()).toEqual(
      [ids.unassigned, ids.byExecutive].sort(),
    );
    for (const sort of ['dueOn', '-dueOn', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt']) {
      const res = await officer('GET', `/api/tasks?q=VIS&sort=${sort}`);
      expect(res.body.total, sort).toBe(expected.officer!.length);
    }
    const rep = as(staff.rep);
    const bySubject = await rep('GET', `/api/tasks?subjectType=member&subjectId=${memberA}`);
    expect(bySubject.body.items.map((x: { id: string }) => x.id)).toEqual([ids.rep]);
    const others = await rep('GET', `/api/tasks?q=VIS&assignee=${staff.officer.id}`);
    expect(others.body).toMatchObject({ items: [], total: 0 });
  });

  it('an invisible task is a 404 exactly like a missing one, and PATCH or DELETE of it changes nothing', async () => {
    const before = await snapshot();
    const missing = await as(staff.rep)('GET', `/api/tasks/${MISSING}`);
    for (const who of [staff.rep, staff.executive, staff.officer2]) {
      const denied = await as(who)('GET', `/api/tasks/${ids.officer}`);
      expect(denied.status).toBe(404);
      expect(denied.body).toEqual(missing.body);
      const patch = await as(who)('PATCH', `/api/tasks/${ids.officer}`, { title: '乗っ取り', version: 1 });
      expect(patch.status).toBe(404);
      // A stale version does not reveal it either.
      const stale = await as(who)('PATCH', `/api/tasks/${ids.officer}`, { title: '乗っ取り', version: 9 });
      expect(stale.status).toBe(404);
      const del = await as(who)('DELETE', `/api/tasks/${ids.officer}?version=1`);
      expect(del.status).toBe(404);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('visible tasks can be changed and deleted by an executive, a rep and an officer', async () => {
    const exec = await as(staff.executive)('PATCH', `/api/tasks/${ids.byExecutive}`, {
      status: 'done',
      version: 1,
    });
    expect(exec.status).toBe(200);
    // Still theirs (created by them), although unassigned.
    expect(exec.body).toMatchObject({ status: 'done', assigneeId: null, version: 2 });
    const rep = await as(staff.rep)('PATCH', `/api/tasks/${ids.rep}`, { title: '訪問する', version: 1 });
    expect(rep.status).toBe(200);
    const officer = await as(staff.officer)('PATCH', `/api/tasks/${ids.unassigned}`, {
      assigneeId: staff.officer.id,
      version: 1,
    });
    expect(officer.status).toBe(200);
    const extra = await insertTask('VIS2 削除', { assigneeId: staff.rep.id });
    expect((await as(staff.rep)('DELETE', `/api/tasks/${extra}?version=1`)).status).toBe(204);
  });

  it('a rep does not see the name of a subject outside their workplaces', async () => {
    const id = await insertTask('VIS3 他職場の件', {
      assigneeId: staff.rep.id,
      subjectType: 'member',
      subjectId: memberB,
    });
    const wp = await insertTask('VIS3 他職場', {
      assigneeId: staff.rep.id,
      subjectType: 'workplace',
      subjectId: wpB,
    });
    expect((await as(staff.rep)('GET', `/api/tasks/${id}`)).body).toMatchObject({
      subjectId: memberB,
      subjectName: null,
    });
    expect((await as(staff.rep)('GET', `/api/tasks/${wp}`)).body.subjectName).toBeNull();
    const list = await as(staff.rep)('GET', '/api/tasks?q=VIS3');
    expect(list.body.items.map((x: { subjectName: string | null }) => x.subjectName)).toEqual([null, null]);
    expect((await t.api('GET', `/api/tasks/${id}`)).body.subjectName).toBe('職場B 組合員');
  });
});

describe('tasks by role: creating and assigning', () => {
  it('an executive or rep without an assignee gets the task; another assignee is a 403 writing nothing', async () => {
    for (const who of [staff.executive, staff.rep]) {
      const own = await as(who)('POST', '/api/tasks', { title: 'NEW 自分で' });
      expect(own.status).toBe(201);
      expect(own.body).toMatchObject({ assigneeId: who.id, createdBy: who.id });
      const explicit = await as(who)('POST', '/api/tasks', { title: 'NEW 自分で', assigneeId: who.id });
      expect(explicit.status).toBe(201);
      const nullAssignee = await as(who)('POST', '/api/tasks', { title: 'NEW 自分で', assigneeId: null });
      expect(nullAssignee.body.assigneeId).toBe(who.id);

      const before = await snapshot();
      const other = await as(who)('POST', '/api/tasks', {
        title: 'NEW 他人へ',
        assigneeId: staff.officer.id,
      });
      expect(other.status).toBe(403);
      expect(other.body.error.code).toBe('forbidden');
      expect(await snapshot()).toEqual(before);
    }
    // Officers and admins assign anyone, or nobody.
    const officer = await as(staff.officer)('POST', '/api/tasks', {
      title: 'NEW 専従から',
      assigneeId: staff.officer2.id,
    });
    expect(officer.status).toBe(201);
    const nobody = await as(staff.officer)('POST', '/api/tasks', { title: 'NEW 未割当' });
    expect(nobody.body.assigneeId).toBeNull();
  });

  it('a rep’s subject must be in their workplaces: outside is a 404 like a missing one, writing nothing', async () => {
    const rep = as(staff.rep);
    const before = await snapshot();
    const missing = await rep('POST', '/api/tasks', {
      title: 'SUBJ',
      subjectType: 'member',
      subjectId: MISSING,
    });
    expect(missing.status).toBe(404);
    for (const [subjectType, subjectId] of [
      ['member', memberB],
      ['member', memberNone],
      ['workplace', wpB],
    ] as const) {
      const res = await rep('POST', '/api/tasks', { title: 'SUBJ', subjectType, subjectId });
      expect(res.status, `${subjectType} ${subjectId}`).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect(await snapshot()).toEqual(before);

    for (const [subjectType, subjectId] of [
      ['member', memberA],
      ['workplace', wpA],
      ['demand', demandId],
    ] as const) {
      const res = await rep('POST', '/api/tasks', { title: 'SUBJ', subjectType, subjectId });
      expect(res.status, `${subjectType}`).toBe(201);
      expect(res.body.subjectName).not.toBeNull();
    }
    // An executive reads every member and workplace.
    const exec = await as(staff.executive)('POST', '/api/tasks', {
      title: 'SUBJ',
      subjectType: 'member',
      subjectId: memberB,
    });
    expect(exec.status).toBe(201);
  });

  it('a task about a member or workplace goes to a rep only when it is in their workplaces (400 on assigneeId)', async () => {
    const officer = as(staff.officer);
    const before = await snapshot();
    for (const [subjectType, subjectId] of [
      ['member', memberB],
      ['member', memberNone],
      ['workplace', wpB],
    ] as const) {
      const res = await officer('POST', '/api/tasks', {
        title: 'ASSIGN',
        assigneeId: staff.rep.id,
        subjectType,
        subjectId,
      });
      expect(res.status, `${subjectType} ${subjectId}`).toBe(400);
      expect(Object.keys(res.body.error.fields)).toEqual(['assigneeId']);
    }
    expect(await snapshot()).toEqual(before);
    for (const body of [
      { subjectType: 'member', subjectId: memberA },
      { subjectType: 'workplace', subjectId: wpA },
      { subjectType: 'demand', subjectId: demandId },
      {},
    ]) {
      const res = await officer('POST', '/api/tasks', { title: 'ASSIGN', assigneeId: staff.rep.id, ...body });
      expect(res.status, JSON.stringify(body)).toBe(201);
    }
    // Other roles hold tasks about anyone.
    const exec = await officer('POST', '/api/tasks', {
      title: 'ASSIGN',
      assigneeId: staff.executive.id,
      subjectType: 'member',
      subjectId: memberB,
    });
    expect(exec.status).toBe(201);
  });

  it('PATCH checks the assignee and the subject together whenever either changes', async () => {
    const officer = as(staff.officer);
    const task = (
      await officer('POST', '/api/tasks', {
        title: 'PATCH',
        assigneeId: staff.rep.id,
        subjectType: 'member',
        subjectId: memberA,
      })
    ).body;
    const before = await snapshot();
    const toB = await officer('PATCH', `/api/tasks/${task.id}`, { subjectId: memberB, version: 1 });
    expect(toB.status).toBe(400);
    expect(toB.body.error.fields).toHaveProperty('assigneeId');
    const toRep2 = await officer('PATCH', `/api/tasks/${task.id}`, { assigneeId: staff.rep2.id, version: 1 });
    expect(toRep2.status).toBe(400);
    expect(toRep2.body.error.fields).toHaveProperty('assigneeId');
    expect(await snapshot()).toEqual(before);
    // Both at once: fine.
    const both = await officer('PATCH', `/api/tasks/${task.id}`, {
      assigneeId: staff.rep2.id,
      subjectId: memberB,
      version: 1,
    });
    expect(both.status).toBe(200);
    // Unrelated changes are not re-checked.
    const title = await officer('PATCH', `/api/tasks/${task.id}`, { title: 'PATCH 2', version: 2 });
    expect(title.status).toBe(200);
  });

  it('an executive or rep reassigns only to themselves, and a new subject must be theirs', async () => {
    const rep = as(staff.rep);
    const own = (
      await rep('POST', '/api/tasks', { title: 'REASSIGN', subjectType: 'member', subjectId: memberA })
    ).body;
    const before = await snapshot();
    for (const assigneeId of [staff.officer.id, null]) {
      const res = await rep('PATCH', `/api/tasks/${own.id}`, { assigneeId, version: 1 });
      expect(res.status).toBe(403);
    }
    const outside = await rep('PATCH', `/api/tasks/${own.id}`, { subjectId: memberB, version: 1 });
    expect(outside.status).toBe(404);
    expect(await snapshot()).toEqual(before);
    const keep = await rep('PATCH', `/api/tasks/${own.id}`, {
      assigneeId: staff.rep.id,
      status: 'done',
      version: 1,
    });
    expect(keep.status).toBe(200);

    // A task assigned to an executive by an officer: the executive may keep it, not hand it on.
    const given = (
      await as(staff.officer)('POST', '/api/tasks', { title: 'REASSIGN', assigneeId: staff.executive.id })
    ).body;
    const handOn = await as(staff.executive)('PATCH', `/api/tasks/${given.id}`, {
      assigneeId: staff.officer2.id,
      version: 1,
    });
    expect(handOn.status).toBe(403);
    expect((await t.api('GET', `/api/tasks/${given.id}`)).body).toEqual(given);
  });
});

describe('tasks by role: sensitive case follow-ups', () => {
  it('the sweep leaves a sensitive follow-up of a rep’s member unassigned: officers see it, the rep does not', async () => {
    const [m] = await t.db
      .insert(members)
      .values({ name: '機微 組合員', workplaceId: wpA, ownerId: staff.rep.id })
      .returning({ id: members.id });
    await t.db.insert(memberCases).values([
      {
        memberId: m!.id,
        title: 'ハラスメント相談',
        openedOn: '2026-03-01',
        dueOn: '2026-03-31',
        sensitive: true,
      },
      { memberId: m!.id, title: '残業相談', openedOn: '2026-03-01', dueOn: '2026-03-30' },
    ]);
    const run = await t.api('POST', '/api/workflows/run', { asOf: '2026-04-01' });
    expect(run.status).toBe(200);
    const made = await t.db.select().from(tasks).where(eq(tasks.subjectId, m!.id));
    expect(made).toHaveLength(2);
    const sensitive = made.find((x) => x.assigneeId === null)!;
    const plain = made.find((x) => x.assigneeId === staff.rep.id)!;
    expect(sensitive).toBeDefined();
    expect(plain).toBeDefined();
    expect(`${sensitive.title}${sensitive.body ?? ''}`).not.toContain('ハラスメント');

    const repList = await as(staff.rep)('GET', `/api/tasks?subjectId=${m!.id}`);
    expect(repList.body.items.map((x: { id: string }) => x.id)).toEqual([plain.id]);
    expect((await as(staff.rep)('GET', `/api/tasks/${sensitive.id}`)).status).toBe(404);
    const officerList = await as(staff.officer)('GET', `/api/tasks?subjectId=${m!.id}&assignee=none`);
    expect(officerList.body.items.map((x: { id: string }) => x.id)).toEqual([sensitive.id]);
    // Idempotent: running again makes nothing more.
    await t.api('POST', '/api/workflows/run', { asOf: '2026-04-01' });
    expect(await t.db.select().from(tasks).where(like(tasks.onceKey, `case_due_follow_up:%`))).toHaveLength(
      2,
    );
  });
});
