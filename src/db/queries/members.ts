import { and, asc, desc, eq, getTableColumns, or, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../core/access/policy';
import { hiraganaToKatakana, normalizeSearch } from '../../core/members/kana';
import type { ListMembersQuery, MemberSort } from '../../core/members/schemas';
import type { DbOrTx } from '../client';
import { members, users, workplaces } from '../schema';
import { likeContains } from './records';
import { caseScopeSql, memberScopeSql } from './scope';

const { searchText: _searchText, ...memberTableColumns } = getTableColumns(members);

/**
 * Whole years since joinedOn, as in core/common/dates.ts tenureYears: the
 * anniversary is joinedOn + n years, which PostgreSQL clamps to the month's
 * end (a 2020-02-29 joiner reaches 5 years on 2025-02-28).
 */
export function tenureYearsSql(today: string): SQL<number | null> {
  const years = sql`(extract(year from ${today}::date) - extract(year from ${members.joinedOn}))::int`;
  return sql<
    number | null
  >`case when ${members.joinedOn} is null then null else greatest(0, ${years} - case when (${members.joinedOn} + make_interval(years => ${years}))::date > ${today}::date then 1 else 0 end) end`;
}

/**
 * Every SPEC member field plus the computed ones, in one set-based select.
 * `openCaseCount` counts only the cases the scope may see (no sensitive ones
 * without `cases.sensitive`), so a count never reveals a hidden case.
 */
export function memberSelection(today: string, scope: Scope) {
  const visibleCase = caseScopeSql(scope, sql`c.sensitive`);
  return {
    ...memberTableColumns,
    workplaceName: workplaces.name,
    ownerName: users.displayName,
    tenureYears: tenureYearsSql(today),
    openCaseCount: sql<number>`(select count(*)::int from member_cases c where c.member_id = ${members.id} and c.status = 'open'${visibleCase ? sql` and ${visibleCase}` : sql``})`,
    demandIds: sql<
      string[]
    >`coalesce((select array_agg(dm.demand_id::text order by dm.created_at, dm.demand_id) from demand_members dm where dm.member_id = ${members.id}), '{}'::text[])`,
  };
}

export type MemberRow = Awaited<ReturnType<typeof findMemberById>> & {};

function selectMembers(db: DbOrTx, today: string, scope: Scope) {
  return db
    .select(memberSelection(today, scope))
    .from(members)
    .leftJoin(workplaces, eq(workplaces.id, members.workplaceId))
    .leftJoin(users, eq(users.id, members.ownerId));
}

/**
 * One member with the computed fields as `scope` may see them. It does not check
 * that the member is within the scope: the caller answers 404 for one outside it.
 */
export async function findMemberById(db: DbOrTx, id: string, today: string, scope: Scope) {
  const rows = await selectMembers(db, today, scope).where(eq(members.id, id));
  return rows[0];
}

/** Each whitespace-separated term must match name, reading or employee number. */
export function memberSearchCondition(q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  const terms = normalizeSearch(q).split(' ').filter(Boolean).slice(0, 5);
  const conditions = terms.map((term) => {
    const katakana = hiraganaToKatakana(term);
    const direct = sql`${members.searchText} ilike ${likeContains(term)}`;
    return katakana === term
      ? direct
      : (or(direct, sql`${members.searchText} ilike ${likeContains(katakana)}`) as SQL);
  });
  return conditions.length ? and(...conditions) : undefined;
}

export function memberFilter(query: Partial<ListMembersQuery>): SQL | undefined {
  return and(
    memberSearchCondition(query.q),
    query.workplaceId ? eq(members.workplaceId, query.workplaceId) : undefined,
    query.engagement ? eq(members.engagement, query.engagement) : undefined,
    query.unionRole ? eq(members.unionRole, query.unionRole) : undefined,
    query.ownerId ? eq(members.ownerId, query.ownerId) : undefined,
    query.status ? eq(members.status, query.status) : undefined,
  );
}

const c = (column: SQL | typeof members.name) => sql`${column} collate "C"`;

/** Kana order is code-point order of normalized katakana; "C" makes it identical on both engines. */
export function memberOrder(sort: MemberSort): SQL[] {
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as MemberSort;
  const dir = (x: SQL) => (descending ? sql`${x} desc nulls last` : sql`${x} asc nulls last`);
  const byKana = [dir(c(members.nameKana as never)), dir(c(members.name)), asc(members.id)];
  switch (key) {
    case 'nameKana':
      return byKana;
    case 'name':
      return [dir(c(members.name)), asc(members.id)];
    case 'employeeNumber':
      return [dir(c(members.employeeNumber as never)), asc(members.id)];
    case 'joinedOn':
      return [dir(sql`${members.joinedOn}`), ...byKana];
    case 'engagement':
      return [dir(sql`${members.engagement}`), ...byKana];
    case 'nextActionDueOn':
      return [dir(sql`${members.nextActionDueOn}`), ...byKana];
    case 'createdAt':
      return [descending ? desc(members.createdAt) : asc(members.createdAt), asc(members.id)];
    case 'updatedAt':
      return [descending ? desc(members.updatedAt) : asc(members.updatedAt), asc(members.id)];
    default:
      return byKana;
  }
}

/** A page of the members within the scope (items and total alike) matching the filters. */
export async function findMembers(
  db: DbOrTx,
  query: Partial<ListMembersQuery> & { sort: MemberSort },
  page: { limit: number; offset: number },
  today: string,
  scope: Scope,
) {
  const where = and(memberScopeSql(scope), memberFilter(query));
  const [items, totals] = await Promise.all([
    selectMembers(db, today, scope)
      .where(where)
      .orderBy(...memberOrder(query.sort))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(members).where(where),
  ]);
  return { items, total: totals[0]?.total ?? 0 };
}

/** Members of every status: an empty union is the signal for the demo and the start-up hints. */
export async function countMembers(db: DbOrTx): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(members);
  return rows[0]?.n ?? 0;
}
