import { describe, expect, it } from 'vitest';
import { isValidPlainDate, isValidTimeZone, tenureYears, todayIn } from './dates';

describe('isValidPlainDate', () => {
  it.each([
    ['2026-11-24', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-02-30', false],
    ['2025-04-31', false],
    ['2025-13-01', false],
    ['2025-4-1', false],
    ['2025/04/01', false],
    ['', false],
    ['2025-04-01T00:00:00Z', false],
  ])('%s → %s', (value, expected) => {
    expect(isValidPlainDate(value)).toBe(expected);
  });
});

describe('todayIn (the organization time zone, not the server one)', () => {
  it('sees 2026-03-31T15:30Z as 2026-04-01 in Asia/Tokyo', () => {
    expect(todayIn('Asia/Tokyo', new Date('2026-03-31T15:30:00Z'))).toBe('2026-04-01');
  });
  it('sees 2026-03-31T14:59Z as still 2026-03-31 in Asia/Tokyo', () => {
    expect(todayIn('Asia/Tokyo', new Date('2026-03-31T14:59:59Z'))).toBe('2026-03-31');
  });
  it('follows another zone when configured', () => {
    expect(todayIn('America/Los_Angeles', new Date('2026-01-01T07:00:00Z'))).toBe('2025-12-31');
  });
  it('recognizes IANA zones', () => {
    expect(isValidTimeZone('Asia/Tokyo')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('tenureYears', () => {
  it.each([
    ['no join date', null, '2026-04-01', null],
    ['the day before the anniversary', '2016-04-01', '2026-03-31', 9],
    ['on the anniversary', '2016-04-01', '2026-04-01', 10],
    ['joined today', '2026-04-01', '2026-04-01', 0],
    ['joined in the future (clamped to 0)', '2027-01-01', '2026-04-01', 0],
    ['leap-day joiner on Feb 28 of a common year', '2020-02-29', '2025-02-28', 5],
    ['leap-day joiner the day before', '2020-02-29', '2025-02-27', 4],
    ['leap-day joiner in a leap year', '2020-02-29', '2024-02-29', 4],
    ['January joiner across the year end', '2016-01-15', '2025-12-31', 9],
  ])('%s', (_label, joinedOn, today, expected) => {
    expect(tenureYears(joinedOn, today)).toBe(expected);
  });
});
