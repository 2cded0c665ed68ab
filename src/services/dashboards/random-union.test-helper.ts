// Test helper (not a test): a random union for the dashboard tests, made from a
// seed so that a failure can be replayed, and its rows read back from the
// database for the independent computation in dashboard-oracle.test-helper.ts.
import { asc, eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  ATMOSPHERES,
  ENGAGEMENTS,
  type Engagement,
  NEGOTIATION_STATUSES,
  PRIORITIES,
  UNION_ROLES,
} from '../../core/enums';
import type { Db } from '../../db/client';
import {
  bargainingSeasons,
  demandMembers,
  demands,
  engagementHistory,
  meetingAttendees,
  memberCases,
  members,
  settings,
  users,
  workplaceMeetings,
  workplaces,
} from '../../db/schema';
import { createRandom, type Random } from '../demo/random';

export type RandomUnionOptions = {
  seed: number;
  /** The clock of the test: no history row is later. */
  now: Date;
  /** The organization day of `now` (cases are due around it). */
  today: string;
  timeZone: string;
  members?: number;
  workplaces?: number;
};

const DAY_MS = 86_400_000;
const HISTORY_FROM = Date.parse('2025-01-01T00:00:00Z');

const addDaysUtc = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** Instants on and next to month boundaries, in Tokyo and in UTC: where cut-offs go wrong. */
function boundaryInstants(now: Date): number[] {
  const out: number[] = [];
  for (let t = HISTORY_FROM; t < now.getTime(); t += 28 * DAY_MS) {
    const d = new Date(t);
    const month = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    const jst = Date.parse(`${month}-01T00:00:00+09:00`);
    const utc = Date.parse(`${month}-01T00:00:00Z`);
    out.push(jst, jst - 1, jst + 1, utc, utc - 1);
  }
  return out.filter((x) => x <= now.getTime());
}

function randomInstant(rng: Random, from: number, to: number, boundaries: number[]): number {
  if (to <= from) return to;
  if (rng.chance(0.25)) {
    const inRange = boundaries.filter((b) => b >= from && b <= to);
    if (inRange.length) return rng.pick(inRange);
  }
  return from + Math.floor(rng.next() * (to - from));
}

function randomDay(rng: Random, from: string, to: string): string {
  const span = Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
  return addDaysUtc(from, rng.int(0, Math.max(0, span)));
}

const otherEngagement = (rng: Random, not: Engagement | undefined): Engagement => {
  const weights: Partial<Record<Engagement, number>> = {
    active_core: 1,
    regular: 2,
    occasional: 2,
    rare: 2,
    indifferent: 2,
    at_risk: 3,
  };
  if (not) delete weights[not];
  return rng.weighted(weights);
};

async function insertAll<T extends PgTable>(db: Db, table: T, rows: readonly T['$inferInsert'][]) {
  for (let i = 0; i < rows.length; i += 400) await db.insert(table).values(rows.slice(i, i + 400) as never);
}

/**
 * Inserts a union straight into the tables (as an import would): staff,
 * workplaces (some without a headcount), members of every status and role
 * with join and leave days (some on month ends), an engagement history
 * consistent with each member's current value (ties on the same instant,
 * changes on the stroke of midnight in Tokyo and UTC), cases due around the
 * current week, demands and their links.
 */
export async function generateRandomUnion(db: Db, options: RandomUnionOptions) {
  const rng = createRandom(options.seed);
  const { now, today } = options;
  const boundaries = boundaryInstants(now);
  await db.update(settings).set({ timezone: options.timeZone }).where(eq(settings.id, 1));

  const staff = [0, 1, 2].map((i) => ({
    id: rng.uuid(),
    email: `staff${options.seed}-${i}@example.org`,
    displayName: `担当者${i}`,
    role: 'officer' as const,
    passwordHash: 'x',
  }));
  await insertAll(db, users, staff);

  const workplaceRows = Array.from({ length: options.workplaces ?? 8 }, (_, i) => ({
    id: rng.uuid(),
    name: `職場${String.fromCharCode(0x30a2 + rng.int(0, 40))}${i}`,
    // A reading whose order differs from the names' (職場名順 sorts by it), none for every third.
    nameKana: i % 3 === 2 ? null : `ショクバ${String.fromCharCode(0x30a2 + ((i * 7) % 40))}`,
    atmosphere: rng.pick(ATMOSPHERES),
    employeeCount: i === 0 ? null : i === 1 ? 0 : i === 2 ? 3 : rng.int(1, 30),
  }));
  await insertAll(db, workplaces, workplaceRows);

  const memberRows: (typeof members.$inferInsert & { id: string })[] = [];
  const historyRows: (typeof engagementHistory.$inferInsert)[] = [];
  const count = options.members ?? 150;
  for (let i = 0; i < count; i++) {
    const id = rng.uuid();
    const createdAt = randomInstant(rng, HISTORY_FROM, now.getTime() - DAY_MS, boundaries);
    // The history: the initial value, then changes, in time order (sometimes on the same instant).
    const changes = rng.chance(0.05) ? 0 : 1 + rng.int(0, 5);
    let at = createdAt;
    let current: Engagement | undefined;
    for (let k = 0; k < changes; k++) {
      if (k > 0 && !rng.chance(0.1)) at = randomInstant(rng, at, now.getTime(), boundaries);
      const to = otherEngagement(rng, current);
      historyRows.push({ memberId: id, from: current ?? null, to, changedAt: new Date(at), reason: null });
      current = to;
    }
    const joinedOn = rng.chance(0.1) ? null : randomDay(rng, '2019-01-01', addDaysUtc(today, 10));
    const left = rng.chance(0.2);
    const leaveFrom = joinedOn && joinedOn > '2025-01-01' ? joinedOn : '2025-01-01';
    const leftOn = left ? randomDay(rng, leaveFrom, today) : null;
    memberRows.push({
      id,
      name: `組合員${String.fromCharCode(0x4e00 + rng.int(0, 200))}${i}`,
      nameKana: rng.chance(0.7) ? `カナ${String.fromCharCode(0x30a2 + rng.int(0, 40))}${i}` : null,
      workplaceId: rng.chance(0.1) ? null : rng.pick(workplaceRows).id,
      joinedOn,
      engagement: current ?? rng.pick(ENGAGEMENTS),
      unionRole: rng.chance(0.1)
        ? 'organizing_target'
        : rng.pick(UNION_ROLES.filter((r) => r !== 'organizing_target')),
      status: left ? 'left' : 'active',
      leftOn: leftOn && joinedOn && leftOn < joinedOn ? joinedOn : leftOn,
      ownerId: rng.chance(0.2) ? null : rng.pick(staff).id,
      createdAt: new Date(createdAt),
      updatedAt: new Date(createdAt),
    });
  }
  // Some leave on a month's last day exactly (gone at that month's end).
  for (const m of memberRows) {
    if (m.leftOn && rng.chance(0.3)) {
      const first = `${m.leftOn.slice(0, 7)}-01`;
      const last = addDaysUtc(`${addDaysUtc(first, 32).slice(0, 7)}-01`, -1);
      if (last <= today && (!m.joinedOn || last >= m.joinedOn)) m.leftOn = last;
    }
  }
  // The current week (Monday–Sunday) and its edges: a case or next action due on Sunday counts, the next Monday does not.
  const dow = new Date(`${today}T00:00:00Z`).getUTCDay();
  const sunday = addDaysUtc(today, (7 - dow) % 7);
  const edges = [sunday, addDaysUtc(sunday, 1), addDaysUtc(sunday, -6), today, addDaysUtc(today, -1)];
  // Next actions: some without a due day, some without a text, due on the week's edges or around it.
  for (const m of memberRows) {
    if (!rng.chance(0.6)) continue;
    m.nextAction = rng.chance(0.1) ? null : `声かけ${rng.int(0, 99)}`;
    m.nextActionDueOn = rng.chance(0.15)
      ? null
      : rng.chance(0.4)
        ? rng.pick(edges)
        : addDaysUtc(today, rng.int(-30, 30));
  }
  await insertAll(db, members, memberRows);
  await insertAll(db, engagementHistory, historyRows);
  const caseRows = Array.from({ length: Math.round(count * 0.7) }, (_, i) => {
    const open = rng.chance(0.7);
    return {
      memberId: rng.pick(memberRows).id,
      title: `相談${i}`,
      openedOn: '2024-06-01',
      dueOn: rng.chance(0.1) ? null : rng.chance(0.4) ? rng.pick(edges) : addDaysUtc(today, rng.int(-30, 20)),
      status: open ? ('open' as const) : ('closed' as const),
      closedOn: open ? null : '2025-06-01',
      sensitive: rng.chance(0.2),
    };
  });
  await insertAll(db, memberCases, caseRows);

  const demandRows = Array.from({ length: 6 }, (_, i) => ({
    id: rng.uuid(),
    title: `要求${String.fromCharCode(0x30a2 + rng.int(0, 40))}${i}`,
    priority: rng.pick(PRIORITIES),
    status: rng.pick(NEGOTIATION_STATUSES),
  }));
  await insertAll(db, demands, demandRows);
  const links = demandRows.flatMap((d) =>
    memberRows.filter(() => rng.chance(0.25)).map((m) => ({ demandId: d.id, memberId: m.id })),
  );
  await insertAll(db, demandMembers, links);

  // Meetings (issue 19), drawn last so the rows above stay as they were for a seed: 0–6 per
  // workplace, some on the same day, most with the attendance recorded. Each member has a
  // propensity to come, so some disagree with their engagement both ways.
  const propensity = new Map(memberRows.map((m) => [m.id, rng.pick([0.05, 0.5, 0.95])]));
  const meetingRows: (typeof workplaceMeetings.$inferInsert & { id: string })[] = [];
  const attendeeRows: (typeof meetingAttendees.$inferInsert)[] = [];
  for (const w of workplaceRows) {
    const here = memberRows.filter((m) => m.workplaceId === w.id);
    const n = rng.int(0, 6);
    for (let k = 0; k < n; k++) {
      const id = rng.uuid();
      const recorded = rng.chance(0.8);
      const came = recorded ? here.filter((m) => rng.chance(propensity.get(m.id)!)) : [];
      meetingRows.push({
        id,
        workplaceId: w.id,
        heldOn: addDaysUtc(today, -rng.int(0, 12) * 7),
        title: `集会${k}`,
        attendeeCount: recorded ? came.length : rng.int(0, 10),
        invitedCount: 30,
        attendanceRecorded: recorded,
        createdAt: new Date(now.getTime() - rng.int(0, 1000) * 60_000),
      });
      attendeeRows.push(...came.map((m) => ({ meetingId: id, memberId: m.id })));
    }
  }
  await insertAll(db, workplaceMeetings, meetingRows);
  await insertAll(db, meetingAttendees, attendeeRows);
}

/** Every row the dashboards read, as stored. */
export async function loadUnion(db: Db) {
  const [s] = await db.select().from(settings);
  return {
    timeZone: s!.timezone,
    users: await db.select({ id: users.id, displayName: users.displayName }).from(users),
    workplaces: await db.select().from(workplaces),
    members: await db.select().from(members),
    history: await db
      .select()
      .from(engagementHistory)
      .orderBy(asc(engagementHistory.memberId), asc(engagementHistory.changedAt), asc(engagementHistory.seq)),
    cases: await db.select().from(memberCases),
    seasons: await db.select().from(bargainingSeasons),
    demands: await db.select().from(demands),
    links: await db.select().from(demandMembers),
    meetings: await db.select().from(workplaceMeetings),
    attendees: await db.select().from(meetingAttendees),
  };
}
export type Union = Awaited<ReturnType<typeof loadUnion>>;
