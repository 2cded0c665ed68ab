import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { addDays, cleanClient, placeOf, renderCalendar, scopeKeyOf } from './calendar-feeds';

describe('calendar feed helpers', () => {
  it('adds days across month ends and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('keys a scope by role and sorted workplaces', () => {
    expect(scopeKeyOf('rep', ['b', 'a'])).toBe(scopeKeyOf('rep', ['a', 'b']));
    expect(scopeKeyOf('rep', ['a'])).not.toBe(scopeKeyOf('officer', ['a']));
    expect(scopeKeyOf('officer', [])).toBe('officer:');
  });

  it('cleans a User-Agent: no control characters, at most 200 characters, empty is null', () => {
    expect(cleanClient(undefined)).toBeNull();
    expect(cleanClient('\u0000\u0007 ')).toBeNull();
    expect(cleanClient('Cal\u0000endar\u007f/1\n')).toBe('Calendar/1');
    expect(cleanClient('x'.repeat(500))).toHaveLength(200);
    expect(cleanClient('a\ud800b')).toBe('ab');
  });

  it('names the place without a member', () => {
    expect(placeOf('第一製造課', '組立係')).toBe('（第一製造課・組立係）');
    expect(placeOf(null, ' ')).toBe('');
  });

  it('renders whole days with an exclusive end, whatever the process time zone', () => {
    const text = renderCalendar(
      'tasks',
      [{ uid: 'task-1@kumiai', day: '2026-02-28', summary: 'フォロー', sequence: 3, stamp: new Date(0) }],
      new Date(0),
    );
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!);
    expect([event.startDate.toString(), event.endDate.toString(), event.sequence]).toEqual([
      '2026-02-28',
      '2026-03-01',
      3,
    ]);
    expect(text).toContain('X-WR-CALNAME:Kumiai タスクと次のアクション');
    expect(text).toContain('X-PUBLISHED-TTL:PT1H');
  });
});
