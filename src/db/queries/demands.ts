import { and, asc, desc, eq, getTableColumns, isNull, ne, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Scope } from '../../core/access/policy';
import type { LinkEventSource } from '../../core/demands/breakdown';
import type {
  BulkDemandMembersInput,
  DemandLinkSource,
  DemandSort,
  ListDemandMembersQuery,
  ListDemandsQuery,
} from '../../core/demands/schemas';
import type { DbOrTx } from '../client';
import { demandLinkEvents, demandMembers, demandNotes, demands, members, users, workplaces } from '../schema';
import { countsInScope, demandCountsSql } from './figure-counts';
import { memberFilter } from './members';
import { likeContains, rowsOf } from './records';
import { memberScopeSql, sqlUuidArray } from './scope';
import { seasonCondition } from './seasons';
import { workplaceNameOrder } from './workplaces';

/**
 * Who counts towards 関連組合員数: active members who are not organizing
 * targets, exactly as a workplace's memberCount counts (SPEC §3, §5).
 */
export const countedMember: SQL = and(
  eq(members.status, 'active'),
  ne(members.unionRole, 'organizing_target'),
)!;

/**
 * relatedMemberCount of every demand in one grouped pass, joined to demands by id.
 * Only members within the scope count: a rep's figures are those of their
 * workplaces, so the count cannot reveal members they cannot see.
 */
function relatedCounts(db: DbOrTx, scope: Scope) {
  // The figure counters (migration 0031): counted members' links by demand, workplace and owner.
  return db
    .select({
      demandId: sql<string>`dc.demand_id`.as('demand_id'),
      count: sql<number>`sum(dc.n)::int`.as('related_member_count'),
    })
    .from(sql`${demandCountsSql} dc`)
    .where(countsInScope(scope, 'dc'))
    .groupBy(sql`dc.demand_id`)
    .as('related');
}

/** relatedMemberCount of every demand, as computed by `relatedCounts` (for the figures cache). */
type RelatedCounts = { demandIds: string[]; counts: number[] };

export async function countRelatedMembers(db: DbOrTx, scope: Scope): Promise<RelatedCounts> {
  const related = relatedCounts(db, scope);
  const rows = await db.select({ demandId: related.demandId, count: related.count }).from(related);
  return { demandIds: rows.map((r) => r.demandId), counts: rows.map((r) => r.count) };
}

/**
 * Demands with relatedMemberCount: counted here, or looked up in `known` (counts
 * read earlier, from the figures cache) so a list of demands costs no pass over
 * the federation's links.
 */
export function selectDemands(db: DbOrTx, scope: Scope, known?: RelatedCounts) {
  // demands.season_id written out: unqualified (a lone table's column), "season_id" would be ambiguous to a reader.
  const seasonName = sql<
    string | null
  >`(select bs.name from bargaining_seasons bs where bs.id = demands.season_id)`;
  if (known) {
    // demands.id written out: drizzle leaves a lone table's columns unqualified, and "id" would be r.id.
    const relatedMemberCount = sql<number>`coalesce((select r.n from unnest(${sqlUuidArray(known.demandIds)}, ${`{${known.counts.join(',')}}`}::int[]) as r(id, n) where r.id = demands.id), 0)::int`;
    const query = db.select({ ...getTableColumns(demands), seasonName, relatedMemberCount }).from(demands);
    return { query, relatedMemberCount };
  }
  const related = relatedCounts(db, scope);
  const relatedMemberCount = sql<number>`coalesce(${related.count}, 0)`;
  const query = db
    .select({ ...getTableColumns(demands), seasonName, relatedMemberCount })
    .from(demands)
    .leftJoin(related, eq(related.demandId, demands.id));
  return { query, relatedMemberCount };
}

export type DemandRow = Awaited<ReturnType<typeof findDemandById>> & {};

/** A demand (every role reads every demand) with relatedMemberCount over the scope's members. */
export async function findDemandById(db: DbOrTx, id: string, scope: Scope, known?: RelatedCounts) {
  const rows = await selectDemands(db, scope, known).query.where(eq(demands.id, id));
  return rows[0];
}

/**
 * The list's filters. `today` (the organization's, as SQL) resolves `season=current`, which
 * is also the default: see `seasonCondition`.
 */
export function demandFilter(query: Partial<ListDemandsQuery>, today: SQL): SQL | undefined {
  return and(
    seasonCondition(query.season, today),
    query.q ? sql`${demands.title} ilike ${likeContains(query.q)}` : undefined,
    query.priority ? eq(demands.priority, query.priority) : undefined,
    query.status ? eq(demands.status, query.status) : undefined,
  );
}

const titleC = sql`${demands.title} collate "C"`;

/** The priority enum is declared high, medium, low: ascending is most urgent first. */
export function demandOrder(sort: DemandSort, relatedMemberCount: SQL): SQL[] {
  switch (sort) {
    case 'relatedMemberCount':
      return [asc(relatedMemberCount), asc(demands.priority), asc(titleC), asc(demands.id)];
    case 'title':
      return [asc(titleC), asc(demands.id)];
    case '-title':
      return [desc(titleC), asc(demands.id)];
    case 'priority':
      return [asc(demands.priority), desc(relatedMemberCount), asc(titleC), asc(demands.id)];
    case 'nextNegotiationOn':
      return [sql`${demands.nextNegotiationOn} asc nulls last`, asc(demands.id)];
    case '-nextNegotiationOn':
      return [sql`${demands.nextNegotiationOn} desc nulls last`, asc(demands.id)];
    case 'updatedAt':
      return [asc(demands.updatedAt), asc(demands.id)];
    case '-updatedAt':
      return [desc(demands.updatedAt), asc(demands.id)];
    default:
      return [desc(relatedMemberCount), asc(demands.priority), asc(titleC), asc(demands.id)];
  }
}

export async function findDemands(
  db: DbOrTx,
  query: Partial<ListDemandsQuery> & { sort: DemandSort },
  today: SQL,
  page: { limit: number; offset: number },
  scope: Scope,
  known?: RelatedCounts,
) {
  const where = demandFilter(query, today);
  const { query: select, relatedMemberCount } = selectDemands(db, scope, known);
  const [items, totals] = await Promise.all([
    select
      .where(where)
      .orderBy(...demandOrder(query.sort, relatedMemberCount))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(demands).where(where),
  ]);
  return { items, total: totals[0]?.total ?? 0 };
}

/** Whether a demand exists (for sub-resource reads). */
export async function demandExists(db: DbOrTx, id: string) {
  const rows = await db.select({ id: demands.id }).from(demands).where(eq(demands.id, id));
  return rows.length > 0;
}

/**
 * Takes a key-share lock on a demand or member so that it cannot be deleted
 * before the caller's transaction commits; undefined when there is no such row.
 */
export async function lockDemandKey(db: DbOrTx, id: string) {
  const rows = await db.select({ id: demands.id }).from(demands).where(eq(demands.id, id)).for('key share');
  return rows[0];
}

export async function lockMemberKey(db: DbOrTx, id: string) {
  const rows = await db.select({ id: members.id }).from(members).where(eq(members.id, id)).for('key share');
  return rows[0];
}

// ---------------------------------------------------------------- linked members

const linker = alias(users, 'linker');

/**
 * The linked-member list's filters over `members`: each figure of the breakdown
 * (demand-breakdown.ts) has the filter that lists exactly the members it counts.
 */
export function demandMemberFilter(
  filter: Partial<Omit<ListDemandMembersQuery, 'limit' | 'offset' | 'cursor'>>,
): SQL | undefined {
  return and(
    filter.counted === 'true' ? countedMember : undefined,
    filter.workplaceId ? eq(members.workplaceId, filter.workplaceId) : undefined,
    filter.jobType !== undefined ? eq(members.jobType, filter.jobType) : undefined,
    filter.grade !== undefined ? eq(members.grade, filter.grade) : undefined,
    filter.engagement ? eq(members.engagement, filter.engagement) : undefined,
    filter.unionRole ? eq(members.unionRole, filter.unionRole) : undefined,
    filter.unset === 'workplace' ? isNull(members.workplaceId) : undefined,
    filter.unset === 'jobType' ? isNull(members.jobType) : undefined,
    filter.unset === 'grade' ? isNull(members.grade) : undefined,
  );
}

/** The linked members within the scope (a rep's: those of their workplaces), items and total alike. */
export async function findDemandMembers(
  db: DbOrTx,
  demandId: string,
  filter: Partial<Omit<ListDemandMembersQuery, 'limit' | 'offset' | 'cursor'>>,
  page: { limit: number; offset: number },
  scope: Scope,
) {
  const where = and(eq(demandMembers.demandId, demandId), memberScopeSql(scope), demandMemberFilter(filter));
  const [items, totals] = await Promise.all([
    db
      .select({
        id: members.id,
        name: members.name,
        nameKana: members.nameKana,
        employeeNumber: members.employeeNumber,
        workplaceId: members.workplaceId,
        workplaceName: workplaces.name,
        jobType: members.jobType,
        grade: members.grade,
        engagement: members.engagement,
        unionRole: members.unionRole,
        status: members.status,
        linkedAt: demandMembers.createdAt,
        linkedBy: demandMembers.createdBy,
        linkedByName: linker.displayName,
      })
      .from(demandMembers)
      .innerJoin(members, eq(members.id, demandMembers.memberId))
      .leftJoin(workplaces, eq(workplaces.id, members.workplaceId))
      .leftJoin(linker, eq(linker.id, demandMembers.createdBy))
      .where(where)
      // "C" collation: the same order on PGlite and PostgreSQL (kana is stored as katakana).
      .orderBy(
        // 職場名順 (reading, then name), members without a workplace last.
        sql`${workplaces.id} is null`,
        ...workplaceNameOrder(),
        sql`${members.nameKana} collate "C" asc nulls last`,
        sql`${members.name} collate "C" asc`,
        asc(members.id),
      )
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(demandMembers)
      .innerJoin(members, eq(members.id, demandMembers.memberId))
      .where(where),
  ]);
  return { items, total: totals[0]?.total ?? 0 };
}

/** Links a member to a demand; linking twice keeps the first link (who and when). */
export async function insertDemandMember(
  db: DbOrTx,
  link: { demandId: string; memberId: string; createdBy: string; createdAt: Date },
) {
  await db.insert(demandMembers).values(link).onConflictDoNothing();
}

/** Removes a link; false when there was none. */
export async function deleteDemandMember(db: DbOrTx, demandId: string, memberId: string): Promise<boolean> {
  const rows = await db
    .delete(demandMembers)
    .where(and(eq(demandMembers.demandId, demandId), eq(demandMembers.memberId, memberId)))
    .returning({ memberId: demandMembers.memberId });
  return rows.length > 0;
}

/**
 * The members a bulk request names, as a condition over `members`: the ids sent, or the
 * member list's filters (memberFilter, with the scope's search: a role that may see contact
 * details finds by them there too, so 「条件に合う全員」 is what the list showed), always within
 * the scope. An id unknown or outside the scope matches nothing: it is skipped. `customFields`:
 * the filter's `cf.<key>` entries, parsed (bulkFilterCustomFields).
 */
export function selectedMembersSql(
  input: BulkDemandMembersInput,
  scope: Scope,
  today: string | SQL,
  customFields: Record<string, unknown> | null = null,
): SQL | undefined {
  const chosen = input.memberIds
    ? sql`${members.id} = ANY(${sqlUuidArray([...new Set(input.memberIds)])})`
    : memberFilter({ ...input.filter, customFields }, today, scope);
  return and(chosen, memberScopeSql(scope));
}

/**
 * Links every member `selection` matches (a condition over `members`, scope included) to a
 * demand in one statement; members already linked keep their first link. The members are
 * key-share locked as they are read, so one deleted meanwhile is skipped rather than failing
 * the foreign key. Answers how many links were made.
 */
export async function insertDemandMembersWhere(
  db: DbOrTx,
  link: { demandId: string; createdBy: string; createdAt: Date; source: DemandLinkSource },
  selection: SQL | undefined,
): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
      with made as (
        insert into demand_members (demand_id, member_id, created_at, created_by, source)
        select ${link.demandId}::uuid, ${members.id}, ${link.createdAt.toISOString()}::timestamptz,
               ${link.createdBy}::uuid, ${link.source}
        from ${members}
        where ${selection ?? sql`true`}
        for key share of ${members}
        on conflict do nothing
        returning 1)
      select count(*)::int as n from made`),
  );
  return Number(row?.n ?? 0);
}

/**
 * Names where the transaction's link changes come from for the link history (migration 0021's
 * triggers: `kumiai.link_source`, transaction-local): an unlink's source, and a link's instead
 * of the row's own. `null` returns to the defaults (a link: its row's source; an unlink:
 * `officer`, or `removal` once the member is gone).
 */
export async function nameLinkSource(tx: DbOrTx, source: LinkEventSource | null) {
  await tx.execute(sql`select set_config('kumiai.link_source', ${source ?? ''}, true)`);
}

/** Erasure: the member's link events stay (the counts' history) without saying whose they were. */
export async function forgetLinkEventsOf(tx: DbOrTx, memberId: string): Promise<number> {
  const rows = await tx
    .update(demandLinkEvents)
    .set({ memberId: null })
    .where(eq(demandLinkEvents.memberId, memberId))
    .returning({ id: demandLinkEvents.id });
  return rows.length;
}

/** Removes the demand's links to every member `selection` matches, in one statement; answers how many. */
export async function deleteDemandMembersWhere(
  db: DbOrTx,
  demandId: string,
  selection: SQL | undefined,
): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
      with gone as (
        delete from demand_members dm
        using ${members}
        where dm.demand_id = ${demandId}::uuid and dm.member_id = ${members.id}
          and ${selection ?? sql`true`}
        returning 1)
      select count(*)::int as n from gone`),
  );
  return Number(row?.n ?? 0);
}

// ---------------------------------------------------------------- negotiation log

function selectDemandNotes(db: DbOrTx) {
  return db
    .select({ ...getTableColumns(demandNotes), authorName: users.displayName })
    .from(demandNotes)
    .leftJoin(users, eq(users.id, demandNotes.authorId));
}

export async function findDemandNoteById(db: DbOrTx, id: string) {
  const rows = await selectDemandNotes(db).where(eq(demandNotes.id, id));
  return rows[0];
}

export async function findDemandNotes(db: DbOrTx, demandId: string, page: { limit: number; offset: number }) {
  const where = eq(demandNotes.demandId, demandId);
  const [items, totals] = await Promise.all([
    selectDemandNotes(db)
      .where(where)
      .orderBy(desc(demandNotes.occurredOn), desc(demandNotes.createdAt), asc(demandNotes.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(demandNotes).where(where),
  ]);
  return { items, total: totals[0]?.total ?? 0 };
}

/** How many member links and log entries a demand has (what a delete takes with it), in one statement. */
export async function countDemandDependents(db: DbOrTx, demandId: string) {
  const [row] = rowsOf<{ links: number; notes: number }>(
    await db.execute(sql`
      select (select count(*)::int from demand_members dm where dm.demand_id = ${demandId}) as links,
             (select count(*)::int from demand_notes dn where dn.demand_id = ${demandId}) as notes`),
  );
  return { links: Number(row?.links ?? 0), notes: Number(row?.notes ?? 0) };
}
