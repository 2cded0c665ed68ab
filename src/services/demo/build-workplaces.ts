import type { Atmosphere } from '../../core/enums';
import type { DemoMember, PlacedWorkplace } from './build-members';
import { addDays, daysBetween } from './days';
import type { AtmosphereRow, DemoContext, MeetingRow, WorkplaceRow } from './demo-context';
import { DEMO_WORKPLACES, MEETING_NOTES, MEETING_TITLES } from './demo-workplaces';

export type WorkplaceRecords = {
  rows: WorkplaceRow[];
  /** Set after the members exist (the workplace ↔ rep foreign keys point both ways). */
  reps: { workplaceId: string; memberId: string }[];
  meetings: MeetingRow[];
  atmosphere: AtmosphereRow[];
};

export function placeWorkplaces(ctx: DemoContext): PlacedWorkplace[] {
  return DEMO_WORKPLACES.map((w) => ({
    ...w,
    id: ctx.rng.uuid(),
    ownerId: ctx.userIds[w.owner],
    atmosphere: w.changes.length ? w.changes[w.changes.length - 1]!.to : w.initialAtmosphere,
  }));
}

/** How many of those invited come, by the workplace's mood. */
const ATTENDANCE: Record<Atmosphere, [number, number]> = {
  active: [0.55, 0.85],
  normal: [0.3, 0.6],
  indifferent: [0.08, 0.3],
  split_risk: [0.2, 0.5],
};

export function buildWorkplaceRecords(
  ctx: DemoContext,
  placed: readonly PlacedWorkplace[],
  list: readonly DemoMember[],
): WorkplaceRecords {
  const { rng, today, recordingStart } = ctx;
  const records: WorkplaceRecords = { rows: [], reps: [], meetings: [], atmosphere: [] };

  for (const w of placed) {
    const here = list.filter((m) => m.workplace.id === w.id);
    const members = here.filter((m) => m.row.status === 'active' && m.row.unionRole !== 'organizing_target');
    const targets = here.filter((m) => m.row.status === 'active' && m.row.unionRole === 'organizing_target');
    // Organizing targets are employees outside the union, so the headcount covers them and more.
    const employeeCount = Math.max(Math.ceil(members.length / w.rate), members.length + targets.length + 1);
    const rep = here.find((m) => m.row.unionRole === 'workplace_rep');
    if (rep) records.reps.push({ workplaceId: w.id, memberId: rep.row.id });

    let atmosphere: Atmosphere = w.initialAtmosphere;
    const createdAt = ctx.at(recordingStart);
    records.atmosphere.push({
      id: rng.uuid(),
      workplaceId: w.id,
      from: null,
      to: atmosphere,
      changedAt: createdAt,
      changedBy: w.ownerId,
      reason: 'システム導入時の職場の状況',
    });
    let updatedAt = createdAt;
    for (const change of w.changes) {
      updatedAt = ctx.at(addDays(today, -change.daysAgo));
      records.atmosphere.push({
        id: rng.uuid(),
        workplaceId: w.id,
        from: atmosphere,
        to: change.to,
        changedAt: updatedAt,
        changedBy: w.ownerId,
        reason: change.reason,
      });
      atmosphere = change.to;
    }

    records.rows.push({
      id: w.id,
      name: w.name,
      nameKana: w.nameKana,
      establishment: w.establishment,
      employeeCount,
      repMemberId: null,
      ownerId: w.ownerId,
      issues: w.issues,
      atmosphere: w.atmosphere,
      organizingStatus: w.organizingStatus,
      createdAt,
      updatedAt,
      version: 1,
    });
    records.meetings.push(...buildMeetings(ctx, w, members.length));
  }
  return records;
}

/** 2–8 gatherings over the 18 months; the last one as configured, the rest spread before it. */
function buildMeetings(ctx: DemoContext, w: PlacedWorkplace, memberCount: number): MeetingRow[] {
  const { rng, today, recordingStart } = ctx;
  const last = addDays(today, -w.meetings.lastDaysAgo);
  const window = daysBetween(recordingStart, addDays(last, -14));
  const earlier = rng
    .sample(
      Array.from({ length: Math.max(0, window) }, (_, i) => addDays(recordingStart, i + 1)),
      w.meetings.count - 1,
    )
    .sort();
  const [low, high] = ATTENDANCE[w.atmosphere];
  return [...earlier, last].map((heldOn) => {
    const invitedCount = Math.max(1, memberCount - rng.int(0, 3));
    const rate = low + (high - low) * rng.next();
    const at = ctx.at(heldOn);
    return {
      id: rng.uuid(),
      workplaceId: w.id,
      heldOn,
      title: rng.pick(MEETING_TITLES),
      attendeeCount: Math.min(invitedCount, Math.max(1, Math.round(invitedCount * rate))),
      invitedCount,
      notes: rng.chance(0.7) ? rng.pick(MEETING_NOTES) : null,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
  });
}
