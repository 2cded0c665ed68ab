import { eq } from 'drizzle-orm';
import { workplaceInScope } from '../../core/access/policy';
import { invalid } from '../../core/errors';
import { meetingStateErrors, type UpdateMeetingInput } from '../../core/workplaces/schemas';
import { bump, definedOnly, lockVersioned } from '../../db/queries/records';
import { findMeetingById } from '../../db/queries/workplaces';
import { workplaceMeetings } from '../../db/schema';
import { assertReachableWorkplace, requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';

/** Needs `records.write` (403), then a meeting of a workplace within the scope (404). */
export async function updateMeeting(
  ctx: ServiceContext,
  workplaceId: string,
  meetingId: string,
  input: UpdateMeetingInput,
) {
  requirePermission(ctx, 'records.write');
  const { version, ...patch } = input;
  return ctx.db.transaction(async (tx) => {
    const scope = scopeOf(ctx);
    // Out of scope: 404 exactly like a missing workplace (no version check that could tell them apart).
    if (!workplaceInScope(scope, workplaceId)) await assertReachableWorkplace(tx, scope, workplaceId);
    // Scoped to the workplace in the path: a meeting of another workplace is not found here.
    const current = await lockVersioned(
      tx,
      workplaceMeetings,
      meetingId,
      version,
      'Meeting',
      eq(workplaceMeetings.workplaceId, workplaceId),
    );
    const changes = definedOnly(patch);
    const errors = meetingStateErrors({ ...current, ...changes });
    if (Object.keys(errors).length) throw invalid(errors);
    await tx
      .update(workplaceMeetings)
      .set({ ...changes, ...bump(workplaceMeetings, ctx.now) })
      .where(eq(workplaceMeetings.id, meetingId));
    return (await findMeetingById(tx, meetingId))!;
  });
}
