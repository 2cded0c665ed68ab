import { and, asc, desc, eq, getTableColumns, ne, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Scope } from '../../core/access/policy';
import { notFound } from '../../core/errors';
import { hiraganaToKatakana, normalizeSearch } from '../../core/members/kana';
import type { ListWorkplacesQuery, WorkplaceSort } from '../../core/workplaces/schemas';
import type { DbOrTx } from '../client';
import { atmosphereHistory, members, users, workplaceMeetings, workplaces } from '../schema';
import { customFieldContainment, workplaceCustomFieldsSql } from './custom-fields';
import { attendedCountSql } from './meeting-attendance';
import { likeContains } from './records';
import { memberScopeSql, workplaceScopeSql } from './scope';

type Page = { limit: number; offset: number };

const repMember = alias(members, 'rep_member');

/**
 * Who counts as a member of a workplace (SPEC §3 memberCount): active, and not
 * an organizing target (オルグ対象 are the non-members being organized).
 */
export function countedMemberCondition(workplaceId: SQL | typeof workplaces.id): SQL {
  return and(
    sql`${members.workplaceId} = ${workplaceId}`,
    eq(members.status, 'active'),
    ne(members.unionRole, 'organizing_target'),
  ) as SQL;
}

/**
 * The workplace columns plus every computed field, for a whole page in one
 * statement: two lateral subqueries per row (member count via the workplace
 * index, latest meeting via the (workplace_id, held_on desc) index).
 * Rates are float8 and counts int so both drivers return JS numbers.
 * The scope hides the name of a 職場委員 the actor cannot reach (a member
 * placed in another workplace); every other computed field is the workplace's own.
 */
export function selectWorkplaces(db: DbOrTx, scope: Scope) {
  const counted = db
    .select({ memberCount: sql<number>`count(*)::int`.as('member_count') })
    .from(members)
    .where(countedMemberCondition(workplaces.id))
    .as('counted');
  const lastMeeting = db
    .select({
      heldOn: workplaceMeetings.heldOn,
      attendedCount: attendedCountSql(workplaceMeetings).as('attended_count'),
      invitedCount: workplaceMeetings.invitedCount,
    })
    .from(workplaceMeetings)
    .where(eq(workplaceMeetings.workplaceId, workplaces.id))
    .orderBy(desc(workplaceMeetings.heldOn), desc(workplaceMeetings.createdAt), desc(workplaceMeetings.id))
    .limit(1)
    .as('last_meeting');

  // The aggregate always yields a row; coalesce only tells the left join's types so.
  const memberCount = sql<number>`coalesce(${counted.memberCount}, 0)::int`;
  // Not clamped to 1 (see core/workplaces/rates.ts): a ratio above 1 tells the UI the head count is stale.
  const organizationRate = sql<
    number | null
  >`(${memberCount}::float8 / nullif(${workplaces.employeeCount}, 0)::float8)::float8`;
  const nonMemberCount = sql<
    number | null
  >`(case when ${workplaces.employeeCount} is null then null else greatest(${workplaces.employeeCount} - ${memberCount}, 0) end)::int`;
  const selection = {
    ...getTableColumns(workplaces),
    customFields: workplaceCustomFieldsSql(),
    repMemberName: repMember.name,
    ownerName: users.displayName,
    memberCount,
    organizationRate,
    nonMemberCount,
    lastMeetingOn: sql<string | null>`to_char(${lastMeeting.heldOn}, 'YYYY-MM-DD')`,
    lastMeetingParticipationRate: sql<
      number | null
    >`(${lastMeeting.attendedCount}::float8 / nullif(${lastMeeting.invitedCount}, 0)::float8)::float8`,
  };
  const query = db
    .select(selection)
    .from(workplaces)
    .leftJoin(
      repMember,
      and(eq(repMember.id, workplaces.repMemberId), memberScopeSql(scope, repMember.workplaceId)),
    )
    .leftJoin(users, eq(users.id, workplaces.ownerId))
    .leftJoinLateral(counted, sql`true`)
    .leftJoinLateral(lastMeeting, sql`true`);
  return { query, computed: { memberCount, organizationRate } };
}

export type WorkplaceRow = NonNullable<Awaited<ReturnType<typeof findWorkplaceById>>>;

/** One workplace, whether or not the scope reaches it (callers check `workplaceInScope`). */
export async function findWorkplaceById(db: DbOrTx, id: string, scope: Scope) {
  const rows = await selectWorkplaces(db, scope).query.where(eq(workplaces.id, id));
  return rows[0];
}

/** The name, the reading (a search typed in hiragana or half-width kana too) or the establishment. */
function workplaceSearchCondition(q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  const pattern = likeContains(q);
  const folded = normalizeSearch(q);
  const kana = folded ? likeContains(hiraganaToKatakana(folded)) : pattern;
  return or(
    sql`${workplaces.name} ilike ${pattern}`,
    sql`${workplaces.nameKana} ilike ${kana}`,
    sql`${workplaces.establishment} ilike ${pattern}`,
  );
}

export function workplaceFilter(
  query: Partial<ListWorkplacesQuery> & { customFields?: Record<string, unknown> | null | undefined },
): SQL | undefined {
  return and(
    workplaceSearchCondition(query.q),
    query.atmosphere ? eq(workplaces.atmosphere, query.atmosphere) : undefined,
    query.ownerId ? eq(workplaces.ownerId, query.ownerId) : undefined,
    query.establishment ? eq(workplaces.establishment, query.establishment) : undefined,
    customFieldContainment(workplaces.customFields, query.customFields),
  );
}

/** Every order ends with the id so that pages never overlap or skip. */
export function workplaceOrder(
  sort: WorkplaceSort,
  computed: { memberCount: SQL; organizationRate: SQL },
): SQL[] {
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as WorkplaceSort;
  const dir = (x: SQL) => (descending ? sql`${x} desc nulls last` : sql`${x} asc nulls last`);
  const tie = asc(workplaces.id);
  switch (key) {
    case 'organizationRate':
      return [dir(computed.organizationRate), tie];
    case 'memberCount':
      return [dir(computed.memberCount), tie];
    // Enum order: active, normal, indifferent, split_risk.
    case 'atmosphere':
      return [dir(sql`${workplaces.atmosphere}`), tie];
    case 'updatedAt':
      return [dir(sql`${workplaces.updatedAt}`), tie];
    default:
      return [...workplaceNameOrder(descending), tie];
  }
}

/**
 * 職場名順: by the reading (よみ, katakana: gojūon order), workplaces without one after
 * those with one, then by the name. "C" collation: the same order on PGlite and
 * PostgreSQL, whatever their locale; ascending, it is the order of `workplaces_kana_idx`.
 * Descending is the exact reverse (those without a reading first), which the same index
 * gives read backwards.
 */
export function workplaceNameOrder(descending = false): SQL[] {
  const direction = descending ? sql`desc nulls first` : sql`asc nulls last`;
  return [
    sql`${workplaces.nameKana} collate "C" ${direction}`,
    sql`${workplaces.name} collate "C" ${direction}`,
  ];
}

/** A page of the workplaces within the scope (a rep's own), with the total over the same condition. */
export async function findWorkplaces(
  db: DbOrTx,
  query: Partial<ListWorkplacesQuery> & {
    customFields?: Record<string, unknown> | null | undefined;
    sort: WorkplaceSort;
  },
  page: Page,
  scope: Scope,
) {
  const where = and(workplaceScopeSql(scope), workplaceFilter(query));
  const { query: select, computed } = selectWorkplaces(db, scope);
  const [items, totals] = await Promise.all([
    select
      .where(where)
      .orderBy(...workplaceOrder(query.sort, computed))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(workplaces).where(where),
  ]);
  return { items, total: totals[0]?.total ?? 0 };
}

/**
 * 404 unless the workplace exists. Takes a share lock inside a transaction so
 * that the workplace cannot be deleted under a meeting being recorded.
 */
export async function assertWorkplaceExists(db: DbOrTx, id: string, lock = false) {
  const select = db.select({ id: workplaces.id }).from(workplaces).where(eq(workplaces.id, id));
  const rows = lock ? await select.for('share') : await select;
  if (!rows.length) throw notFound('Workplace');
}

/** memberCount of one workplace, as in the list (the default invitedCount of a meeting). */
export async function countWorkplaceMembers(db: DbOrTx, workplaceId: string): Promise<number> {
  const rows = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(members)
    .where(countedMemberCondition(sql`${workplaceId}::uuid`));
  return rows[0]?.count ?? 0;
}

// Meetings 職場集会

const meetingSelection = {
  ...getTableColumns(workplaceMeetings),
  participationRate: sql<
    number | null
  >`(${attendedCountSql(workplaceMeetings)}::float8 / nullif(${workplaceMeetings.invitedCount}, 0)::float8)::float8`,
};

export async function findMeetings(db: DbOrTx, workplaceId: string, page: Page) {
  const where = eq(workplaceMeetings.workplaceId, workplaceId);
  const [items, totals] = await Promise.all([
    db
      .select(meetingSelection)
      .from(workplaceMeetings)
      .where(where)
      // Newest first, in the same order that picks lastMeetingOn.
      .orderBy(desc(workplaceMeetings.heldOn), desc(workplaceMeetings.createdAt), desc(workplaceMeetings.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(workplaceMeetings).where(where),
  ]);
  return { items, total: totals[0]?.total ?? 0 };
}

export async function findMeetingById(db: DbOrTx, id: string) {
  const rows = await db.select(meetingSelection).from(workplaceMeetings).where(eq(workplaceMeetings.id, id));
  return rows[0];
}

// Atmosphere history

const { seq: _seq, ...historyColumns } = getTableColumns(atmosphereHistory);

export async function findAtmosphereHistory(db: DbOrTx, workplaceId: string, page: Page) {
  const where = eq(atmosphereHistory.workplaceId, workplaceId);
  const [items, totals] = await Promise.all([
    db
      .select({ ...historyColumns, changedByName: users.displayName })
      .from(atmosphereHistory)
      .leftJoin(users, eq(users.id, atmosphereHistory.changedBy))
      .where(where)
      // Oldest first; `seq` is the write order when timestamps tie.
      .orderBy(asc(atmosphereHistory.changedAt), asc(atmosphereHistory.seq))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(atmosphereHistory).where(where),
  ]);
  return { items, total: totals[0]?.total ?? 0 };
}
