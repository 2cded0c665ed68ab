import { eq } from 'drizzle-orm';
import { invalid } from '../../core/errors';
import { meetingStateErrors, type UpdateMeetingInput } from '../../core/workplaces/schemas';
import { bump, definedOnly, lockVersioned } from '../../db/queries/records';
import { findMeetingById } from '../../db/queries/workplaces';
import { workplaceMeetings } from '../../db/schema';
import type { ServiceContext } from '../context';

export async function updateMeeting(
  ctx: ServiceContext,
  workplaceId: string,
  meetingId: string,
  input: UpdateMeetingInput,
) {
  const { version, ...patch } = input;
  return ctx.db.transaction(async (tx) => {
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
