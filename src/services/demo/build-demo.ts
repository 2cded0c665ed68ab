import { todayIn } from '../../core/common/dates';
import type { StaffRole } from '../../core/enums';
import { recordDemoAttendance } from './build-attendance';
import { buildDemands } from './build-demands';
import { buildMemberRecords } from './build-member-records';
import { buildMembers } from './build-members';
import { buildWorkplaceRecords, placeWorkplaces } from './build-workplaces';
import { addDays } from './days';
import { createDemoContext, type DemoUserKey, type UserRow, type UserWorkplaceRow } from './demo-context';
import { createRandom } from './random';

export const DEMO_USERS: readonly {
  key: DemoUserKey;
  email: string;
  displayName: string;
  role: StaffRole;
  workplaces: readonly string[];
}[] = [
  {
    key: 'sato',
    email: 'sato@demo.kumiai.example',
    displayName: '佐藤 健一',
    role: 'officer',
    workplaces: [],
  },
  {
    key: 'suzuki',
    email: 'suzuki@demo.kumiai.example',
    displayName: '鈴木 美穂',
    role: 'officer',
    workplaces: [],
  },
  {
    key: 'takahashi',
    email: 'takahashi@demo.kumiai.example',
    displayName: '高橋 誠',
    role: 'executive',
    workplaces: [],
  },
  {
    key: 'tanaka',
    email: 'tanaka@demo.kumiai.example',
    displayName: '田中 翔太',
    role: 'rep',
    workplaces: ['第一製造課', '第二製造課'],
  },
  {
    key: 'ito',
    email: 'ito@demo.kumiai.example',
    displayName: '伊藤 由美',
    role: 'rep',
    workplaces: ['物流センター配送課', '物流センター倉庫課'],
  },
];

export type DemoUnion = ReturnType<typeof buildDemoUnion>;

/**
 * Every row of the demo union, computed without touching the database: the
 * same seed, now and time zone give the same rows, ids included.
 * `existingUserIds` (lower-cased email → id) lets earlier demo accounts be reused.
 */
export function buildDemoUnion(options: {
  seed: number;
  now: Date;
  timeZone: string;
  passwordHash: string;
  existingUserIds: ReadonlyMap<string, string>;
}) {
  const { now, timeZone, passwordHash, existingUserIds } = options;
  const today = todayIn(timeZone, now);
  const rng = createRandom(options.seed);
  // Drawn even for reused accounts, so that the rest of the union does not depend on them.
  const generated = Object.fromEntries(DEMO_USERS.map((u) => [u.key, rng.uuid()])) as Record<
    DemoUserKey,
    string
  >;
  const userIds = Object.fromEntries(
    DEMO_USERS.map((u) => [u.key, existingUserIds.get(u.email) ?? generated[u.key]]),
  ) as Record<DemoUserKey, string>;

  const ctx = createDemoContext(rng, now, timeZone, today, userIds);
  const userCreatedAt = ctx.at(addDays(ctx.recordingStart, -7));
  const placed = placeWorkplaces(ctx);
  const list = buildMembers(ctx, placed);
  const memberRecords = buildMemberRecords(ctx, list);
  const workplaces = buildWorkplaceRecords(ctx, placed, list);
  const demands = buildDemands(ctx, list);
  // Drawn from its own source: the rows above stay as they were for a seed.
  const attendance = recordDemoAttendance(createRandom(options.seed + 19), workplaces.meetings, list);

  const users: UserRow[] = DEMO_USERS.filter((u) => !existingUserIds.has(u.email)).map((u) => ({
    id: userIds[u.key],
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    passwordHash,
    createdAt: userCreatedAt,
    updatedAt: userCreatedAt,
    version: 1,
  }));
  const workplaceIdByName = new Map(placed.map((w) => [w.name, w.id]));
  const userWorkplaces: UserWorkplaceRow[] = DEMO_USERS.flatMap((u) =>
    u.workplaces.map((name) => ({ userId: userIds[u.key], workplaceId: workplaceIdByName.get(name)! })),
  );

  return {
    today,
    userIds,
    users,
    userWorkplaces,
    workplaces,
    attendance,
    members: list.map((m) => m.row),
    memberRecords,
    demands,
  };
}
