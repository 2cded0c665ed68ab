import { describe, expect, it } from 'vitest';
import { isLastDayOfMonth, isValidMonth, monthEndOn, monthsBefore, trendMonths, weekOf } from './periods';

describe('weekOf (Monday–Sunday)', () => {
  it.each([
    ['a Wednesday', '2026-05-20', '2026-05-18', '2026-05-24'],
    ['a Monday starts its own week', '2026-05-18', '2026-05-18', '2026-05-24'],
    ['a Sunday ends its own week', '2026-05-24', '2026-05-18', '2026-05-24'],
    ['a week across the year end', '2026-01-01', '2025-12-29', '2026-01-04'],
    ['a week across February in a leap year', '2028-02-29', '2028-02-28', '2028-03-05'],
    ['a week across a month end', '2026-03-31', '2026-03-30', '2026-04-05'],
  ])('%s: %s → %s … %s', (_label, asOf, weekStart, weekEnd) => {
    expect(weekOf(asOf)).toEqual({ weekStart, weekEnd });
  });
});

describe('monthEndOn', () => {
  it.each([
    ['a past month ends on its last day', '2026-02', '2026-05-20', '2026-02-28'],
    ['a leap February', '2028-02', '2028-05-01', '2028-02-29'],
    ['a 30-day month', '2026-04', '2026-05-20', '2026-04-30'],
    ['asOf’s month is measured at asOf', '2026-05', '2026-05-20', '2026-05-20'],
    ['asOf on the last day', '2026-05', '2026-05-31', '2026-05-31'],
    ['a month after asOf has no end yet', '2026-06', '2026-05-31', undefined],
    ['December of the previous year', '2025-12', '2026-01-01', '2025-12-31'],
  ])('%s', (_label, month, asOf, expected) => {
    expect(monthEndOn(month, asOf)).toBe(expected);
  });
});

describe('trendMonths', () => {
  it('lists the 12 months ending with asOf’s month, oldest first, asOf’s month ending at asOf', () => {
    const months = trendMonths('2026-03-15');
    expect(months).toHaveLength(12);
    expect(months[0]).toEqual({ month: '2025-04', endOn: '2025-04-30' });
    expect(months[10]).toEqual({ month: '2026-02', endOn: '2026-02-28' });
    expect(months[11]).toEqual({ month: '2026-03', endOn: '2026-03-15' });
  });
  it('crosses the year and honours the count', () => {
    expect(trendMonths('2026-01-31', 3)).toEqual([
      { month: '2025-11', endOn: '2025-11-30' },
      { month: '2025-12', endOn: '2025-12-31' },
      { month: '2026-01', endOn: '2026-01-31' },
    ]);
  });
});

describe('monthsBefore', () => {
  it.each([
    ['2026-03-31', 1, '2026-02'],
    ['2026-03-31', 12, '2025-03'],
    ['2026-01-15', 1, '2025-12'],
    ['2026-01-15', 0, '2026-01'],
    ['2026-01-15', -1, '2026-02'],
  ])('%s − %i months → %s', (date, n, expected) => {
    expect(monthsBefore(date, n)).toBe(expected);
  });
});

describe('isLastDayOfMonth and isValidMonth', () => {
  it.each([
    ['2026-02-28', true],
    ['2028-02-28', false],
    ['2028-02-29', true],
    ['2026-04-30', true],
    ['2026-05-30', false],
    ['2026-12-31', true],
  ])('%s → %s', (date, expected) => {
    expect(isLastDayOfMonth(date)).toBe(expected);
  });
  it.each([
    ['2026-03', true],
    ['2026-12', true],
    ['2026-00', false],
    ['2026-13', false],
    ['2026-3', false],
    ['2026-03-01', false],
    ['', false],
  ])('month %j → %s', (value, expected) => {
    expect(isValidMonth(value)).toBe(expected);
  });
});
