import { workplaceInScope } from '../../core/access/policy';
import { invalid, outOfScope } from '../../core/errors';
import { type CreateMeetingInput, meetingStateErrors } from '../../core/workplaces/schemas';
import type { DbOrTx } from '../../db/client';
import { replaceAttendees } from '../../db/queries/meeting-attendance';
import { assertWorkplaceExists, countWorkplaceMembers, findMeetingById } from '../../db/queries/workplaces';
import { workplaceMeetings } from '../../db/schema';
import { requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { assertAttendeesBelong, uniqueIds, withAttendees } from './meeting-attendance';

/**
 * Records a 職場集会; without invitedCount, everyone who is a member of the workplace now was invited.
 * Needs `meetings.record` (403; reps have it for their workplaces), then a workplace within the scope (404). With `attendeeIds`
 * (members of the workplace within the scope, else 400; duplicates removed) the attendance is
 * recorded and attendeeCount is their number.
 */
export async function createMeeting(ctx: ServiceContext, workplaceId: string, input: CreateMeetingInput) {
  requirePermission(ctx, 'meetings.record');
  return ctx.db.transaction((tx) => recordMeeting(tx, ctx, workplaceId, input));
}

/**
 * createMeeting within the caller's transaction (the rep app's sync applies a captured
 * meeting together with its own bookkeeping). Checks the permission and the scope itself,
 * at the time it runs; throws the same errors (403, 404, 400) and writes nothing then.
 */
export async function recordMeeting(
  tx: DbOrTx,
  ctx: Pick<ServiceContext, 'actor' | 'now'>,
  workplaceId: string,
  input: CreateMeetingInput,
) {
  requirePermission(ctx, 'meetings.record');
  await assertWorkplaceExists(tx, workplaceId, true);
  const scope = scopeOf(ctx);
  if (!workplaceInScope(scope, workplaceId)) throw outOfScope('Workplace');
  const { attendeeIds: given, ...fields } = input;
  const attendeeIds = given ? uniqueIds(given) : undefined;
  const attendeeCount = attendeeIds ? attendeeIds.length : fields.attendeeCount;
  if (attendeeCount === undefined) throw invalid({ attendeeCount: 'is required without attendeeIds' });
  // The default: the workplace's members now, or more when more attended (an organizing
  // target or a member who has left since, on a past meeting).
  const invitedCount =
    fields.invitedCount ?? Math.max(await countWorkplaceMembers(tx, workplaceId), attendeeIds?.length ?? 0);
  const errors = meetingStateErrors({ attendeeCount, invitedCount, attendeeIds });
  if (Object.keys(errors).length) throw invalid(errors);
  if (attendeeIds) await assertAttendeesBelong(tx, workplaceId, attendeeIds, scope);
  const [row] = await tx
    .insert(workplaceMeetings)
    .values({
      ...fields,
      attendeeCount,
      invitedCount,
      attendanceRecorded: attendeeIds !== undefined,
      workplaceId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning({ id: workplaceMeetings.id });
  if (!row) throw new Error('insert returned no row');
  if (attendeeIds) await replaceAttendees(tx, row.id, attendeeIds);
  const [meeting] = await withAttendees(tx, [(await findMeetingById(tx, row.id))!], scope);
  return meeting!;
}
