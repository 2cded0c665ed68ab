import { and, asc, desc, eq, getTableColumns, or, type SQL, sql } from 'drizzle-orm';
import { can, type Scope } from '../../core/access/policy';
import type { MemberEmail, MemberPhone, PreferredChannel } from '../../core/members/contacts';
import { hiraganaToKatakana, memberSearchTerms } from '../../core/members/kana';
import {
  type ListMembersQuery,
  MEMBER_TOTAL_CAP,
  type MemberSort,
  type NextActionDue,
} from '../../core/members/schemas';
import type { DbOrTx } from '../client';
import { members, users, workplaces } from '../schema';
import { customFieldContainment, memberCustomFieldsSql } from './custom-fields';
import { memberContactMatchSql } from './members-contacts';
import { likeContains } from './records';
import { caseScopeSql, memberScopeSql } from './scope';

const {
  searchText: _searchText,
  phones: _phones,
  emails: _emails,
  postalAddress: _postalAddress,
  preferredChannel: _preferredChannel,
  ...memberTableColumns
} = getTableColumns(members);

type ContactColumns = {
  phones: SQL<MemberPhone[] | undefined>;
  emails: SQL<MemberEmail[] | undefined>;
  postalAddress: SQL<string | null | undefined>;
  preferredChannel: SQL<PreferredChannel | null | undefined>;
};

/**
 * The contact details, selected only for a scope with `contacts.read`: for any other role
 * (executives) the keys are absent from the row, so no answer built from a member row
 * (the record, lists, duplicates, merges) can carry them. The one place they are stripped.
 */
export function memberContactColumns(scope: Pick<Scope, 'role'>): ContactColumns {
  if (!can(scope.role, 'contacts.read')) return {} as ContactColumns;
  return {
    phones: sql<MemberPhone[]>`${members.phones}`,
    emails: sql<MemberEmail[]>`${members.emails}`,
    postalAddress: sql<string | null>`${members.postalAddress}`,
    preferredChannel: sql<PreferredChannel | null>`${members.preferredChannel}`,
  };
}

/**
 * Whole years since joinedOn, as in core/common/dates.ts tenureYears: the
 * anniversary is joinedOn + n years, which PostgreSQL clamps to the month's
 * end (a 2020-02-29 joiner reaches 5 years on 2025-02-28).
 */
export function tenureYearsSql(today: string | SQL): SQL<number | null> {
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
export function memberSelection(today: string | SQL, scope: Scope) {
  const visibleCase = caseScopeSql(scope, sql`c.sensitive`);
  return {
    ...memberTableColumns,
    ...memberContactColumns(scope),
    customFields: memberCustomFieldsSql(),
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

function selectMembers<E extends Record<string, SQL>>(
  db: DbOrTx,
  today: string | SQL,
  scope: Scope,
  extra: E = {} as E,
) {
  return db
    .select({ ...memberSelection(today, scope), ...extra })
    .from(members)
    .leftJoin(workplaces, eq(workplaces.id, members.workplaceId))
    .leftJoin(users, eq(users.id, members.ownerId));
}

/**
 * One member with the computed fields as `scope` may see them. It does not check
 * that the member is within the scope: the caller answers 404 for one outside it.
 */
export async function findMemberById(db: DbOrTx, id: string, today: string | SQL, scope: Scope) {
  const rows = await selectMembers(db, today, scope).where(eq(members.id, id));
  return rows[0];
}

/**
 * The one member search (the list, its export, and every member picker, which ask the
 * list): each term (core's memberSearchTerms) must be within the name or the reading,
 * both without spaces, or the employee number; a term in hiragana is also tried in
 * katakana, the script readings are stored in. Given a scope with `contacts.read`, `q`
 * also finds members by a phone number or e-mail address (memberContactMatchSql).
 */
export function memberSearchCondition(q: string | undefined, scope?: Pick<Scope, 'role'>): SQL | undefined {
  const byName = memberNameSearchCondition(q);
  // Contact details (phone digits in any format, e-mail) only for roles that may see them.
  const byContact = q && scope && can(scope.role, 'contacts.read') ? memberContactMatchSql(q) : undefined;
  return byName && byContact ? (or(byName, byContact) as SQL) : (byName ?? byContact);
}

function memberNameSearchCondition(q: string | undefined): SQL | undefined {
  const conditions = memberSearchTerms(q).map((term) => {
    const katakana = hiraganaToKatakana(term);
    const direct = sql`${members.searchText} ilike ${likeContains(term)}`;
    return katakana === term
      ? direct
      : (or(direct, sql`${members.searchText} ilike ${likeContains(katakana)}`) as SQL);
  });
  return conditions.length ? and(...conditions) : undefined;
}

/**
 * Whether the trigram index narrows this search: every term has a trigram (3+
 * characters). Then the matches are few and found through that index, and the
 * page must be sorted from them — not read in kana order from the start with
 * the search as a filter, which the planner picks when it misjudges how rare a
 * term is (ヤマダ タロウ sorts late: 70 % of the index read before the first hit).
 */
function searchUsesTrigrams(q: string | undefined): boolean {
  const terms = memberSearchTerms(q);
  return terms.length > 0 && terms.every((t) => [...t].length >= 3);
}

/**
 * nextActionDueOn against the organization's today: before it, from it to this
 * week's Sunday (the weekly dashboard's week: ISO weeks start on Monday), after it.
 */
function nextActionDueSql(due: NextActionDue, today: string | SQL): SQL {
  const day = sql`(${today})::date`;
  const sunday = sql`(date_trunc('week', ${day}::timestamp)::date + 6)`;
  const column = members.nextActionDueOn;
  switch (due) {
    case 'overdue':
      return sql`${column} < ${day}`;
    case 'this_week':
      return sql`(${column} >= ${day} and ${column} <= ${sunday})`;
    case 'later':
      return sql`${column} > ${sunday}`;
  }
}

/**
 * The list's filters; `today` (the organization's day) is needed by nextActionDue only.
 * `scope`: whose search it is (contact details are searched for roles that may see them).
 */
export function memberFilter(
  query: Partial<ListMembersQuery> & MemberCustomFieldFilter,
  today?: string | SQL,
  scope?: Pick<Scope, 'role'>,
): SQL | undefined {
  if (query.nextActionDue && today === undefined) throw new Error('nextActionDue needs today');
  return and(
    memberSearchCondition(query.q, scope),
    query.workplaceId ? eq(members.workplaceId, query.workplaceId) : undefined,
    query.engagement ? eq(members.engagement, query.engagement) : undefined,
    query.unionRole ? eq(members.unionRole, query.unionRole) : undefined,
    query.ownerId ? eq(members.ownerId, query.ownerId) : undefined,
    query.status ? eq(members.status, query.status) : undefined,
    query.nextActionDue ? nextActionDueSql(query.nextActionDue, today!) : undefined,
    customFieldContainment(members.customFields, query.customFields),
  );
}

/** `cf.<key>` filters, parsed against the active definitions: an object the values must contain. */
export type MemberCustomFieldFilter = { customFields?: Record<string, unknown> | null | undefined };

const c = (column: SQL | typeof members.name) => sql`${column} collate "C"`;

/**
 * Kana order is code-point order of normalized katakana; "C" makes it identical on both engines.
 * `fenced`: the leading key is an expression no index provides (same order), so the planner
 * sorts the matches instead of walking an index in that order (see searchUsesTrigrams).
 */
export function memberOrder(sort: MemberSort, fenced = false): SQL[] {
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as MemberSort;
  const dir = (x: SQL) => (descending ? sql`${x} desc nulls last` : sql`${x} asc nulls last`);
  const kana = fenced ? sql`(${members.nameKana} || '')` : sql`${members.nameKana}`;
  const byKana = [dir(c(kana)), dir(c(members.name)), asc(members.id)];
  switch (key) {
    case 'nameKana':
      return byKana;
    case 'name':
      return [dir(c(fenced ? sql`(${members.name} || '')` : members.name)), asc(members.id)];
    case 'employeeNumber':
      return [
        dir(c(fenced ? sql`(${members.employeeNumber} || '')` : (members.employeeNumber as never))),
        asc(members.id),
      ];
    case 'joinedOn':
      return [dir(fenced ? sql`${members.joinedOn} + 0` : sql`${members.joinedOn}`), ...byKana];
    case 'engagement':
      return [dir(sql`${members.engagement}`), ...byKana];
    case 'nextActionDueOn':
      return [dir(fenced ? sql`${members.nextActionDueOn} + 0` : sql`${members.nextActionDueOn}`), ...byKana];
    case 'createdAt':
      return [descending ? desc(members.createdAt) : asc(members.createdAt), asc(members.id)];
    case 'updatedAt':
      return [descending ? desc(members.updatedAt) : asc(members.updatedAt), asc(members.id)];
    default:
      return byKana;
  }
}

/** Matches few enough to sort them all rather than walk an index in the sort's order. */
const FEW_MATCHES = 5_000;

/**
 * A page of the members within the scope (items and total alike) matching the
 * filters. `total` counts up to offset + MEMBER_TOTAL_CAP; `totalCapped` says
 * there are more.
 *
 * The page's ids are found first (index order, nothing computed), then only
 * those rows get names and counts: computed columns in the paging query would
 * be worked out for every row sorted or skipped over (an offset of 50,000
 * computed 50,050 rows' open cases and demands).
 */
export async function findMembers(
  db: DbOrTx,
  query: Partial<ListMembersQuery> & MemberCustomFieldFilter & { sort: MemberSort },
  page: { limit: number; offset: number },
  today: string | SQL,
  scope: Scope,
) {
  const where = and(memberScopeSql(scope), memberFilter(query, today, scope));
  const cap = page.offset + MEMBER_TOTAL_CAP;
  const countedUpToCap = sql<number>`(select count(*)::int from (${db
    .select({ one: sql`1` })
    .from(members)
    .where(where)
    .limit(cap + 1)}) as matches)`;
  const capped = (counted: number) => ({ total: Math.min(counted, cap), totalCapped: counted > cap });
  const countUpToCap = async () => {
    const [row] = await db.select({ n: countedUpToCap }).from(sql`(select 1) as one`);
    return capped(row?.n ?? 0);
  };
  const withoutTotal = <T extends { total: number }>(rows: T[]) => rows.map(({ total: _t, ...row }) => row);

  if (searchUsesTrigrams(query.q)) {
    // Every match is read from the trigram index and sorted anyway: count them in the same
    // pass (a window over the matches), and fetch the page's rows in the same statement.
    const matched = db
      .select({ id: members.id, total: sql<number>`(count(*) over ())::int`.as('total') })
      .from(members)
      .where(where)
      .orderBy(...memberOrder(query.sort, true))
      .limit(page.limit)
      .offset(page.offset)
      .as('matched');
    const rows = await selectMembers(db, today, scope, { total: sql<number>`${matched.total}` })
      .innerJoin(matched, eq(matched.id, members.id))
      .orderBy(...memberOrder(query.sort));
    if (rows.length === 0) return { items: [], ...(await countUpToCap()) };
    return { items: withoutTotal(rows), total: rows[0]!.total, totalCapped: false };
  }
  if (query.customFields) {
    // A custom-field filter (GIN containment) can match a handful of members or most of them:
    // counted first, a few matches are sorted (fenced order, as for a trigram search), many
    // are read in the sort's index order until the page is full.
    const counted = await countUpToCap();
    if (counted.total === 0) return { items: [], ...counted };
    const fenced = !counted.totalCapped && counted.total <= FEW_MATCHES;
    const ids = db
      .select({ id: members.id })
      .from(members)
      .where(where)
      .orderBy(...memberOrder(query.sort, fenced))
      .limit(page.limit)
      .offset(page.offset);
    const rows = await selectMembers(db, today, scope)
      .where(sql`${members.id} in (${ids})`)
      .orderBy(...memberOrder(query.sort));
    return { items: rows, ...counted };
  }
  // One statement: the page's ids (index order, nothing computed), their rows, and the
  // capped count as an InitPlan run once.
  const pageIds = db
    .select({ id: members.id })
    .from(members)
    .where(where)
    .orderBy(...memberOrder(query.sort))
    .limit(page.limit)
    .offset(page.offset);
  const rows = await selectMembers(db, today, scope, { total: countedUpToCap })
    .where(sql`${members.id} in (${pageIds})`)
    .orderBy(...memberOrder(query.sort));
  if (rows.length === 0) return { items: [], ...(await countUpToCap()) };
  return { items: withoutTotal(rows), ...capped(rows[0]!.total) };
}

/** Members of every status: an empty union is the signal for the demo and the start-up hints. */
export async function countMembers(db: DbOrTx): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(members);
  return rows[0]?.n ?? 0;
}
