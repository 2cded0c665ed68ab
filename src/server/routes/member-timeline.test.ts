import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';

let t: TestApp;
let clock = new Date('2026-04-01T01:00:00Z');

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
afterAll(async () => {
  await t?.close();
});

describe('member timeline', () => {
  it('tells the story in one stream, newest first, with days in the organization time zone', async () => {
    const m = await t.api('POST', '/api/members', { name: '物語 太郎', engagement: 'regular' });
    const id = m.body.id;
    clock = new Date('2026-04-02T03:00:00Z');
    await t.api('POST', `/api/members/${id}/notes`, {
      occurredOn: '2026-03-20',
      channel: 'visit',
      body: '夜勤手当の相談',
    });
    const c = await t.api('POST', `/api/members/${id}/cases`, {
      title: 'ハラスメント相談',
      sensitive: true,
      openedOn: '2026-03-25',
    });
    // 2026-04-04T15:30Z is already April 5 in Tokyo.
    clock = new Date('2026-04-04T15:30:00Z');
    await t.api('PATCH', `/api/members/${id}`, {
      version: 1,
      engagement: 'at_risk',
      engagementReason: '上司と対立',
    });
    clock = new Date('2026-04-06T02:00:00Z');
    await t.api('PATCH', `/api/members/${id}/cases/${c.body.id}`, {
      version: 1,
      status: 'closed',
      outcome: '配置転換で解決',
    });
    clock = new Date('2026-04-06T02:05:00Z');
    await t.api('POST', '/api/tasks', {
      title: '個別フォロー',
      subjectType: 'member',
      subjectId: id,
      dueOn: '2026-04-30',
    });

    const res = await t.api('GET', `/api/members/${id}/timeline`);
    expect(res.status).toBe(200);
    const items = res.body.items as {
      kind: string;
      date: string;
      title: string | null;
      body: string | null;
    }[];
    expect(items.map((i) => [i.kind, i.date])).toEqual([
      ['task_created', '2026-04-06'],
      ['case_closed', '2026-04-06'],
      ['engagement', '2026-04-05'],
      // The at_risk_follow_up task the change made, in the same transaction (SPEC §4).
      ['task_created', '2026-04-05'],
      ['engagement', '2026-04-01'],
      ['case_opened', '2026-03-25'],
      ['note', '2026-03-20'],
    ]);
    expect(res.body.items[2]).toMatchObject({
      from: 'regular',
      to: 'at_risk',
      body: '上司と対立',
      actorName: t.admin.displayName,
    });
    expect(res.body.items[3]).toMatchObject({ title: '物語 太郎さん 丁寧な個別フォロー——今月中に' });
    expect(res.body.items[5]).toMatchObject({ title: 'ハラスメント相談', sensitive: true });
    expect(res.body.total).toBe(7);

    const page = await t.api('GET', `/api/members/${id}/timeline?limit=2&offset=2`);
    expect(page.body.items.map((i: { kind: string }) => i.kind)).toEqual(['engagement', 'task_created']);
  });

  it('answers 404 for an unknown member', async () => {
    expect((await t.api('GET', '/api/members/00000000-0000-4000-8000-000000000000/timeline')).status).toBe(
      404,
    );
  });
});
