import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, addYears, endOfMonth, format, parseISO, startOfMonth } from 'date-fns';
import { todayIn } from '../common/dates';

// Plain-date arithmetic on 'YYYY-MM-DD' strings. date-fns works on the
// calendar fields, so the server's own time zone never shifts a day; month
// arithmetic clamps to the month's end (2026-05-31 − 3 months = 2026-02-28),
// exactly as PostgreSQL's `date ± interval 'n months'` does.

const fmt = (d: Date) => format(d, 'yyyy-MM-dd');

export function plusDays(date: string, days: number): string {
  return fmt(addDays(parseISO(date), days));
}

export function plusMonths(date: string, months: number): string {
  return fmt(addMonths(parseISO(date), months));
}

export function lastDayOfMonth(date: string): string {
  return fmt(endOfMonth(parseISO(date)));
}

export function firstDayOfMonth(date: string): string {
  return fmt(startOfMonth(parseISO(date)));
}

/** joinedOn + n years; a leap-day joiner's anniversary in a common year is February 28. */
export function anniversaryOn(joinedOn: string, years: number): string {
  return fmt(addYears(parseISO(joinedOn), years));
}

/** 'YYYY-MM' of a plain date. */
export const monthOf = (date: string) => date.slice(0, 7);

/** The instant a plain date begins in a time zone (for comparing stored timestamps). */
export function startOfDayIn(timeZone: string, date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, timeZone).getTime());
}

/**
 * The next moment after `now` when the wall clock in `timeZone` reads
 * hour:minute (the daily sweep runs at 00:05 organization time). Computed anew
 * each day, so a change of time zone or a DST shift is followed.
 */
export function nextDailyRunAt(timeZone: string, now: Date, hour: number, minute: number): Date {
  const today = todayIn(timeZone, now);
  for (const date of [today, plusDays(today, 1), plusDays(today, 2)]) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const at = new Date(new TZDate(y, m - 1, d, hour, minute, 0, timeZone).getTime());
    if (at.getTime() > now.getTime()) return at;
  }
  // Unreachable: two days ahead is always later than now.
  return new Date(now.getTime() + 24 * 60 * 60 * 1000);
}
