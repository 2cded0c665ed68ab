import { TZDate } from '@date-fns/tz';

// Calendar arithmetic on 'YYYY-MM-DD' strings in UTC: the server's own time zone
// must not shift a demo date by one day.

const DAY_MS = 86_400_000;

function toUtc(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** The same day `months` later, clamped to the month's end (like date-fns addMonths). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(year, month, Math.min(d, lastDay)));
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

/** Days until the Sunday ending the Monday–Sunday week that contains `date` (0 on Sundays). */
export function daysToSunday(date: string): number {
  const weekday = new Date(toUtc(date)).getUTCDay();
  return weekday === 0 ? 0 : 7 - weekday;
}

/** The instant of `date` at hour:minute in the organization's time zone, never after `now`. */
export function instantOn(date: string, hour: number, minute: number, timeZone: string, now: Date): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const at = new TZDate(y, m - 1, d, hour, minute, 0, timeZone).getTime();
  return new Date(Math.min(at, now.getTime()));
}
