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

/**
 * Up to `limit + 1` members within the scope whose name or reading (both without spaces) or
 * employee number holds every term (members.search_text, members_search_trgm_idx), or whose
 * contact details match (`contact`: only for roles that may see them; `indexed` when its term
 * has a trigram).
 *
 * With a term of three characters or more the trigram index finds every match and they are
 * sorted in kana order (a fenced key: the planner must not walk the kana index with the
 * search as a filter). Shorter terms (山田, ヤマ) have no trigram inside a word: they must
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
  const hits = (
    indexed && (contact?.indexed ?? true)
      ? found.orderBy(...memberOrder('nameKana', true)).limit(limit + 1)
      : found.limit(limit + 1)
  ).as('hits');
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
  const matched = allTermsIn(sql`(${workplaceSearchText})`, terms);
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
  const matched = allTermsIn(sql`${demands.title}`, terms);
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
  const matched = allTermsIn(sql`${tasks.title}`, terms);
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
