import { eq } from 'drizzle-orm';
import { workplaceInScope } from '../../core/access/policy';
import { invalid } from '../../core/errors';
import { meetingStateErrors, type UpdateMeetingInput } from '../../core/workplaces/schemas';
import { findAttendees, replaceAttendees } from '../../db/queries/meeting-attendance';
import { bump, definedOnly, lockVersioned } from '../../db/queries/records';
import { findMeetingById } from '../../db/queries/workplaces';
import { workplaceMeetings } from '../../db/schema';
import { assertReachableWorkplace, requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { assertAttendeesBelong, uniqueIds, withAttendees } from './meeting-attendance';

/**
 * Needs `meetings.record` (403; reps have it for their workplaces), then a meeting of a workplace within the scope (404).
 * `attendeeIds` replaces who attended (checked as on create; attendeeCount becomes their
 * number), null removes the recorded attendance (the count stays). On a meeting with
 * recorded attendance, an attendeeCount alone must be their number.
 */
export async function updateMeeting(
  ctx: ServiceContext,
  workplaceId: string,
  meetingId: string,
  input: UpdateMeetingInput,
) {
  requirePermission(ctx, 'meetings.record');
  const { version, attendeeIds: given, ...patch } = input;
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
    let attendeeIds: string[] | undefined;
    if (given) {
      attendeeIds = uniqueIds(given);
      changes.attendeeCount = attendeeIds.length;
    } else if (given === undefined && current.attendanceRecorded) {
      attendeeIds = (await findAttendees(tx, [meetingId], scope)).get(meetingId)?.ids ?? [];
    }
    const errors = meetingStateErrors({ ...current, ...changes, attendeeIds });
    if (Object.keys(errors).length) throw invalid(errors);
    if (given) await assertAttendeesBelong(tx, workplaceId, attendeeIds!, scope);
    const attendanceRecorded = given === undefined ? current.attendanceRecorded : given !== null;
    await tx
      .update(workplaceMeetings)
      .set({ ...changes, attendanceRecorded, ...bump(workplaceMeetings, ctx.now) })
      .where(eq(workplaceMeetings.id, meetingId));
    if (given !== undefined) await replaceAttendees(tx, meetingId, given ? attendeeIds! : []);
    const [meeting] = await withAttendees(tx, [(await findMeetingById(tx, meetingId))!], scope);
    return meeting!;
  });
}
