import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { WORKFLOW_RULE_IDS, WORKFLOW_RULES } from '../../core/workflows/rules';
import { tasks, workflowRules } from '../../db/schema';

let t: TestApp;
// 2026-03-31T15:30Z is already 2026-04-01 in Asia/Tokyo.
let clock = new Date('2026-03-31T15:30:00Z');

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
afterAll(async () => {
  await t?.close();
});
beforeEach(() => {
  clock = new Date('2026-03-31T15:30:00Z');
});

const rules = async () => (await t.api('GET', '/api/workflow-rules')).body.items as Record<string, unknown>[];
const rule = async (id: string) => (await rules()).find((r) => r.id === id)!;
const atRiskTasks = async (memberId: string) =>
  (await t.api('GET', `/api/tasks?ruleId=at_risk_follow_up&subjectId=${memberId}&sort=createdAt`)).body.items;

async function resetRule(id: string) {
  await t.db.delete(workflowRules).where(eq(workflowRules.id, id));
}

describe('workflow-rules API', () => {
  it('lists the five rules with the seed’s default texts, placeholders and a sample rendering', async () => {
    const res = await t.api('GET', '/api/workflow-rules');
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: { id: string }) => r.id)).toEqual([...WORKFLOW_RULE_IDS]);
    const tenure = res.body.items[2];
    expect(tenure).toEqual({
      id: 'tenure_milestone',
      trigger: 'daily',
      label: '組合歴の節目(5年・10年・20年)前月',
      enabled: true,
      titleTemplate: '{name}さん 組合歴{years}周年の感謝とフォロー',
      bodyTemplate: WORKFLOW_RULES.tenure_milestone.body,
      titleCustomized: false,
      bodyCustomized: false,
      defaultTitleTemplate: '{name}さん 組合歴{years}周年の感謝とフォロー',
      defaultBodyTemplate: WORKFLOW_RULES.tenure_milestone.body,
      placeholders: ['name', 'workplace', 'years'],
      subjectType: 'member',
      assignee: 'member_owner',
      due: expect.any(String),
      oncePer: expect.any(String),
      sample: {
        title: '山田 太郎さん 組合歴5周年の感謝とフォロー',
        body: WORKFLOW_RULES.tenure_milestone.body,
      },
      version: 1,
      updatedAt: null,
    });
    expect(res.body.items[0]).toMatchObject({ id: 'at_risk_follow_up', trigger: 'engagement_change' });
    // The seed gives the case follow-up no body; ours names the case, and so does its sample.
    expect(res.body.items[1]).toMatchObject({
      bodyTemplate: WORKFLOW_RULES.case_due_follow_up.body,
      placeholders: ['name', 'workplace', 'case'],
      sample: { body: '案件「残業代の未払い」の対応期日です。\n経過を確かめ、次の対応を記録する' },
    });
  });

  it('disables a rule and edits, then resets, its templates (version checked)', async () => {
    clock = new Date('2026-04-02T01:00:00Z');
    const edited = await t.api('PATCH', '/api/workflow-rules/case_due_follow_up', {
      enabled: false,
      titleTemplate: '  {name}さん({workplace}) 案件の期日  ',
      bodyTemplate: '相談内容を確認する',
      version: 1,
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({
      id: 'case_due_follow_up',
      enabled: false,
      titleTemplate: '{name}さん({workplace}) 案件の期日',
      bodyTemplate: '相談内容を確認する',
      titleCustomized: true,
      bodyCustomized: true,
      sample: { title: '山田 太郎さん(第一工場) 案件の期日', body: '相談内容を確認する' },
      version: 2,
      updatedAt: '2026-04-02T01:00:00.000Z',
    });
    expect(await rule('case_due_follow_up')).toEqual(edited.body);

    // null and '' restore the defaults; a template equal to the default is not a customization.
    const reset = await t.api('PATCH', '/api/workflow-rules/case_due_follow_up', {
      enabled: true,
      titleTemplate: WORKFLOW_RULES.case_due_follow_up.title,
      bodyTemplate: '',
      version: 2,
    });
    expect(reset.body).toMatchObject({
      enabled: true,
      titleTemplate: WORKFLOW_RULES.case_due_follow_up.title,
      bodyTemplate: WORKFLOW_RULES.case_due_follow_up.body,
      titleCustomized: false,
      bodyCustomized: false,
      version: 3,
    });
    const nulled = await t.api('PATCH', '/api/workflow-rules/case_due_follow_up', {
      titleTemplate: null,
      version: 3,
    });
    expect(nulled.body).toMatchObject({ titleCustomized: false, version: 4 });
  });

  it.each([
    ['shunto_survey', { titleTemplate: '{name}さんへのアンケート' }, 'titleTemplate', /\{name\}.*knows none/],
    ['workplace_gathering', { bodyTemplate: '{name}と相談' }, 'bodyTemplate', /\{name\}.*\{workplace\}/],
    ['tenure_milestone', { titleTemplate: '{ name }さん' }, 'titleTemplate', /\{ name \}/],
    ['at_risk_follow_up', { titleTemplate: '{years}年' }, 'titleTemplate', /\{years\}/],
    ['at_risk_follow_up', { titleTemplate: 'x'.repeat(201) }, 'titleTemplate', /200/],
    ['at_risk_follow_up', { enabled: 'no' }, 'enabled', /./],
    ['at_risk_follow_up', { ruleId: 'x' }, 'ruleId', /not a known field/],
    ['at_risk_follow_up', { enabled: false, version: undefined }, 'version', /required/],
  ])(
    'rejects a bad change of %s (%j) with 400 naming %s, and writes nothing',
    async (id, patch, field, why) => {
      const before = await rule(id);
      const res = await t.api('PATCH', `/api/workflow-rules/${id}`, { version: before.version, ...patch });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.fields[field]).toMatch(why);
      expect(await rule(id)).toEqual(before);
    },
  );

  it('answers 409 for a stale version, 404 for an unknown rule', async () => {
    const before = await rule('shunto_survey');
    const stale = await t.api('PATCH', '/api/workflow-rules/shunto_survey', { enabled: false, version: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.fields).toEqual({ version: 'stale' });
    expect(await rule('shunto_survey')).toEqual(before);
    expect((await t.api('PATCH', '/api/workflow-rules/no_such_rule', { version: 1 })).status).toBe(404);
    expect((await t.api('POST', '/api/workflow-rules/no_such_rule/preview', {})).status).toBe(404);
  });

  it('changes several rules at once, all or nothing', async () => {
    await resetRule('tenure_milestone');
    await resetRule('workplace_gathering');
    const ok = await t.api('PATCH', '/api/workflow-rules', {
      rules: [
        { id: 'workplace_gathering', titleTemplate: '{workplace}で集まる', version: 1 },
        { id: 'tenure_milestone', enabled: false, version: 1 },
      ],
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.items.map((r: { id: string }) => r.id)).toEqual([...WORKFLOW_RULE_IDS]);
    expect(await rule('workplace_gathering')).toMatchObject({
      titleTemplate: '{workplace}で集まる',
      version: 2,
    });
    expect(await rule('tenure_milestone')).toMatchObject({ enabled: false, version: 2 });

    // The second entry is stale: the first is not written either.
    const before = await rules();
    const stale = await t.api('PATCH', '/api/workflow-rules', {
      rules: [
        { id: 'tenure_milestone', enabled: true, version: 2 },
        { id: 'workplace_gathering', titleTemplate: '上書き {workplace}', version: 1 },
      ],
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.fields).toEqual({ 'rules.1.version': 'stale' });
    expect(await rules()).toEqual(before);

    for (const [body, field] of [
      [{ rules: [{ id: 'tenure_milestone', titleTemplate: '{名前}', version: 2 }] }, 'rules.0.titleTemplate'],
      [{ rules: [{ id: 'nope', version: 1 }] }, 'rules.0.id'],
      [
        {
          rules: [
            { id: 'tenure_milestone', version: 2 },
            { id: 'tenure_milestone', version: 2 },
          ],
        },
        'rules',
      ],
      [{ rules: [] }, 'rules'],
    ] as const) {
      const res = await t.api('PATCH', '/api/workflow-rules', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields).toHaveProperty([field]);
    }
    expect(await rules()).toEqual(before);
    await resetRule('tenure_milestone');
    await resetRule('workplace_gathering');
  });

  it('previews a rule with a member, a workplace, an unsaved template or the sample', async () => {
    const w = (await t.api('POST', '/api/workplaces', { name: 'プレビュー工場' })).body;
    const m = (
      await t.api('POST', '/api/members', { name: '見本 花子', workplaceId: w.id, joinedOn: '2018-06-01' })
    ).body;
    const withMember = await t.api('POST', '/api/workflow-rules/tenure_milestone/preview', {
      memberId: m.id,
    });
    expect(withMember.status).toBe(200);
    // Joined 2018-06-01: on 2026-04-01 the next milestone is 10 years (2028).
    expect(withMember.body).toEqual({
      title: '見本 花子さん 組合歴10周年の感謝とフォロー',
      body: WORKFLOW_RULES.tenure_milestone.body,
      values: { name: '見本 花子', workplace: 'プレビュー工場', years: 10, case: null },
    });
    // {case} names the member's open case due soonest; a sensitive one only as 要配慮の案件.
    for (const [title, dueOn, sensitive] of [
      ['有給の取得', '2026-05-01', false],
      ['課長の言動', '2026-04-20', true],
    ] as const) {
      await t.api('POST', `/api/members/${m.id}/cases`, { title, openedOn: '2026-04-01', dueOn, sensitive });
    }
    const withCase = await t.api('POST', '/api/workflow-rules/case_due_follow_up/preview', {
      memberId: m.id,
    });
    expect(withCase.body.body).toBe('案件「要配慮の案件」の対応期日です。\n経過を確かめ、次の対応を記録する');
    expect(JSON.stringify(withCase.body)).not.toContain('課長');
    const unsaved = await t.api('POST', '/api/workflow-rules/workplace_gathering/preview', {
      workplaceId: w.id,
      titleTemplate: '{workplace}: 懇親会',
      bodyTemplate: null,
    });
    expect(unsaved.body).toMatchObject({
      title: 'プレビュー工場: 懇親会',
      body: WORKFLOW_RULES.workplace_gathering.body,
    });
    const sample = await t.api('POST', '/api/workflow-rules/at_risk_follow_up/preview', {});
    expect(sample.body.title).toBe('山田 太郎さん 丁寧な個別フォロー——今月中に');

    const bad = await t.api('POST', '/api/workflow-rules/shunto_survey/preview', {
      titleTemplate: '{years}',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty(['titleTemplate']);
    const missing = await t.api('POST', '/api/workflow-rules/at_risk_follow_up/preview', {
      memberId: '00000000-0000-4000-8000-000000000000',
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toEqual({ memberId: 'does not exist' });
    // A preview writes nothing.
    expect(await rule('workplace_gathering')).toMatchObject({ titleCustomized: false });
  });

  it('is for admins only: an officer gets 403 everywhere and changes nothing', async () => {
    const officer = t.as((await t.addUser('officer')).cookie);
    const before = await rules();
    expect((await officer('GET', '/api/workflow-rules')).status).toBe(403);
    expect(
      (await officer('PATCH', '/api/workflow-rules/shunto_survey', { enabled: false, version: 1 })).status,
    ).toBe(403);
    expect((await officer('PATCH', '/api/workflow-rules', { rules: [] })).status).toBe(403);
    expect((await officer('POST', '/api/workflow-rules/shunto_survey/preview', {})).status).toBe(403);
    expect((await officer('POST', '/api/workflows/run', {})).status).toBe(403);
    expect(await rules()).toEqual(before);
  });
});

describe('POST /api/workflows/run', () => {
  it('runs the date rules as of a day, returns the tasks as GET /api/tasks shows them, and is idempotent', async () => {
    const owner = await t.addUser('officer');
    const w = (
      await t.api('POST', '/api/workplaces', {
        name: '実行工場',
        ownerId: owner.user.id,
        atmosphere: 'indifferent',
      })
    ).body;
    const m = (
      await t.api('POST', '/api/members', { name: '実行 一郎', workplaceId: w.id, ownerId: owner.user.id })
    ).body;
    const c = (
      await t.api('POST', `/api/members/${m.id}/cases`, {
        title: '残業代',
        openedOn: '2026-03-01',
        dueOn: '2026-04-03',
      })
    ).body;

    const res = await t.api('POST', '/api/workflows/run', { asOf: '2026-04-03' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.asOf).toBe('2026-04-03');
    const created = res.body.created.filter((x: { subjectId: string }) => [m.id, w.id].includes(x.subjectId));
    expect(created.map((x: { ruleId: string }) => x.ruleId).sort()).toEqual([
      'case_due_follow_up',
      'workplace_gathering',
    ]);
    for (const task of res.body.created) {
      expect((await t.api('GET', `/api/tasks/${task.id}`)).body).toEqual(task);
    }
    const caseTask = created.find((x: { ruleId: string }) => x.ruleId === 'case_due_follow_up');
    expect(caseTask).toMatchObject({
      title: '実行 一郎さん 相談案件のフォローアップ',
      body: '案件「残業代」の対応期日です。\n経過を確かめ、次の対応を記録する',
      dueOn: c.dueOn,
      assigneeId: owner.user.id,
      subjectName: '実行 一郎',
      createdBy: null,
    });
    expect(res.body.counts.case_due_follow_up).toBeGreaterThanOrEqual(1);

    const again = await t.api('POST', '/api/workflows/run', { asOf: '2026-04-03' });
    expect(again.body.created).toEqual([]);
    expect(Object.values(again.body.counts)).toEqual([0, 0, 0, 0]);
  });

  it('defaults to today in the organization time zone when no body is sent', async () => {
    clock = new Date('2026-03-31T15:30:00Z');
    const res = await t.raw('POST', '/api/workflows/run', undefined, {
      cookie: await t.signIn('admin@example.org'),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).asOf).toBe('2026-04-01');
    expect((await t.api('POST', '/api/workflows/run', {})).body.asOf).toBe('2026-04-01');
  });

  it.each([
    [{ asOf: '2026-02-30' }, 'asOf'],
    [{ asOf: '2026/04/01' }, 'asOf'],
    [{ today: '2026-04-01' }, 'today'],
  ])('rejects %j with 400 and creates nothing', async (body, field) => {
    const [before] = await t.db.select({ n: sql<number>`count(*)::int` }).from(tasks);
    const res = await t.api('POST', '/api/workflows/run', body);
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty([field]);
    const [after] = await t.db.select({ n: sql<number>`count(*)::int` }).from(tasks);
    expect(after!.n).toBe(before!.n);
  });

  it('refuses to delete a task made by a rule (409: complete it instead), and the task stays', async () => {
    const m = (await t.api('POST', '/api/members', { name: '削除 不可' })).body;
    await t.api('POST', `/api/members/${m.id}/cases`, {
      title: '相談',
      openedOn: '2026-03-01',
      dueOn: '2026-03-15',
    });
    const run = await t.api('POST', '/api/workflows/run', { asOf: '2026-04-05' });
    const task = run.body.created.find((x: { subjectId: string }) => x.subjectId === m.id);
    const del = await t.api('DELETE', `/api/tasks/${task.id}?version=${task.version}`);
    expect(del.status).toBe(409);
    expect(del.body.error.message).toMatch(/mark it done instead/);
    expect(del.body.error.fields).toHaveProperty(['ruleId']);
    expect((await t.api('GET', `/api/tasks/${task.id}`)).body).toEqual(task);
    const done = await t.api('PATCH', `/api/tasks/${task.id}`, { status: 'done', version: task.version });
    expect(done.body.status).toBe('done');
    // Completed, the task keeps its once-key: the rule does not make it again.
    expect((await t.api('POST', '/api/workflows/run', { asOf: '2026-04-06' })).body.created).toEqual([]);
  });
});

describe('at_risk_follow_up (in the transaction that changes engagement)', () => {
  it('creates the follow-up when a member is created at_risk, due at the end of this month in Tokyo', async () => {
    const owner = await t.addUser('officer');
    const m = (
      await t.api('POST', '/api/members', {
        name: '危険 太郎',
        engagement: 'at_risk',
        ownerId: owner.user.id,
      })
    ).body;
    const [task, ...rest] = await atRiskTasks(m.id);
    expect(rest).toEqual([]);
    // 2026-03-31T15:30Z is April 1 in Tokyo: due April 30, not March 31.
    expect(task).toMatchObject({
      title: '危険 太郎さん 丁寧な個別フォロー——今月中に',
      body: WORKFLOW_RULES.at_risk_follow_up.body,
      dueOn: '2026-04-30',
      status: 'open',
      assigneeId: owner.user.id,
      subjectType: 'member',
      subjectId: m.id,
      ruleId: 'at_risk_follow_up',
    });
  });

  it('creates it on an update to at_risk, none more while it is open, and again after it is completed', async () => {
    clock = new Date('2026-02-10T03:00:00Z');
    const m = (await t.api('POST', '/api/members', { name: '変化 花子', engagement: 'rare' })).body;
    expect(await atRiskTasks(m.id)).toEqual([]);
    let version = m.version;
    const patch = async (body: Record<string, unknown>) => {
      const res = await t.api('PATCH', `/api/members/${m.id}`, { ...body, version });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      version = res.body.version;
    };
    await patch({ engagement: 'at_risk' });
    const [first] = await atRiskTasks(m.id);
    expect(first).toMatchObject({ dueOn: '2026-02-28', assigneeId: null });
    // No change of engagement, and a round trip while the task is open: nothing more.
    await patch({ engagement: 'at_risk', concerns: '異動の不安' });
    await patch({ engagement: 'indifferent' });
    await patch({ engagement: 'at_risk' });
    expect(await atRiskTasks(m.id)).toHaveLength(1);

    await t.api('PATCH', `/api/tasks/${first.id}`, { status: 'done', version: first.version });
    clock = new Date('2026-03-05T03:00:00Z');
    await patch({ engagement: 'rare' });
    expect(await atRiskTasks(m.id)).toHaveLength(1);
    await patch({ engagement: 'at_risk' });
    const all = await atRiskTasks(m.id);
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({ status: 'open', dueOn: '2026-03-31' });
    // Reopening the first while the second is open would make two open follow-ups: refused.
    const done = (await t.api('GET', `/api/tasks/${first.id}`)).body;
    const reopen = await t.api('PATCH', `/api/tasks/${first.id}`, { status: 'open', version: done.version });
    expect(reopen.status).toBe(409);
    expect((await t.api('GET', `/api/tasks/${first.id}`)).body).toEqual(done);
  });

  it('creates nothing when the change is rejected, or while the rule is disabled', async () => {
    const m = (await t.api('POST', '/api/members', { name: '拒否 次郎' })).body;
    const stale = await t.api('PATCH', `/api/members/${m.id}`, {
      engagement: 'at_risk',
      version: m.version + 1,
    });
    expect(stale.status).toBe(409);
    const bad = await t.api('PATCH', `/api/members/${m.id}`, {
      engagement: 'at_risk',
      status: 'left',
      version: m.version,
    });
    expect(bad.status).toBe(400);
    expect(await atRiskTasks(m.id)).toEqual([]);

    const current = await rule('at_risk_follow_up');
    await t.api('PATCH', '/api/workflow-rules/at_risk_follow_up', {
      enabled: false,
      version: current.version,
    });
    const quiet = (await t.api('POST', '/api/members', { name: '無効 三郎', engagement: 'at_risk' })).body;
    await t.api('PATCH', `/api/members/${m.id}`, { engagement: 'at_risk', version: m.version });
    expect(await atRiskTasks(quiet.id)).toEqual([]);
    expect(await atRiskTasks(m.id)).toEqual([]);
    await resetRule('at_risk_follow_up');
  });

  it('uses the edited template', async () => {
    await t.db
      .insert(workflowRules)
      .values({ id: 'at_risk_follow_up', titleTemplate: '【要フォロー】{name}({workplace})' });
    const w = (await t.api('POST', '/api/workplaces', { name: '編集工場' })).body;
    const m = (
      await t.api('POST', '/api/members', { name: '編集 四郎', workplaceId: w.id, engagement: 'at_risk' })
    ).body;
    expect((await atRiskTasks(m.id))[0].title).toBe('【要フォロー】編集 四郎(編集工場)');
    await resetRule('at_risk_follow_up');
  });
});

describe('workflows and settings: OpenAPI', () => {
  it('documents every route under its tag, with the 409 for deleting a rule task', async () => {
    const res = await t.api('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const paths = res.body.paths;
    for (const [path, methods, tag] of [
      ['/workflow-rules', ['get', 'patch'], 'Workflows ワークフロー'],
      ['/workflow-rules/{id}', ['patch'], 'Workflows ワークフロー'],
      ['/workflow-rules/{id}/preview', ['post'], 'Workflows ワークフロー'],
      ['/workflows/run', ['post'], 'Workflows ワークフロー'],
      ['/settings', ['get', 'patch'], 'Settings 設定'],
    ] as const) {
      for (const method of methods) expect(paths[path]?.[method]?.tags, `${method} ${path}`).toEqual([tag]);
    }
    for (const schema of ['WorkflowRule', 'WorkflowRuleList', 'WorkflowRun', 'Settings']) {
      expect(res.body.components.schemas).toHaveProperty([schema]);
    }
    const settingsUpdate = paths['/settings'].patch.requestBody.content['application/json'].schema;
    expect(settingsUpdate.required).toEqual(['version']);
    expect(paths['/tasks/{id}'].delete.description).toMatch(/workflow rule.*409/);
  });
});
