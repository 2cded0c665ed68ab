import { TZDate } from '@date-fns/tz';
import { addYears, differenceInCalendarYears, format, isValid, parseISO } from 'date-fns';

/** A calendar date `YYYY-MM-DD` that really exists (2025-02-30 does not). */
export function isValidPlainDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = parseISO(value);
  return isValid(parsed) && format(parsed, 'yyyy-MM-dd') === value;
}

/**
 * Today's date in the organization's time zone. A server running in UTC must
 * see 2026-03-31T15:30Z as 2026-04-01 in Asia/Tokyo.
 */
export function todayIn(timeZone: string, now: Date): string {
  return format(new TZDate(now.getTime(), timeZone), 'yyyy-MM-dd');
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Whole years of union membership on `today`. The anniversary of a leap-day
 * joiner falls on February 28 in common years (date-fns and PostgreSQL's
 * `date + interval 'n years'` both clamp to the month's end), so a 2020-02-29
 * joiner has 5 years on 2025-02-28. Must agree with the SQL in db/queries/members.ts.
 */
export function tenureYears(joinedOn: string | null, today: string): number | null {
  if (!joinedOn) return null;
  const joined = parseISO(joinedOn);
  const now = parseISO(today);
  let years = differenceInCalendarYears(now, joined);
  if (addYears(joined, years) > now) years -= 1;
  return Math.max(0, years);
}
