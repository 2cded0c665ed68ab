import type { Scope } from '../../core/access/policy';
import { invalid } from '../../core/errors';
import type { DbOrTx } from '../../db/client';
import { findAttendees, workplaceMemberIds } from '../../db/queries/meeting-attendance';

/** The attendee ids without duplicates, in the order first given. */
export function uniqueIds(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/**
 * 400 on attendeeIds unless every id is a member of the workplace within the scope. The
 * message counts, never names: an id of another workplace tells nothing about its member.
 */
export async function assertAttendeesBelong(
  tx: DbOrTx,
  workplaceId: string,
  ids: readonly string[],
  scope: Scope,
) {
  const found = await workplaceMemberIds(tx, workplaceId, ids, scope);
  const missing = ids.filter((id) => !found.has(id)).length;
  if (missing) {
    throw invalid({
      attendeeIds:
        missing === 1
          ? 'lists an id that is not a member of this workplace'
          : `lists ${missing} ids that are not members of this workplace`,
    });
  }
}

/** Meetings with their attendees (ids, and the names the scope reaches). */
export async function withAttendees<T extends { id: string }>(db: DbOrTx, meetings: T[], scope: Scope) {
  const byMeeting = await findAttendees(
    db,
    meetings.map((m) => m.id),
    scope,
  );
  return meetings.map((m) => {
    const found = byMeeting.get(m.id);
    return { ...m, attendeeIds: found?.ids ?? [], attendees: found?.names ?? [] };
  });
}
