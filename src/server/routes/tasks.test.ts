import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { tasks, users, workplaces } from '../../db/schema';

let clock = new Date('2026-04-01T00:00:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
afterAll(async () => {
  await t?.close();
});

const MISSING = '00000000-0000-4000-8000-000000000000';

async function createTask(body: Record<string, unknown>) {
  const res = await t.api('POST', '/api/tasks', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function taskCount() {
  const [row] = await t.db.select({ n: count() }).from(tasks);
  return row!.n;
}

const idsOf = (res: { body: { items: { id: string }[] } }) => res.body.items.map((x) => x.id);

describe('tasks API: records', () => {
  it('creates a manual task with defaults and round-trips every field', async () => {
    clock = new Date('2026-04-01T00:00:00Z');
    const minimal = await createTask({ title: '  電話する  ' });
    expect(minimal).toMatchObject({
      title: '電話する',
      body: null,
      dueOn: null,
      status: 'open',
      assigneeId: null,
      assigneeName: null,
      subjectType: null,
      subjectId: null,
      subjectName: null,
      ruleId: null,
      completedAt: null,
      createdBy: t.admin.id,
      version: 1,
      createdAt: '2026-04-01T00:00:00.000Z',
    });

    const officer = await t.addUser('officer');
    const member = (await t.api('POST', '/api/members', { name: '佐藤 花子' })).body;
    const full = await createTask({
      title: '佐藤さんと面談',
      body: '職場の悩みを聞く',
      dueOn: '2026-04-10',
      status: 'open',
      assigneeId: officer.user.id,
      subjectType: 'member',
      subjectId: member.id,
    });
    expect(full).toMatchObject({
      title: '佐藤さんと面談',
      body: '職場の悩みを聞く',
      dueOn: '2026-04-10',
      status: 'open',
      assigneeId: officer.user.id,
      assigneeName: 'officer user',
      subjectType: 'member',
      subjectId: member.id,
      subjectName: '佐藤 花子',
      ruleId: null,
      completedAt: null,
    });
    expect((await t.api('GET', `/api/tasks/${full.id}`)).body).toEqual(full);

    const demand = (await t.api('POST', '/api/demands', { title: '賃上げ' })).body;
    clock = new Date('2026-04-02T03:00:00Z');
    const patched = await t.api('PATCH', `/api/tasks/${full.id}`, {
      title: '賃上げ要求の準備',
      body: '',
      dueOn: null,
      assigneeId: null,
      subjectType: 'demand',
      subjectId: demand.id,
      version: 1,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      title: '賃上げ要求の準備',
      body: null,
      dueOn: null,
      assigneeId: null,
      assigneeName: null,
      subjectType: 'demand',
      subjectId: demand.id,
      subjectName: '賃上げ',
      version: 2,
      updatedAt: '2026-04-02T03:00:00.000Z',
    });
    expect((await t.api('GET', `/api/tasks/${full.id}`)).body).toEqual(patched.body);

    const [wp] = await t.db.insert(workplaces).values({ name: '第一工場' }).returning({ id: workplaces.id });
    const toWorkplace = await t.api('PATCH', `/api/tasks/${full.id}`, {
      subjectType: 'workplace',
      subjectId: wp!.id,
      version: 2,
    });
    expect(toWorkplace.body).toMatchObject({ subjectType: 'workplace', subjectName: '第一工場', version: 3 });
    const cleared = await t.api('PATCH', `/api/tasks/${full.id}`, {
      subjectType: null,
      subjectId: null,
      version: 3,
    });
    expect(cleared.body).toMatchObject({ subjectType: null, subjectId: null, subjectName: null, version: 4 });
  });

  it('sets completedAt when a task is done and clears it when reopened', async () => {
    clock = new Date('2026-04-03T09:00:00Z');
    const task = await createTask({ title: '完了テスト' });
    clock = new Date('2026-04-04T09:00:00Z');
    const done = await t.api('PATCH', `/api/tasks/${task.id}`, { status: 'done', version: 1 });
    expect(done.body).toMatchObject({ status: 'done', completedAt: '2026-04-04T09:00:00.000Z' });

    clock = new Date('2026-04-05T09:00:00Z');
    const edited = await t.api('PATCH', `/api/tasks/${task.id}`, {
      title: '完了テスト(済)',
      status: 'done',
      version: 2,
    });
    expect(edited.body).toMatchObject({ completedAt: '2026-04-04T09:00:00.000Z', version: 3 });

    const reopened = await t.api('PATCH', `/api/tasks/${task.id}`, { status: 'open', version: 3 });
    expect(reopened.body).toMatchObject({ status: 'open', completedAt: null });

    const createdDone = await createTask({ title: '済んだ記録', status: 'done' });
    expect(createdDone.completedAt).toBe('2026-04-05T09:00:00.000Z');
  });

  it('rejects a stale version with 409 and writes nothing', async () => {
    const task = await createTask({ title: '競合テスト' });
    expect((await t.api('PATCH', `/api/tasks/${task.id}`, { dueOn: '2026-05-01', version: 1 })).status).toBe(
      200,
    );
    const stale = await t.api('PATCH', `/api/tasks/${task.id}`, { status: 'done', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.fields).toEqual({ version: 'stale' });
    expect((await t.api('GET', `/api/tasks/${task.id}`)).body).toMatchObject({
      status: 'open',
      completedAt: null,
      dueOn: '2026-05-01',
      version: 2,
    });
    expect((await t.api('DELETE', `/api/tasks/${task.id}?version=1`)).status).toBe(409);
    expect((await t.api('GET', `/api/tasks/${task.id}`)).status).toBe(200);
    expect((await t.api('DELETE', `/api/tasks/${task.id}?version=2`)).status).toBe(204);
    expect((await t.api('GET', `/api/tasks/${task.id}`)).status).toBe(404);
  });

  it('answers 404 for unknown or malformed ids', async () => {
    expect((await t.api('GET', `/api/tasks/${MISSING}`)).status).toBe(404);
    expect((await t.api('GET', '/api/tasks/123')).status).toBe(404);
    expect((await t.api('PATCH', `/api/tasks/${MISSING}`, { title: 'x', version: 1 })).status).toBe(404);
    expect((await t.api('DELETE', `/api/tasks/${MISSING}?version=1`)).status).toBe(404);
  });
});

describe('tasks API: validation', () => {
  it('rejects bad input with 400 and field errors, writing nothing', async () => {
    const before = await taskCount();
    const cases: [unknown, string][] = [
      [{ title: 'x', status: 'closed' }, 'status'],
      [{ title: 'x'.repeat(201) }, 'title'],
      [{ title: '' }, 'title'],
      [{}, 'title'],
      [{ title: 'x', dueOn: '2025-02-30' }, 'dueOn'],
      [{ title: 'x', dueOn: 20250301 }, 'dueOn'],
      [{ title: ['x'] }, 'title'],
      [{ title: 'x', body: 'y'.repeat(10001) }, 'body'],
      [{ title: 'x', assigneeId: 'bob' }, 'assigneeId'],
      [{ title: 'x', subjectType: 'case', subjectId: MISSING }, 'subjectType'],
      [{ title: 'x', ruleId: 'at_risk_follow_up' }, 'ruleId'],
      [{ title: 'x', completedAt: '2026-04-01T00:00:00Z' }, 'completedAt'],
      [{ title: 'x', colour: 'red' }, 'colour'],
    ];
    for (const [body, field] of cases) {
      const res = await t.api('POST', '/api/tasks', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.fields).toHaveProperty(field);
    }
    expect((await t.api('POST', '/api/tasks', '{"title": ')).status).toBe(400);
    expect(await taskCount()).toBe(before);
  });

  it('requires subjectType and subjectId together, naming an existing record', async () => {
    const before = await taskCount();
    const member = (await t.api('POST', '/api/members', { name: '主題 太郎' })).body;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ subjectType: 'member' }, 'subjectId', 'is required when subjectType is set'],
      [{ subjectId: member.id }, 'subjectType', 'is required when subjectId is set'],
      [{ subjectType: 'member', subjectId: MISSING }, 'subjectId', 'is not an existing member'],
      [{ subjectType: 'workplace', subjectId: member.id }, 'subjectId', 'is not an existing workplace'],
      [{ subjectType: 'demand', subjectId: member.id }, 'subjectId', 'is not an existing demand'],
    ];
    for (const [body, field, message] of cases) {
      const res = await t.api('POST', '/api/tasks', { title: '主題テスト', ...body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields).toEqual({ [field]: message });
    }
    expect(await taskCount()).toBe(before);

    const task = await createTask({ title: '主題テスト', subjectType: 'member', subjectId: member.id });
    for (const [body, field] of [
      [{ subjectType: null }, 'subjectType'],
      [{ subjectId: null }, 'subjectId'],
      [{ subjectType: 'demand' }, 'subjectId'],
      [{ subjectId: MISSING }, 'subjectId'],
    ] as const) {
      const res = await t.api('PATCH', `/api/tasks/${task.id}`, { ...body, version: 1 });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields).toHaveProperty(field);
    }
    expect((await t.api('GET', `/api/tasks/${task.id}`)).body).toEqual(task);
  });

  it('requires the assignee to be an existing, enabled staff user', async () => {
    const before = await taskCount();
    const unknown = await t.api('POST', '/api/tasks', { title: '担当テスト', assigneeId: MISSING });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toEqual({ assigneeId: 'does not exist' });

    const rep = await t.addUser('rep');
    await t.db.update(users).set({ disabled: true }).where(eq(users.id, rep.user.id));
    const disabled = await t.api('POST', '/api/tasks', { title: '担当テスト', assigneeId: rep.user.id });
    expect(disabled.status).toBe(400);
    expect(disabled.body.error.fields).toEqual({ assigneeId: 'is a disabled account' });
    expect(await taskCount()).toBe(before);

    const task = await createTask({ title: '担当テスト' });
    const patch = await t.api('PATCH', `/api/tasks/${task.id}`, { assigneeId: MISSING, version: 1 });
    expect(patch.status).toBe(400);
    expect(patch.body.error.fields).toEqual({ assigneeId: 'does not exist' });
    expect((await t.api('GET', `/api/tasks/${task.id}`)).body).toEqual(task);
  });
});

describe('tasks API: list', () => {
  it("serves the officer's inbox with assignee=me and the unassigned pile with assignee=none", async () => {
    const officer = await t.addUser('officer');
    const asOfficer = t.as(officer.cookie);
    const mineOpen = await createTask({
      title: 'INBOX 自分の',
      assigneeId: officer.user.id,
      dueOn: '2026-04-20',
    });
    const mineSoon = await createTask({
      title: 'INBOX 自分の急ぎ',
      assigneeId: officer.user.id,
      dueOn: '2026-04-05',
    });
    const mineUndated = await createTask({ title: 'INBOX 自分の期日なし', assigneeId: officer.user.id });
    const mineDone = await createTask({
      title: 'INBOX 自分の済',
      assigneeId: officer.user.id,
      status: 'done',
    });
    const admins = await createTask({ title: 'INBOX 管理者の', assigneeId: t.admin.id });
    const nobody = await createTask({ title: 'INBOX 未割当' });

    const inbox = await asOfficer('GET', '/api/tasks?assignee=me&status=open');
    expect(inbox.status).toBe(200);
    expect(inbox.body.total).toBe(3);
    expect(idsOf(inbox)).toEqual([mineSoon.id, mineOpen.id, mineUndated.id]);
    expect(inbox.body.items[0]).toMatchObject({ assigneeName: 'officer user', status: 'open' });

    expect(idsOf(await asOfficer('GET', '/api/tasks?assignee=me&status=done'))).toEqual([mineDone.id]);
    expect(
      idsOf(await t.api('GET', `/api/tasks?assignee=${officer.user.id}&status=open&sort=-dueOn`)),
    ).toEqual([mineOpen.id, mineSoon.id, mineUndated.id]);
    expect(idsOf(await t.api('GET', '/api/tasks?q=INBOX&assignee=me'))).toEqual([admins.id]);
    expect(idsOf(await t.api('GET', '/api/tasks?q=INBOX&assignee=none'))).toEqual([nobody.id]);

    const bad = await t.api('GET', '/api/tasks?assignee=bob');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('assignee');
  });

  it('filters by subject, rule and due date', async () => {
    const member = (await t.api('POST', '/api/members', { name: '絞込 一郎' })).body;
    const about = await createTask({
      title: 'FLT 組合員',
      subjectType: 'member',
      subjectId: member.id,
      dueOn: '2026-04-30',
    });
    const early = await createTask({ title: 'FLT 早い', dueOn: '2026-04-10' });
    await createTask({ title: 'FLT 期日なし' });
    const [ruled] = await t.db
      .insert(tasks)
      .values({
        title: 'FLT ルール',
        ruleId: 'shunto_survey',
        onceKey: 'shunto_survey:2026-06-01',
        dueOn: '2026-05-01',
      })
      .returning({ id: tasks.id });

    expect(idsOf(await t.api('GET', `/api/tasks?subjectType=member&subjectId=${member.id}`))).toEqual([
      about.id,
    ]);
    expect(idsOf(await t.api('GET', '/api/tasks?q=FLT&ruleId=shunto_survey'))).toEqual([ruled!.id]);
    const rule = await t.api('GET', `/api/tasks/${ruled!.id}`);
    expect(rule.body).toMatchObject({ ruleId: 'shunto_survey', title: 'FLT ルール' });
    expect(rule.body).not.toHaveProperty('onceKey');
    expect(idsOf(await t.api('GET', '/api/tasks?q=FLT&dueBefore=2026-04-30'))).toEqual([early.id, about.id]);
    expect(idsOf(await t.api('GET', '/api/tasks?q=FLT&dueBefore=2026-04-29'))).toEqual([early.id]);

    for (const query of [
      'dueBefore=2025-02-30',
      'subjectType=case',
      'status=closed',
      'sort=title',
      'subjectId=x',
    ]) {
      const bad = await t.api('GET', `/api/tasks?${query}`);
      expect(bad.status, query).toBe(400);
      expect(bad.body.error.code).toBe('validation_failed');
    }
  });

  it('pages with limit and cursor', async () => {
    const made = [];
    for (const day of ['01', '02', '03', '04', '05'])
      made.push(await createTask({ title: `PAGE ${day}`, dueOn: `2027-01-${day}` }));
    const page1 = await t.api('GET', '/api/tasks?q=PAGE&limit=2');
    expect(page1.body.total).toBe(5);
    expect(idsOf(page1)).toEqual([made[0]!.id, made[1]!.id]);
    const page2 = await t.api('GET', `/api/tasks?q=PAGE&limit=2&cursor=${page1.body.nextCursor}`);
    expect(idsOf(page2)).toEqual([made[2]!.id, made[3]!.id]);
    const page3 = await t.api('GET', `/api/tasks?q=PAGE&limit=2&cursor=${page2.body.nextCursor}`);
    expect(idsOf(page3)).toEqual([made[4]!.id]);
    expect(page3.body.nextCursor).toBeUndefined();
  });
});

describe('tasks API: OpenAPI', () => {
  it('documents every task route under its tag', async () => {
    const res = await t.api('GET', '/api/openapi.json');
    const paths = res.body.paths;
    for (const [path, methods] of [
      ['/tasks', ['get', 'post']],
      ['/tasks/{id}', ['get', 'patch', 'delete']],
    ] as const) {
      for (const method of methods)
        expect(paths[path]?.[method]?.tags, `${method} ${path}`).toEqual(['Tasks タスク']);
    }
    expect(res.body.components.schemas).toHaveProperty('Task');
    expect(res.body.components.schemas).toHaveProperty('TaskList');
  });
});
