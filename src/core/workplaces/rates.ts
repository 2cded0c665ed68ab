/**
 * 組織率 (organization rate): members over employees, as a number 0–1. There
 * is no rate without a headcount (null or 0 employees).
 *
 * Not clamped: when memberCount exceeds employeeCount (a stale headcount, or
 * members filed under the wrong workplace) the real ratio comes back above 1,
 * so the UI can flag the data instead of showing a reassuring 100%.
 * Must agree with the SQL in db/queries/workplaces.ts.
 */
export function organizationRate(memberCount: number, employeeCount: number | null): number | null {
  if (employeeCount == null || employeeCount === 0) return null;
  return memberCount / employeeCount;
}

/** 未加入者数: the employees still to organize, never negative. */
export function nonMemberCount(memberCount: number, employeeCount: number | null): number | null {
  if (employeeCount == null) return null;
  return Math.max(employeeCount - memberCount, 0);
}

/** 職場集会の参加率: attendees over those invited; no rate when nobody was invited. */
export function participationRate(attendeeCount: number, invitedCount: number): number | null {
  if (invitedCount === 0) return null;
  return attendeeCount / invitedCount;
}

/**
 * The participation rate of a meeting: from who attended when attendance was recorded
 * (issue 19; a member removed since no longer counts), from the entered count otherwise.
 * Must agree with the SQL in db/queries/meeting-attendance.ts (attendedCountSql).
 */
export function meetingParticipationRate(m: {
  attendeeCount: number;
  invitedCount: number;
  attendanceRecorded: boolean;
  attendeeIds: readonly string[];
}): number | null {
  return participationRate(m.attendanceRecorded ? m.attendeeIds.length : m.attendeeCount, m.invitedCount);
}
