import { eq } from 'drizzle-orm';
import { workplaceInScope } from '../../core/access/policy';
import { lockVersioned } from '../../db/queries/records';
import { workplaceMeetings } from '../../db/schema';
import { assertReachableWorkplace, requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';

/** Needs `records.write` (403), then a meeting of a workplace within the scope (404). */
export async function deleteMeeting(
  ctx: ServiceContext,
  workplaceId: string,
  meetingId: string,
  version: number,
) {
  requirePermission(ctx, 'records.write');
  await ctx.db.transaction(async (tx) => {
    const scope = scopeOf(ctx);
    // Out of scope: 404 exactly like a missing workplace (no version check that could tell them apart).
    if (!workplaceInScope(scope, workplaceId)) await assertReachableWorkplace(tx, scope, workplaceId);
    await lockVersioned(
      tx,
      workplaceMeetings,
      meetingId,
      version,
      'Meeting',
      eq(workplaceMeetings.workplaceId, workplaceId),
    );
    await tx.delete(workplaceMeetings).where(eq(workplaceMeetings.id, meetingId));
  });
}
