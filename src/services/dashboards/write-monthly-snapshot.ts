import { todayIn } from '../../core/common/dates';
import { monthEndOn } from '../../core/dashboards/periods';
import type { WriteSnapshotInput } from '../../core/dashboards/schemas';
import { invalid } from '../../core/errors';
import { plusDays, startOfDayIn } from '../../core/workflows/calendar';
import { organizationRate } from '../../core/workplaces/rates';
import type { DbOrTx } from '../../db/client';
import {
  countWorkplaceSnapshots,
  findOverallSnapshots,
  lockSnapshots,
  replaceMonthlySnapshot,
} from '../../db/queries/monthly-snapshots';
import { findSettings } from '../../db/queries/settings';
import type { ServiceContext } from '../context';

export type SnapshotContext = Pick<ServiceContext, 'db' | 'now'>;

/**
 * Writes (or rewrites) one month's snapshot inside the caller's transaction,
 * which must hold the snapshot lock. A month not over yet is measured as of
 * today and is provisional: the sweep rewrites it once the month has ended.
 */
export async function snapshotMonth(
  tx: DbOrTx,
  p: { month: string; today: string; timeZone: string; now: Date },
) {
  const endOn = monthEndOn(p.month, p.today);
  if (!endOn) throw invalid({ month: 'must not be after the current month' });
  await replaceMonthlySnapshot(tx, { month: p.month, endOn, timeZone: p.timeZone, now: p.now });
  return endOn;
}

/** POST /api/dashboards/snapshots: one month on demand; running it again replaces it. */
export async function writeMonthlySnapshot(ctx: SnapshotContext, input: WriteSnapshotInput) {
  return ctx.db.transaction(async (tx) => {
    await lockSnapshots(tx);
    const { timezone } = await findSettings(tx);
    const today = todayIn(timezone, ctx.now);
    const endOn = await snapshotMonth(tx, { month: input.month, today, timeZone: timezone, now: ctx.now });
    const [overall] = await findOverallSnapshots(tx, input.month, input.month);
    if (!overall) throw new Error('the snapshot was not written');
    return {
      month: input.month,
      endOn,
      provisional: ctx.now < startOfDayIn(timezone, plusDays(endOn, 1)),
      memberCount: overall.memberCount,
      ratedMemberCount: overall.ratedMemberCount,
      employeeCount: overall.employeeCount,
      organizationRate: organizationRate(overall.ratedMemberCount, overall.employeeCount),
      atRiskCount: overall.atRiskCount,
      workplaceCount: await countWorkplaceSnapshots(tx, input.month),
      createdAt: overall.createdAt,
    };
  });
}
