import { workplaceInScope } from '../../core/access/policy';
import { invalid, outOfScope } from '../../core/errors';
import { type CreateMeetingInput, meetingStateErrors } from '../../core/workplaces/schemas';
import { assertWorkplaceExists, countWorkplaceMembers, findMeetingById } from '../../db/queries/workplaces';
import { workplaceMeetings } from '../../db/schema';
import { requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';

/**
 * Records a 職場集会; without invitedCount, everyone who is a member of the workplace now was invited.
 * Needs `records.write` (403), then a workplace within the scope (404).
 */
export async function createMeeting(ctx: ServiceContext, workplaceId: string, input: CreateMeetingInput) {
  requirePermission(ctx, 'records.write');
  return ctx.db.transaction(async (tx) => {
    await assertWorkplaceExists(tx, workplaceId, true);
    if (!workplaceInScope(scopeOf(ctx), workplaceId)) throw outOfScope('Workplace');
    const invitedCount = input.invitedCount ?? (await countWorkplaceMembers(tx, workplaceId));
    const errors = meetingStateErrors({ attendeeCount: input.attendeeCount, invitedCount });
    if (Object.keys(errors).length) throw invalid(errors);
    const [row] = await tx
      .insert(workplaceMeetings)
      .values({ ...input, workplaceId, invitedCount, createdAt: ctx.now, updatedAt: ctx.now })
      .returning({ id: workplaceMeetings.id });
    if (!row) throw new Error('insert returned no row');
    return (await findMeetingById(tx, row.id))!;
  });
}
