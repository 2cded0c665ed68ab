import { eq, inArray, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { AppError } from '../../core/errors';
import type { Db, Tx } from '../../db/client';
import { rowsOf } from '../../db/queries/records';
import { findSettings } from '../../db/queries/settings';
import {
  atmosphereHistory,
  bargainingSeasons,
  demandMembers,
  demandNotes,
  demands,
  engagementHistory,
  meetingAttendees,
  memberCases,
  memberNotes,
  members,
  settings,
  users,
  userWorkplaces,
  workplaceMeetings,
  workplaces,
} from '../../db/schema';
import { hashPassword } from '../auth/password';
import { followUpAtRisk } from '../workflows/follow-up-at-risk';
import { buildDemoUnion, DEMO_USERS } from './build-demo';

export { DEMO_USERS };

/** Every demo account signs in with this password. */
export const DEMO_PASSWORD = 'kumiai-demo-2026';
export const DEMO_ORGANIZATION_NAME = 'ものづくり産業労働組合 (デモ)';

const CHUNK = 500;

export type SeedDemoResult = { workplaces: number; members: number; demands: number; users: number };

/**
 * Fills an empty database with a realistic Japanese enterprise union: 12
 * workplaces at 3 sites, ~600 people with 18 months of history, demands,
 * negotiation logs and five staff accounts. The same seed and `now` give the
 * same data, ids included. All or nothing: one transaction.
 */
export async function seedDemo(db: Db, options: { seed?: number; now?: Date } = {}): Promise<SeedDemoResult> {
  const seed = options.seed ?? 1;
  const now = options.now ?? new Date();
  // scrypt is deliberately slow: hash once, share it among the demo accounts.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return db.transaction(async (tx) => {
    await refuseUnlessEmpty(tx);
    const current = await findSettings(tx);
    // Demo accounts left from an earlier demo (whose members were deleted) are reused, not duplicated.
    const existing = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(
        inArray(
          sql`lower(${users.email})`,
          DEMO_USERS.map((u) => u.email),
        ),
      );
    const union = buildDemoUnion({
      seed,
      now,
      timeZone: current.timezone,
      passwordHash,
      existingUserIds: new Map(existing.map((u) => [u.email.toLowerCase(), u.id])),
    });
    const { userIds } = union;

    await insertAll(tx, users, union.users);
    await insertAll(tx, workplaces, union.workplaces.rows);
    await insertAll(tx, userWorkplaces, union.userWorkplaces);
    await insertAll(tx, members, union.members);
    await setWorkplaceReps(tx, union.workplaces.reps);
    await insertAll(tx, engagementHistory, union.memberRecords.history);
    await insertAll(tx, memberNotes, union.memberRecords.notes);
    await insertAll(tx, memberCases, union.memberRecords.cases);
    await startDemoCaseStories(tx);
    await insertAll(tx, workplaceMeetings, union.workplaces.meetings);
    await insertAll(tx, meetingAttendees, union.attendance);
    await insertAll(tx, atmosphereHistory, union.workplaces.atmosphere);
    await insertAll(tx, bargainingSeasons, union.demands.seasons);
    await insertAll(tx, demands, union.demands.rows);
    await insertDemoLinks(tx, union.demands.links, current.timezone);
    await insertAll(tx, demandNotes, union.demands.notes);
    await followUpDemoAtRisk(tx, now);

    await tx
      .update(settings)
      .set({
        organizationName: DEMO_ORGANIZATION_NAME,
        // Keep what an admin already chose; otherwise 佐藤 is 書記長 and the spring offensive starts next February.
        secretaryGeneralUserId: current.secretaryGeneralUserId ?? userIds.sato,
        shuntoStartOn: current.shuntoStartOn ?? nextFebruaryFirst(union.today),
        updatedAt: now,
        version: sql`${settings.version} + 1`,
      })
      .where(eq(settings.id, 1));

    return {
      workplaces: union.workplaces.rows.length,
      members: union.members.length,
      demands: union.demands.rows.length,
      users: DEMO_USERS.length,
    };
  });
}

/**
 * The demo members who are at risk get their follow-up task, as if each had
 * been moved to 脱退リスクあり in the app (the seed writes history directly,
 * so the rule is applied here, in the same transaction).
 */
async function followUpDemoAtRisk(tx: Tx, now: Date) {
  const result = await tx.execute(sql`
    select distinct on (h.member_id) h.member_id as "memberId", h.id as "historyId"
      from engagement_history h join members m on m.id = h.member_id
     where m.engagement = 'at_risk' and m.status = 'active' and h."to" = 'at_risk'
     order by h.member_id, h.changed_at desc, h.seq desc`);
  await followUpAtRisk(tx, now, rowsOf<{ memberId: string; historyId: string }>(result));
}

/** Each demo case's story (case_events): opened by the member's owner, closed by who closed it. */
async function startDemoCaseStories(tx: Tx) {
  await tx.execute(sql`
    insert into case_events (case_id, kind, occurred_on, at, by, text)
    select c.id, 'opened'::case_event_kind, c.opened_on, c.created_at, m.owner_id, null
      from member_cases c join members m on m.id = c.member_id
    union all
    select c.id, 'closed'::case_event_kind, c.closed_on, c.closed_at, c.closed_by, c.outcome
      from member_cases c where c.status = 'closed'`);
}

async function refuseUnlessEmpty(tx: Tx) {
  const [member] = await tx.select({ id: members.id }).from(members).limit(1);
  const [workplace] = await tx.select({ id: workplaces.id }).from(workplaces).limit(1);
  if (member || workplace) {
    throw new AppError(
      'conflict',
      'The database already has members or workplaces: the demo union can only be seeded into an empty database.',
    );
  }
}

/** One statement: the workplaces were inserted before their reps existed. */
async function setWorkplaceReps(tx: Tx, reps: readonly { workplaceId: string; memberId: string }[]) {
  if (!reps.length) return;
  const values = sql.join(
    reps.map((r) => sql`(${r.workplaceId}::uuid, ${r.memberId}::uuid)`),
    sql`, `,
  );
  await tx.execute(
    sql`update workplaces set rep_member_id = v.member_id from (values ${values}) as v(workplace_id, member_id) where workplaces.id = v.workplace_id`,
  );
}

/** Multi-row INSERTs in chunks: a few dozen statements for the whole union. */
/**
 * The demo's demand links, inserted day by day (organization time zone) under the clock of the
 * day's first link (kumiai.now), so the link history (demand_link_events, written by the
 * triggers) shows each demand's count growing over the season as the links were made, not
 * every link on the day the demo was seeded. One statement per day, not per link.
 */
async function insertDemoLinks(
  tx: Tx,
  links: readonly (typeof demandMembers.$inferInsert)[],
  timeZone: string,
) {
  const [saved] = rowsOf<{ now: string | null }>(
    await tx.execute(sql`select current_setting('kumiai.now', true) as now`),
  );
  const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone });
  const byDay = new Map<string, (typeof demandMembers.$inferInsert)[]>();
  for (const link of links) {
    const day = dayOf.format(link.createdAt ?? new Date(0));
    byDay.set(day, [...(byDay.get(day) ?? []), link]);
  }
  for (const [, batch] of [...byDay].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const first = Math.min(...batch.map((l) => (l.createdAt ?? new Date(0)).getTime()));
    await tx.execute(sql`select set_config('kumiai.now', ${new Date(first).toISOString()}, true)`);
    await insertAll(tx, demandMembers, batch);
  }
  await tx.execute(sql`select set_config('kumiai.now', ${saved?.now ?? ''}, true)`);
}

async function insertAll<T extends PgTable>(tx: Tx, table: T, rows: readonly T['$inferInsert'][]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.insert(table).values(rows.slice(i, i + CHUNK) as never);
  }
}

function nextFebruaryFirst(today: string): string {
  const year = Number(today.slice(0, 4));
  const thisYear = `${year}-02-01`;
  return today < thisYear ? thisYear : `${year + 1}-02-01`;
}
