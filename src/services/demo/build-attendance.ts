import type { Engagement } from '../../core/enums';
import type { meetingAttendees } from '../../db/schema';
import type { DemoMember } from './build-members';
import type { MeetingRow } from './demo-context';
import type { Random } from './random';

export type AttendeeRow = typeof meetingAttendees.$inferInsert;

/** How likely a member is to come, by their engagement (so most agree with it, a few do not). */
const COMES: Record<Engagement, number> = {
  active_core: 0.95,
  regular: 0.8,
  occasional: 0.45,
  rare: 0.15,
  indifferent: 0.08,
  at_risk: 0.1,
};

/** How many of each workplace's latest meetings have their attendance recorded (issue 19). */
const RECORDED = 4;

/**
 * Records who came to each workplace's latest meetings: its active members (organizing
 * targets too: they are invited to win them over) who had joined by then, by their
 * engagement. The meeting's attendeeCount becomes their number. Its own random source, so
 * the rest of the demo union is the same as before attendance existed.
 */
export function recordDemoAttendance(
  rng: Random,
  meetings: MeetingRow[],
  members: readonly DemoMember[],
): AttendeeRow[] {
  const rows: AttendeeRow[] = [];
  const byWorkplace = new Map<string, MeetingRow[]>();
  for (const m of meetings) byWorkplace.set(m.workplaceId, [...(byWorkplace.get(m.workplaceId) ?? []), m]);
  for (const [workplaceId, list] of byWorkplace) {
    const here = members.filter((m) => m.workplace.id === workplaceId && m.row.status === 'active');
    const latest = [...list].sort((a, b) => (a.heldOn < b.heldOn ? 1 : -1)).slice(0, RECORDED);
    for (const meeting of latest) {
      const came = here.filter(
        (m) =>
          (!m.row.joinedOn || m.row.joinedOn <= meeting.heldOn) &&
          rng.chance(COMES[(m.row.engagement ?? 'occasional') as Engagement]),
      );
      meeting.attendanceRecorded = true;
      meeting.attendeeCount = came.length;
      meeting.invitedCount = Math.max(meeting.invitedCount, came.length);
      rows.push(...came.map((m) => ({ meetingId: meeting.id!, memberId: m.row.id })));
    }
  }
  return rows;
}
