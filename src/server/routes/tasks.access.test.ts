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

  it('a rep’s task about a subject outside their workplaces is hidden like a missing one', async () => {
    // Rows as an older version could leave them (the API no longer assigns these to the rep).
    const id = await insertTask('VIS3 他職場の件', {
      assigneeId: staff.rep.id,
      subjectType: 'member',
      subjectId: memberB,
    });
    const wp = await insertTask('VIS3 他職場', {
      assigneeId: staff.rep.id,
      createdBy: staff.rep.id,
      subjectType: 'workplace',
      subjectId: wpB,
    });
    const missing = await as(staff.rep)('GET', `/api/tasks/${MISSING}`);
    for (const task of [id, wp]) {
      const res = await as(staff.rep)('GET', `/api/tasks/${task}`);
      expect(res.status).toBe(404);
      expect(res.body).toEqual(missing.body);
    }
    const list = await as(staff.rep)('GET', '/api/tasks?q=VIS3');
    expect(list.body).toMatchObject({ items: [], total: 0 });
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

// A task whose subject (member or workplace) its assignee cannot see must not
// reveal the subject: the rules leave it unassigned, and every task surface of a
// rep leaves out tasks about members and workplaces outside the rep's workplaces,
// whoever holds or made them. These run after the sensitive-case sweep above.
describe('tasks about subjects outside the assignee’s workplaces', () => {
  const OUT_NAME = '越境 花子';
  const OUT_WORKPLACE = 'タスク職場C';
  let memberOut: string;
  let memberIn: string;
  let wpC: string;

  /** Every task the rep's inbox lists (all pages), with its total. */
  async function repInbox(query = '') {
    const res = await as(staff.rep)('GET', `/api/tasks?limit=500${query}`);
    expect(res.status).toBe(200);
    return res.body as { items: { id: string; title: string; subjectId: string | null }[]; total: number };
  }

  const tasksAbout = (subjectId: string) =>
    t.db.select().from(tasks).where(eq(tasks.subjectId, subjectId)).orderBy(asc(tasks.ruleId));

  beforeAll(async () => {
    // Ownership an older version let an admin set: a member of B and a workplace C owned by
    // the rep of A (the API now refuses both). A member of A owned by the rep, for contrast.
    const [c] = await t.db
      .insert(workplaces)
      .values({ name: OUT_WORKPLACE, atmosphere: 'indifferent', ownerId: staff.rep.id })
      .returning({ id: workplaces.id });
    wpC = c!.id;
    const [out, inside] = await t.db
      .insert(members)
      .values([
        { name: OUT_NAME, workplaceId: wpB, ownerId: staff.rep.id, joinedOn: '2021-05-10' },
        { name: '担当内 太郎', workplaceId: wpA, ownerId: staff.rep.id, joinedOn: '2021-05-20' },
      ])
      .returning({ id: members.id });
    memberOut = out!.id;
    memberIn = inside!.id;
    await t.db
      .insert(memberCases)
      .values({ memberId: memberOut, title: '配置転換の相談', openedOn: '2026-03-01', dueOn: '2026-03-31' });
  });

  it('each of the five rules leaves a task about a subject the owner rep cannot see unassigned; the rep’s inbox, search and GET do not reveal it', async () => {
    // at_risk_follow_up: an officer marks the member at risk (the rule runs in that transaction).
    const member = (await t.api('GET', `/api/members/${memberOut}`)).body;
    const atRisk = await as(staff.officer)('PATCH', `/api/members/${memberOut}`, {
      engagement: 'at_risk',
      engagementReason: '連絡が途絶えた',
      version: member.version,
    });
    expect(atRisk.status).toBe(200);
    // shunto_survey: the rep is the secretary general; the survey has no subject.
    const s = (await t.api('GET', '/api/settings')).body;
    const set = await t.api('PATCH', '/api/settings', {
      shuntoStartOn: '2026-05-15',
      secretaryGeneralUserId: staff.rep.id,
      version: s.version,
    });
    expect(set.status).toBe(200);
    // case_due_follow_up, tenure_milestone (5 years in May), workplace_gathering, shunto_survey.
    const run = await t.api('POST', '/api/workflows/run', { asOf: '2026-04-01' });
    expect(run.status).toBe(200);

    const out = await tasksAbout(memberOut);
    expect(out.map((x) => x.ruleId)).toEqual(['at_risk_follow_up', 'case_due_follow_up', 'tenure_milestone']);
    const gathering = await tasksAbout(wpC);
    expect(gathering.map((x) => x.ruleId)).toEqual(['workplace_gathering']);
    const hidden = [...out, ...gathering];
    expect(hidden.map((x) => x.assigneeId)).toEqual([null, null, null, null]);
    const [inside] = await tasksAbout(memberIn);
    expect(inside).toMatchObject({ ruleId: 'tenure_milestone', assigneeId: staff.rep.id });
    const [survey] = await t.db.select().from(tasks).where(eq(tasks.onceKey, 'shunto_survey:2026-05-15'));
    expect(survey).toMatchObject({ assigneeId: staff.rep.id, subjectType: null });

    const inbox = await repInbox();
    const seen = inbox.items.map((x) => x.id);
    expect(seen).toEqual(expect.arrayContaining([inside!.id, survey!.id]));
    expect(inbox.total).toBe(inbox.items.length);
    for (const task of hidden) expect(seen).not.toContain(task.id);
    expect(JSON.stringify(inbox)).not.toContain(OUT_NAME);
    expect(JSON.stringify(inbox)).not.toContain(OUT_WORKPLACE);
    expect(await repInbox(`&q=${encodeURIComponent(OUT_NAME)}`)).toMatchObject({ items: [], total: 0 });
    expect(await repInbox(`&subjectId=${memberOut}`)).toMatchObject({ items: [], total: 0 });
    expect(await repInbox('&ruleId=workplace_gathering')).toMatchObject({ items: [], total: 0 });
    const missing = await as(staff.rep)('GET', `/api/tasks/${MISSING}`);
    for (const task of hidden) {
      const res = await as(staff.rep)('GET', `/api/tasks/${task.id}`);
      expect(res.status, task.ruleId!).toBe(404);
      expect(res.body).toEqual(missing.body);
    }
    // They wait in the officers' pile instead.
    const pile = await as(staff.officer)('GET', `/api/tasks?assignee=none&limit=500`);
    expect(pile.body.items.map((x: { id: string }) => x.id)).toEqual(
      expect.arrayContaining(hidden.map((x) => x.id)),
    );
  });

  it('a manual task assigned to or made by the rep about a member or workplace outside their workplaces is hidden, and cannot be changed', async () => {
    const assigned = await insertTask(`${OUT_NAME}さんに電話`, {
      assigneeId: staff.rep.id,
      createdBy: t.admin.id,
      subjectType: 'member',
      subjectId: memberOut,
    });
    const made = await insertTask(`${OUT_WORKPLACE}の掲示`, {
      assigneeId: staff.rep.id,
      createdBy: staff.rep.id,
      subjectType: 'workplace',
      subjectId: wpC,
    });
    const inbox = await repInbox();
    expect(inbox.items.map((x) => x.id)).not.toContain(assigned);
    expect(inbox.items.map((x) => x.id)).not.toContain(made);
    expect(JSON.stringify(inbox)).not.toContain(OUT_NAME);
    const before = await snapshot();
    for (const id of [assigned, made]) {
      expect((await as(staff.rep)('GET', `/api/tasks/${id}`)).status).toBe(404);
      expect((await as(staff.rep)('PATCH', `/api/tasks/${id}`, { status: 'done', version: 1 })).status).toBe(
        404,
      );
      expect((await as(staff.rep)('DELETE', `/api/tasks/${id}?version=1`)).status).toBe(404);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('a member moved out of the rep’s workplaces after the tasks were made: ownership cleared, open tasks unassigned, nothing reaches the rep', async () => {
    const name = '異動 次郎';
    const created = await as(staff.officer)('POST', '/api/members', {
      name,
      workplaceId: wpA,
      ownerId: staff.rep.id,
      engagement: 'at_risk',
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const own = await as(staff.rep)('POST', '/api/tasks', {
      title: `${name}さんと面談`,
      subjectType: 'member',
      subjectId: id,
    });
    expect(own.status).toBe(201);
    const done = await as(staff.officer)('POST', '/api/tasks', {
      title: `${name}さんに資料`,
      assigneeId: staff.rep.id,
      subjectType: 'member',
      subjectId: id,
      status: 'done',
    });
    expect(done.status).toBe(201);
    const before = await tasksAbout(id);
    expect(before.map((x) => x.assigneeId)).toEqual([staff.rep.id, staff.rep.id, staff.rep.id]);
    expect((await repInbox(`&subjectId=${id}`)).total).toBe(3);

    const moved = await t.api('PATCH', `/api/members/${id}`, {
      workplaceId: wpB,
      version: created.body.version,
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ workplaceId: wpB, ownerId: null });
    const after = await tasksAbout(id);
    const assigneeOf = (taskId: string) => after.find((x) => x.id === taskId)!.assigneeId;
    expect(assigneeOf(own.body.id)).toBeNull();
    expect(after.find((x) => x.ruleId === 'at_risk_follow_up')!.assigneeId).toBeNull();
    // A completed task keeps who did it.
    expect(assigneeOf(done.body.id)).toBe(staff.rep.id);

    const inbox = await repInbox();
    expect(JSON.stringify(inbox)).not.toContain(name);
    expect(await repInbox(`&subjectId=${id}`)).toMatchObject({ items: [], total: 0 });
    expect(await repInbox(`&q=${encodeURIComponent(name)}`)).toMatchObject({ items: [], total: 0 });
    for (const task of after) expect((await as(staff.rep)('GET', `/api/tasks/${task.id}`)).status).toBe(404);
    expect((await as(staff.rep)('GET', `/api/members/${id}`)).status).toBe(404);
    // The open ones are in the officers' pile, for whoever covers the member now.
    const pile = await as(staff.officer)('GET', `/api/tasks?assignee=none&subjectId=${id}`);
    expect(pile.body.total).toBe(2);
  });
});
