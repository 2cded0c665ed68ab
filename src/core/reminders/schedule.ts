import { TZDate } from '@date-fns/tz';
import { todayIn } from '../common/dates';
import { weekOf } from '../dashboards/periods';
import type { DigestFrequency } from './schemas';

/** The instant the wall clock in `timeZone` reads `time` ('HH:MM') on `date`. */
export function instantAt(timeZone: string, date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, timeZone).getTime());
}

/**
 * The digest period a user is due for at `asOf`, or undefined: daily — today (in the
 * organization's zone) once its digest time has come; weekly — this week's Monday once
 * Monday's digest time has come (a server down on Monday catches up later that week).
 * The key is the once-key of digest_sends.
 */
export function duePeriod(
  user: { digest: DigestFrequency | string; digestTime: string },
  asOf: Date,
  timeZone: string,
): { key: string; day: string } | undefined {
  if (user.digest !== 'daily' && user.digest !== 'weekly') return undefined;
  const today = todayIn(timeZone, asOf);
  const day = user.digest === 'daily' ? today : weekOf(today).weekStart;
  if (asOf.getTime() < instantAt(timeZone, day, user.digestTime).getTime()) return undefined;
  return { key: `${user.digest}:${day}`, day };
}

/** Retries after a failed send: 5 min, 30 min, 2 h, then the period is given up. */
export const RETRY_DELAYS_MS = [5 * 60_000, 30 * 60_000, 2 * 60 * 60_000] as const;

/** When to try again after `attempts` failed attempts; undefined: give up. */
export function nextAttemptAfter(attempts: number, now: Date): Date | undefined {
  const delay = RETRY_DELAYS_MS[attempts - 1];
  return delay === undefined ? undefined : new Date(now.getTime() + delay);
}
