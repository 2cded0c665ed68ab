// Calendar arithmetic on the API's plain strings ('YYYY-MM-DD', 'YYYY-MM'),
// done on UTC dates so the browser's own time zone never shifts a day.

const DAY_MS = 24 * 60 * 60 * 1000;

function toUtc(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isPlainDate(value: string | null | undefined): value is string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return fromUtc(toUtc(value)) === value;
}

export function isMonth(value: string | null | undefined): value is string {
  return Boolean(value && /^\d{4}-(0[1-9]|1[0-2])$/.test(value));
}

export const monthOf = (date: string) => date.slice(0, 7);

export function plusDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** 'YYYY-MM' shifted by n months. */
export function plusMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function lastDayOfMonth(month: string): string {
  return plusDays(`${plusMonths(month, 1)}-01`, -1);
}

/**
 * The asOf a month's dashboard is asked for: its last day for a past month,
 * nothing (the server's today) for the current one. A month after the
 * current one is not asked for at all (null).
 */
export function asOfForMonth(month: string, today: string): string | undefined | null {
  const current = monthOf(today);
  if (month > current) return null;
  return month === current ? undefined : lastDayOfMonth(month);
}

/**
 * How long since `since` on `asOf`: whole months once it is a month or more
 * (2026-06-09 → 2026-11-24 is 5 months), days before that.
 */
export function elapsed(since: string, asOf: string): { unit: 'months' | 'days'; n: number } {
  const [y1, m1, d1] = since.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = asOf.split('-').map(Number) as [number, number, number];
  const months = (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
  if (months >= 1) return { unit: 'months', n: months };
  return { unit: 'days', n: Math.max(0, Math.round((toUtc(asOf) - toUtc(since)) / DAY_MS)) };
}

export { todayIn } from '../../components/today';
