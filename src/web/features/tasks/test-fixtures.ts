import type { Task, User } from '../../http/types';

// Tasks and staff in the API's response shape, for the task feature's component tests.

let seq = 0;
const uuid = (prefix: string) => `${prefix}-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

export const MEMBER_ID = '11111111-1111-4111-8111-111111111111';
export const WORKPLACE_ID = '22222222-2222-4222-8222-222222222222';

export function buildUser(over: Partial<User> = {}): User {
  return {
    id: uuid('33333333'),
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    version: 1,
    email: 'sato@example.org',
    displayName: '佐藤 健',
    role: 'officer',
    disabled: false,
    workplaceIds: [],
    ...over,
  };
}

export function buildTask(over: Partial<Task> = {}): Task {
  return {
    id: uuid('44444444'),
    createdAt: '2026-01-05T00:00:00.000Z',
    updatedAt: '2026-01-05T00:00:00.000Z',
    version: 1,
    title: '職場委員会の議事録を共有',
    body: null,
    dueOn: '2099-12-31',
    status: 'open',
    assigneeId: null,
    assigneeName: null,
    subjectType: null,
    subjectId: null,
    subjectName: null,
    ruleId: null,
    completedAt: null,
    createdBy: null,
    ...over,
  };
}

export const page = <T>(items: T[], total = items.length) => ({ items, total });

export type Call = {
  url: string;
  path: string;
  params: URLSearchParams;
  method: string;
  body: Record<string, unknown>;
};

/** A fake server that records every request; `answer` returns undefined for "not handled here". */
export function recorder(answer: (call: Call) => unknown) {
  const calls: Call[] = [];
  const fetch = (url: string, init?: RequestInit) => {
    const parsed = new URL(url, 'http://test');
    const call: Call = {
      url,
      path: parsed.pathname,
      params: parsed.searchParams,
      method: init?.method ?? 'GET',
      body: init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {},
    };
    calls.push(call);
    return answer(call);
  };
  return { calls, fetch };
}
