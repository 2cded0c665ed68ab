import { describe, expect, it } from 'vitest';
import {
  anniversaryOn,
  firstDayOfMonth,
  lastDayOfMonth,
  nextDailyRunAt,
  plusDays,
  plusMonths,
  startOfDayIn,
} from './calendar';

describe('plain-date arithmetic', () => {
  it.each([
    ['a 31st minus 3 months lands on the 30th', '2026-07-31', -3, '2026-04-30'],
    ['a 31st minus 3 months into February clamps to the 28th', '2026-05-31', -3, '2026-02-28'],
    ['into a leap February clamps to the 29th', '2024-05-31', -3, '2024-02-29'],
    ['across the year end', '2026-01-15', -2, '2025-11-15'],
    ['forward from a 31st', '2026-01-31', 1, '2026-02-28'],
  ])('plusMonths: %s', (_label, date, months, expected) => {
    expect(plusMonths(date, months)).toBe(expected);
  });

  it.each([
    ['a 31-day month', '2026-01-10', '2026-01-31'],
    ['a 30-day month', '2026-04-01', '2026-04-30'],
    ['February in a common year', '2026-02-14', '2026-02-28'],
    ['February in a leap year', '2028-02-01', '2028-02-29'],
    ['December', '2026-12-31', '2026-12-31'],
  ])('lastDayOfMonth: %s', (_label, date, expected) => {
    expect(lastDayOfMonth(date)).toBe(expected);
  });

  it.each([
    ['a common date', '2016-04-15', 10, '2026-04-15'],
    ['a leap-day joiner in a common year (clamped to Feb 28)', '2020-02-29', 5, '2025-02-28'],
    ['a leap-day joiner in a leap year', '2020-02-29', 8, '2028-02-29'],
    ['a January joiner', '2007-01-10', 20, '2027-01-10'],
  ])('anniversaryOn: %s', (_label, joinedOn, years, expected) => {
    expect(anniversaryOn(joinedOn, years)).toBe(expected);
  });

  it('adds days across month and year ends', () => {
    expect(plusDays('2026-12-15', 30)).toBe('2027-01-14');
    expect(plusDays('2028-02-15', 30)).toBe('2028-03-16');
    expect(firstDayOfMonth('2026-02-28')).toBe('2026-02-01');
  });
});

describe('time-zone boundaries (the organization zone, not the server one)', () => {
  it('starts 2026-04-01 in Asia/Tokyo at 2026-03-31T15:00Z', () => {
    expect(startOfDayIn('Asia/Tokyo', '2026-04-01').toISOString()).toBe('2026-03-31T15:00:00.000Z');
  });

  it('runs the daily sweep at 00:05 Tokyo time: 15:05Z of the day before', () => {
    // 2026-03-31T15:30Z is already 2026-04-01 00:30 in Tokyo: the next run is the 2nd at 00:05.
    expect(nextDailyRunAt('Asia/Tokyo', new Date('2026-03-31T15:30:00Z'), 0, 5).toISOString()).toBe(
      '2026-04-01T15:05:00.000Z',
    );
    expect(nextDailyRunAt('Asia/Tokyo', new Date('2026-03-31T15:00:00Z'), 0, 5).toISOString()).toBe(
      '2026-03-31T15:05:00.000Z',
    );
  });

  it('follows a DST shift in another zone (New York, 2026-03-08)', () => {
    // Before the shift midnight is 05:00Z; after it 04:00Z.
    expect(nextDailyRunAt('America/New_York', new Date('2026-03-07T12:00:00Z'), 0, 5).toISOString()).toBe(
      '2026-03-08T05:05:00.000Z',
    );
    expect(nextDailyRunAt('America/New_York', new Date('2026-03-08T12:00:00Z'), 0, 5).toISOString()).toBe(
      '2026-03-09T04:05:00.000Z',
    );
  });
});
