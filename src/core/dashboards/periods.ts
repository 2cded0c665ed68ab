import { addDays, addMonths, format, parseISO, startOfWeek } from 'date-fns';
import { lastDayOfMonth, monthOf } from '../workflows/calendar';

// The dashboards' calendar (SPEC §5), on 'YYYY-MM-DD' plain dates in the
// organization's time zone. Which instant a day ends at is the database's job
// (`(day + 1)::timestamp at time zone tz`): a history row stamped
// 2026-01-31T15:00Z is already February in Tokyo.

const fmt = (d: Date) => format(d, 'yyyy-MM-dd');

/** How many months the trends show, ending with asOf's month. */
export const TREND_MONTHS = 12;

/** The Monday–Sunday week that contains `asOf` (the weekly dashboard's week). */
export function weekOf(asOf: string): { weekStart: string; weekEnd: string } {
  const monday = startOfWeek(parseISO(asOf), { weekStartsOn: 1 });
  return { weekStart: fmt(monday), weekEnd: fmt(addDays(monday, 6)) };
}

/** A trend month: 'YYYY-MM' and the day whose end is its cut-off. */
export type TrendMonth = { month: string; endOn: string };

/**
 * The day a month is measured at: its last day, or `asOf` for asOf's own month
 * (a month not yet over is measured as of asOf). Undefined for a month after asOf's.
 */
export function monthEndOn(month: string, asOf: string): string | undefined {
  const current = monthOf(asOf);
  if (month > current) return undefined;
  return month === current ? asOf : lastDayOfMonth(`${month}-01`);
}

/** The `count` months ending with asOf's month, oldest first. */
export function trendMonths(asOf: string, count = TREND_MONTHS): TrendMonth[] {
  const first = parseISO(`${monthOf(asOf)}-01`);
  const months: TrendMonth[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const month = format(addMonths(first, -i), 'yyyy-MM');
    months.push({ month, endOn: monthEndOn(month, asOf)! });
  }
  return months;
}

/** 'YYYY-MM' of the month `n` months before (negative: after) the month of `date`. */
export function monthsBefore(date: string, n: number): string {
  return format(addMonths(parseISO(`${monthOf(date)}-01`), -n), 'yyyy-MM');
}

export function isLastDayOfMonth(date: string): boolean {
  return lastDayOfMonth(date) === date;
}

/** A real month 'YYYY-MM' (01–12). */
export function isValidMonth(value: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}
