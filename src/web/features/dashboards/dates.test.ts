import { describe, expect, it } from 'vitest';
import { asOfForMonth, elapsed, isPlainDate, lastDayOfMonth, plusDays, plusMonths, todayIn } from './dates';

describe('dashboard dates', () => {
  it.each([
    ['2026-08-20', '2026-11-24', { unit: 'months', n: 3 }],
    ['2026-08-25', '2026-11-24', { unit: 'months', n: 2 }],
    ['2025-06-09', '2026-11-24', { unit: 'months', n: 17 }],
    ['2026-11-12', '2026-11-24', { unit: 'days', n: 12 }],
    ['2026-10-31', '2026-11-30', { unit: 'days', n: 30 }],
    ['2026-11-24', '2026-11-24', { unit: 'days', n: 0 }],
  ])('elapsed(%s, %s) is %o', (since, asOf, expected) => {
    expect(elapsed(since, asOf)).toEqual(expected);
  });

  it('does month and day arithmetic on the calendar', () => {
    expect(plusMonths('2026-01', -1)).toBe('2025-12');
    expect(plusMonths('2025-12', 1)).toBe('2026-01');
    expect(lastDayOfMonth('2028-02')).toBe('2028-02-29');
    expect(plusDays('2026-03-01', -7)).toBe('2026-02-22');
    expect(isPlainDate('2026-02-30')).toBe(false);
    expect(isPlainDate('2026-02-28')).toBe(true);
  });

  it('reads a past month at its last day, the current one as of today, and no month to come', () => {
    expect(asOfForMonth('2026-10', '2026-11-24')).toBe('2026-10-31');
    expect(asOfForMonth('2026-11', '2026-11-24')).toBeUndefined();
    expect(asOfForMonth('2026-12', '2026-11-24')).toBeNull();
  });

  it('takes today in the organization time zone, not the browser’s', () => {
    expect(todayIn('Asia/Tokyo', new Date('2026-03-31T15:30:00Z'))).toBe('2026-04-01');
    expect(todayIn('UTC', new Date('2026-03-31T15:30:00Z'))).toBe('2026-03-31');
  });
});
