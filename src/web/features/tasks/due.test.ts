import { describe, expect, it } from 'vitest';
import { addDays, dueGroup, endOfWeek, groupByDue } from './due';

describe('due dates', () => {
  it('closes the week on Sunday (Monday–Sunday weeks)', () => {
    expect(endOfWeek('2026-11-23')).toBe('2026-11-29'); // Monday
    expect(endOfWeek('2026-11-26')).toBe('2026-11-29'); // Thursday
    expect(endOfWeek('2026-11-29')).toBe('2026-11-29'); // Sunday itself
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it.each([
    ['2026-11-25', 'open', 'overdue'],
    ['2026-11-25', 'done', 'today'],
    ['2026-11-26', 'open', 'today'],
    ['2026-11-29', 'open', 'week'],
    ['2026-11-30', 'open', 'later'],
    [null, 'open', 'none'],
  ] as const)('puts a task due %s (%s) under %s on Thursday 2026-11-26', (dueOn, status, group) => {
    expect(dueGroup({ dueOn, status }, '2026-11-26')).toBe(group);
  });

  it('keeps the server order inside groups and leaves empty groups out', () => {
    const tasks = [
      { id: 'a', dueOn: '2026-11-01', status: 'open' },
      { id: 'b', dueOn: '2026-11-20', status: 'open' },
      { id: 'c', dueOn: '2026-12-24', status: 'open' },
      { id: 'd', dueOn: null, status: 'open' },
    ];
    const groups = groupByDue(tasks, '2026-11-26');
    expect(groups.map(([g, items]) => [g, items.map((t) => t.id)])).toEqual([
      ['overdue', ['a', 'b']],
      ['later', ['c']],
      ['none', ['d']],
    ]);
  });
});
