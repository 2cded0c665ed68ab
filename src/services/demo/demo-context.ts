import type {
  atmosphereHistory,
  bargainingSeasons,
  demandMembers,
  demandNotes,
  demands,
  engagementHistory,
  memberCases,
  memberNotes,
  members,
  users,
  userWorkplaces,
  workplaceMeetings,
  workplaces,
} from '../../db/schema';
import { addMonths, instantOn } from './days';
import type { Random } from './random';

export type DemoUserKey = 'sato' | 'suzuki' | 'takahashi' | 'tanaka' | 'ito';

type WithId<T> = T & { id: string };
export type UserRow = WithId<typeof users.$inferInsert>;
export type WorkplaceRow = WithId<typeof workplaces.$inferInsert>;
export type MemberRow = WithId<typeof members.$inferInsert>;
export type EngagementRow = typeof engagementHistory.$inferInsert;
export type NoteRow = typeof memberNotes.$inferInsert;
export type CaseRow = typeof memberCases.$inferInsert;
export type MeetingRow = typeof workplaceMeetings.$inferInsert;
export type AtmosphereRow = typeof atmosphereHistory.$inferInsert;
export type SeasonRow = WithId<typeof bargainingSeasons.$inferInsert>;
export type DemandRow = WithId<typeof demands.$inferInsert>;
export type DemandMemberRow = typeof demandMembers.$inferInsert;
export type DemandNoteRow = typeof demandNotes.$inferInsert;
export type UserWorkplaceRow = typeof userWorkplaces.$inferInsert;

/** What every builder needs: the random source, the organization's today, and who the staff are. */
export type DemoContext = {
  rng: Random;
  now: Date;
  timeZone: string;
  today: string;
  /** The day the union started recording in Kumiai: 18 months of history before today. */
  recordingStart: string;
  userIds: Record<DemoUserKey, string>;
  /** A moment during office hours on `date` (organization time), never after now. */
  at: (date: string) => Date;
};

export function createDemoContext(
  rng: Random,
  now: Date,
  timeZone: string,
  today: string,
  userIds: Record<DemoUserKey, string>,
): DemoContext {
  return {
    rng,
    now,
    timeZone,
    today,
    recordingStart: addMonths(today, -18),
    userIds,
    at: (date) => instantOn(date, rng.int(8, 18), rng.int(0, 59), timeZone, now),
  };
}
