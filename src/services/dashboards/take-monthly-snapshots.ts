import { todayIn } from '../../core/common/dates';
import { isLastDayOfMonth, monthEndOn, monthsBefore } from '../../core/dashboards/periods';
import { monthOf, plusDays, startOfDayIn } from '../../core/workflows/calendar';
import {
  findEarliestMemberDay,
  findOverallSnapshots,
  lockSnapshots,
} from '../../db/queries/monthly-snapshots';
import { findSettings } from '../../db/queries/settings';
import { type SnapshotContext, snapshotMonth } from './write-monthly-snapshot';

/** How far back the sweep fills in missing months: what the 12-month trend shows, and one more. */
export const BACKFILL_MONTHS = 12;

/**
 * The daily sweep's snapshots. On a month's last day it writes that month (as
 * of today: provisional). For each of the last BACKFILL_MONTHS months it
 * writes the month when it has no snapshot or only a provisional one (written
 * before the month was over) — so a month is final the day after it ends, and
 * months the server missed, or before Kumiai kept snapshots, are backfilled
 * from joinedOn/leftOn and the engagement history. Months before the union's
 * first member on record are skipped. Idempotent; one transaction.
 */
export async function takeMonthlySnapshots(ctx: SnapshotContext) {
  return ctx.db.transaction(async (tx) => {
    await lockSnapshots(tx);
    const { timezone } = await findSettings(tx);
    const today = todayIn(timezone, ctx.now);
    const earliest = await findEarliestMemberDay(tx, timezone);
    if (!earliest) return { asOf: today, written: [] as string[] };

    const past = Array.from({ length: BACKFILL_MONTHS }, (_, i) =>
      monthsBefore(today, BACKFILL_MONTHS - i),
    ).filter((m) => m >= monthOf(earliest));
    const existing = past.length ? await findOverallSnapshots(tx, past[0]!, past[past.length - 1]!) : [];
    const writtenAt = new Map(existing.map((s) => [s.month, s.createdAt]));
    const due = past.filter((m) => {
      const at = writtenAt.get(m);
      const monthOver = startOfDayIn(timezone, plusDays(monthEndOn(m, today)!, 1));
      return !at || at < monthOver;
    });
    if (isLastDayOfMonth(today)) due.push(monthOf(today));

    // One statement per month, at most 13 — a maintenance job, not a page load.
    for (const month of due) {
      await snapshotMonth(tx, { month, today, timeZone: timezone, now: ctx.now });
    }
    return { asOf: today, written: due };
  });
}
