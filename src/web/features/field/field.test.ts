import { describe, expect, it } from 'vitest';
import { todayIn } from '../../../core/common/dates';
import { newEntry, settle } from './sync';
import type { OutboxEntry, Pack } from './types';
import { fieldToday, fieldView, shownLevel } from './view';

const pack: Pack = {
  generatedAt: '2026-12-07T00:00:00Z',
  user: { id: 'u1', displayName: '田中', role: 'rep' },
  workplaces: [{ id: 'w1', name: '第一工場', atmosphere: 'normal', version: 1, memberCount: 3 }],
  members: [
    {
      id: 'm1',
      workplaceId: 'w1',
      name: '山田 太郎',
      nameKana: 'やまだ たろう',
      employeeNumber: 'E1',
      engagement: 'regular',
      version: 1,
      nextAction: null,
      openCases: [],
    },
    {
      id: 'm2',
      workplaceId: 'w1',
      name: '鈴木 花子',
      nameKana: 'すずき はなこ',
      employeeNumber: 'E2',
      engagement: 'rare',
      version: 1,
      nextAction: { title: '面談', due: '2026-12-10' },
      openCases: [{ id: 'c1', title: '残業代', status: 'open' }],
    },
    {
      id: 'm3',
      workplaceId: null,
      name: '佐藤 一郎',
      nameKana: null,
      employeeNumber: null,
      engagement: 'regular',
      version: 1,
      nextAction: null,
      openCases: [],
    },
  ],
  tasks: [
    { id: 't1', title: '後で', dueOn: null, memberId: null, workplaceId: 'w1', version: 1 },
    { id: 't2', title: '先に', dueOn: '2026-12-08', memberId: 'm1', workplaceId: null, version: 1 },
  ],
  notes: [
    { id: 'n1', memberId: 'm1', body: '前のメモ', createdAt: '2026-12-01T00:00:00Z', authorName: '田中' },
  ],
  meetings: [
    {
      id: 'g1',
      workplaceId: 'w1',
      heldOn: '2026-11-20',
      title: '先月',
      attendeeIds: [],
      invitedCount: 3,
      attendeeCount: 1,
    },
  ],
  truncated: false,
};

describe('the field view', () => {
  it('groups a workplace’s members by engagement, most engaged first, and lists the rest apart', () => {
    const view = fieldView(pack, [], '2026-12-07');
    expect(view.workplaces[0]?.groups.map((g) => [g.engagement, g.members.map((m) => m.id)])).toEqual([
      ['regular', ['m1']],
      ['rare', ['m2']],
    ]);
    expect(view.otherMembers.map((m) => m.id)).toEqual(['m3']);
    expect(view.meetings).toEqual([]); // last month's meeting is not this month's
    expect(view.tasks.map((t) => t.id)).toEqual(['t2', 't1']); // due first
    expect(view.workplaces[0]?.members[0]?.notes.map((n) => n.body)).toEqual([]);
  });

  it('lays the pending outbox over the pack, marked unsent; conflicts and rejections are not', () => {
    const items = [
      newEntry({ kind: 'note', memberId: 'm1', body: '新しいメモ' }, 'u1'),
      newEntry(
        { kind: 'engagement', memberId: 'm2', level: 'regular', reason: '職場会に来た', baseLevel: 'rare' },
        'u1',
      ),
      newEntry({ kind: 'atmosphere', workplaceId: 'w1', level: 'active', baseLevel: 'normal' }, 'u1'),
      newEntry(
        {
          kind: 'meeting',
          workplaceId: 'w1',
          heldOn: '2026-12-05',
          title: '職場会',
          attendeeIds: ['m1', 'm2'],
        },
        'u1',
      ),
      newEntry({ kind: 'task_done', taskId: 't1' }, 'u1'),
    ];
    const conflict: OutboxEntry = {
      ...newEntry(
        { kind: 'engagement', memberId: 'm1', level: 'at_risk', reason: 'x', baseLevel: 'regular' },
        'u1',
      ),
      state: 'conflict',
    };
    const view = fieldView(pack, [...items, conflict], '2026-12-07');
    const [w] = view.workplaces;
    expect(w?.atmosphere).toBe('active');
    expect(w?.unsent).toBe(true);
    expect(w?.groups.map((g) => [g.engagement, g.members.map((m) => m.id)])).toEqual([
      ['regular', ['m2', 'm1']],
    ]);
    const m1 = w?.members.find((m) => m.id === 'm1');
    expect(m1?.engagement).toBe('regular');
    expect(m1?.notes.map((n) => [n.body, n.unsent])).toEqual([
      ['新しいメモ', true],
      ['前のメモ', false],
    ]);
    expect(view.meetings.map((m) => [m.title, m.attendeeCount, m.unsent])).toEqual([['職場会', 2, true]]);
    expect(view.tasks.find((t) => t.id === 't1')).toMatchObject({ done: true, unsent: true });
    // A next engagement change is based on the level shown, the pending one included.
    expect(shownLevel(view, 'member', 'm2')).toBe('regular');
    expect(shownLevel(view, 'workplace', 'w1')).toBe('active');
  });
});

describe('captured items', () => {
  it('each get their own client id, the device time and a rising capture order', () => {
    const now = new Date('2026-12-07T03:04:05.000Z');
    const a = newEntry({ kind: 'task_done', taskId: 't1' }, 'u1', now);
    const b = newEntry({ kind: 'task_done', taskId: 't1' }, 'u1', now);
    expect(a.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.item.clientId).toBe(a.clientId);
    expect(b.clientId).not.toBe(a.clientId);
    expect(a.item.deviceTime).toBe('2026-12-07T03:04:05.000Z');
    expect(b.seq).toBeGreaterThan(a.seq);
    expect(a.state).toBe('pending');
  });

  it('leave the outbox when applied or duplicate; conflicts and rejections stay; unanswered ones wait', () => {
    const [a, b, c, d, e] = Array.from({ length: 5 }, () =>
      newEntry({ kind: 'task_done', taskId: 't1' }, 'u1'),
    );
    const { remove, keep } = settle(
      [a!, b!, c!, d!, e!],
      [
        { clientId: a!.clientId, status: 'applied', recordId: 'r1' },
        { clientId: b!.clientId, status: 'duplicate' },
        { clientId: c!.clientId, status: 'conflict', current: { level: 'rare', version: 3 } },
        {
          clientId: d!.clientId,
          status: 'rejected',
          error: { code: 'not_found', message: '見つかりません' },
        },
      ],
    );
    expect(remove).toEqual([a!.clientId, b!.clientId]);
    expect(keep).toEqual([
      { ...c, state: 'conflict', current: { level: 'rare', version: 3 } },
      { ...d, state: 'rejected', error: { code: 'not_found', message: '見つかりません' } },
    ]);
  });
});

describe('the field app’s today', () => {
  it('is the day in Tokyo, as the rest of the app has it', () => {
    for (const iso of [
      '2026-12-07T14:59:59Z', // 23:59:59 in Tokyo
      '2026-12-07T15:00:00Z', // midnight in Tokyo: the next day
      '2026-12-31T20:00:00Z',
      '2024-02-28T15:30:00Z', // a leap day
    ]) {
      const now = new Date(iso);
      expect(fieldToday(now)).toBe(todayIn('Asia/Tokyo', now));
    }
    expect(fieldToday(new Date('2026-12-07T15:00:00Z'))).toBe('2026-12-08');
  });
});
