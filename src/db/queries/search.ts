import { and, asc, eq, or, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../core/access/policy';
import { hasTrigram } from '../../core/search/terms';
import type { DbOrTx } from '../client';
import { bargainingSeasons, demands, members, tasks, workplaceSearchText, workplaces } from '../schema';
import { memberOrder } from './members';
import { likeContains } from './records';
import { memberScopeSql, taskScopeSql, workplaceScopeSql } from './scope';
import { currentSeasonIdSql } from './seasons';
import { workplaceNameOrder } from './workplaces';

/** Every term (one of its spellings) within `target`: an ILIKE per spelling, so the trigram index serves each. */
function allTermsIn(target: SQL | typeof members.searchText, terms: string[][]): SQL | undefined {
  return and(
    ...terms.map((variants) => or(...variants.map((v) => sql`${target} ilike ${likeContains(v)}`)) as SQL),
  );
}

/**
 * Titles (tasks, demands, workplaces): every term (one of its spellings) within `target`. A term
 * of three characters or more is served by the trigram index; a two-character one (残業, 山田) by
 * the bigram index (kumiai_bigrams, migration 0030) with the ILIKE as the exact check; a single
 * character only narrows what the others found. A query of single characters reads every title:
 * `singleCharacters` only for the small tables (workplaces, demands), else nothing is found.
 */
function titleTermsIn(target: SQL, terms: string[][], singleCharacters = false): SQL | undefined {
  if (!singleCharacters && !terms.some((variants) => [...variants[0]!].length >= 2)) return undefined;
  return and(
    ...terms.map((variants) => {
      const length = [...variants[0]!].length;
      // Below three characters the ILIKE is fenced from the trigram index (`|| ''`): with no
      // trigram to look up, the planner would read the whole index, which it thinks cheap.
      const text = length >= 3 ? target : sql`(${target} || '')`;
      const like = or(...variants.map((v) => sql`${text} ilike ${likeContains(v)}`)) as SQL;
      if (length !== 2) return like;
      const grams = sql.join(
        variants.map((v) => sql`lower(${v})`),
        sql`, `,
      );
      return and(sql`kumiai_bigrams(${target}) && array[${grams}]::text[]`, like) as SQL;
    }),
  );
}

const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Every term (one of its spellings) begins a word of `target`: at its start or after a space.
 * A pattern anchored at a word start has trigrams (the index pads words: "  山", " 山田"), so
 * the trigram index finds even a rare two-character surname without reading the table.
 */
function allTermsBeginWords(target: SQL | typeof members.searchText, terms: string[][]): SQL | undefined {
  return and(
    ...terms.map(
      (variants) =>
        or(
          ...variants.flatMap((v) => [
            sql`${target} ilike ${`${escapeLike(v)}%`}`,
            sql`${target} ilike ${`% ${escapeLike(v)}%`}`,
          ]),
        ) as SQL,
    ),
  );
}

/** How many matches of a trigram-served member search are read before the kana order is applied. */
export const MEMBER_CANDIDATES = 200;

/**
 * Up to `limit + 1` members within the scope whose name or reading (both without spaces) or
 * employee number holds every term (members.search_text, members_search_trgm_idx), or whose
 * contact details match (`contact`: only for roles that may see them; `indexed` when its term
 * has a trigram).
 *
 * With a term of three characters or more the trigram index finds the matches; the first
 * MEMBER_CANDIDATES of them are sorted in kana order (a fenced key: the planner must not walk
 * the kana index with the search as a filter), so below that many the first shown are the first
 * in kana order, and a very common reading (ヤマダ) costs no more than a rare one. Shorter terms (山田, ヤマ) have no trigram inside a word: they must
 * begin a word of the name, the reading or the employee number (山田 finds 山田 太郎, not
 * 小山田), or the words typed together (`joined`: 山田 太郎 → 山田太郎) be within the text; the
 * first matches read are taken, then shown in kana order, and `more` leads to the list.
 */
export async function searchMembers(
  db: DbOrTx,
  terms: string[][],
  scope: Scope,
  limit: number,
  contact?: { match: SQL; indexed: boolean },
  joined: string[] = [],
) {
  const indexed = hasTrigram(terms);
  const byName = indexed
    ? allTermsIn(members.searchText, terms)
    : or(
        allTermsBeginWords(members.searchText, terms),
        joined.length && [...joined[0]!].length >= 3 ? allTermsIn(members.searchText, [joined]) : undefined,
      );
  const matched = contact ? or(byName, contact.match) : byName;
  if (!matched) return [];
  const where = and(memberScopeSql(scope), matched);
  const found = db.select({ id: members.id }).from(members).where(where);
  let hits: ReturnType<typeof found.as<'hits'>>;
  if (indexed && (contact?.indexed ?? true)) {
    // The first matches the index gives, then the first of those in kana order: a very common
    // reading (1 in 12 members) is not read and sorted whole. Below the cap the order is exact.
    const candidates = found.limit(MEMBER_CANDIDATES).as('candidates');
    hits = db
      .select({ id: members.id })
      .from(members)
      .innerJoin(candidates, eq(candidates.id, members.id))
      .orderBy(...memberOrder('nameKana', true))
      .limit(limit + 1)
      .as('hits');
  } else {
    hits = found.limit(limit + 1).as('hits');
  }
  return db
    .select({
      id: members.id,
      name: members.name,
      nameKana: members.nameKana,
      employeeNumber: members.employeeNumber,
      workplaceName: workplaces.name,
      status: members.status,
    })
    .from(members)
    .innerJoin(hits, eq(hits.id, members.id))
    .leftJoin(workplaces, eq(workplaces.id, members.workplaceId))
    .orderBy(...memberOrder('nameKana'));
}

/** Up to `limit + 1` workplaces within the scope by name or reading (workplaces_search_trgm_idx). */
export async function searchWorkplaces(db: DbOrTx, terms: string[][], scope: Scope, limit: number) {
  const matched = titleTermsIn(sql`(${workplaceSearchText})`, terms, true);
  if (!matched) return [];
  return db
    .select({
      id: workplaces.id,
      name: workplaces.name,
      nameKana: workplaces.nameKana,
      establishment: workplaces.establishment,
    })
    .from(workplaces)
    .where(and(workplaceScopeSql(scope), matched))
    .orderBy(...workplaceNameOrder(), asc(workplaces.id))
    .limit(limit + 1);
}

/**
 * Up to `limit + 1` demands by title (demands_title_trgm_idx). Every role reads every demand
 * (as the demand list): all seasons, the current season's first, then the latest changed.
 */
export async function searchDemands(db: DbOrTx, terms: string[][], today: SQL, limit: number) {
  const matched = titleTermsIn(sql`${demands.title}`, terms, true);
  if (!matched) return [];
  const current = currentSeasonIdSql(today);
  return db
    .select({
      id: demands.id,
      title: demands.title,
      status: demands.status,
      priority: demands.priority,
      seasonName: bargainingSeasons.name,
    })
    .from(demands)
    .leftJoin(bargainingSeasons, eq(bargainingSeasons.id, demands.seasonId))
    .where(matched)
    .orderBy(
      sql`(${demands.seasonId} is not distinct from ${current}) desc`,
      sql`${demands.updatedAt} desc`,
      asc(demands.id),
    )
    .limit(limit + 1);
}

/**
 * Up to `limit + 1` tasks by title (tasks_title_trgm_idx) among those the task list shows the
 * actor (taskScopeSql: never a sensitive case's follow-up without cases.sensitive, a rep's
 * only about their workplaces): open ones first, the earliest due first.
 */
export async function searchTasks(db: DbOrTx, terms: string[][], scope: Scope, limit: number) {
  const matched = titleTermsIn(sql`${tasks.title}`, terms);
  if (!matched) return [];
  return db
    .select({ id: tasks.id, title: tasks.title, status: tasks.status, dueOn: tasks.dueOn })
    .from(tasks)
    .where(and(taskScopeSql(scope), matched))
    .orderBy(
      sql`(${tasks.status} = 'open') desc`,
      sql`${tasks.dueOn} asc nulls last`,
      sql`${tasks.createdAt} desc`,
      asc(tasks.id),
    )
    .limit(limit + 1);
}
