import { contactSearchTerm } from '../../core/members/contacts';
import {
  MEMBER_SEARCH_MIN_CHARS,
  type SearchQuery,
  type SearchResult,
  searchCharCount,
} from '../../core/search/schemas';
import { joinedTerm, searchTerms, titleTerms } from '../../core/search/terms';
import { memberContactMatchSql, memberContactSearchAllowed } from '../../db/queries/members-contacts';
import { searchDemands, searchMembers, searchTasks, searchWorkplaces } from '../../db/queries/search';
import { organizationTodaySql } from '../../db/queries/settings';
import { scopeOf } from '../access';
import type { ServiceContext } from '../context';

const page = <T>(rows: T[], limit: number) => ({ items: rows.slice(0, limit), more: rows.length > limit });

/**
 * The top bar's search: members, workplaces, demands and tasks matching `q`, each group within
 * what the actor's lists show them (a rep's workplaces; tasks as the task list; sensitive cases
 * never: they are not searched, and a task naming one is hidden by the task scope). The four
 * queries run at once (in parallel on a PostgreSQL pool).
 */
export async function searchEverything(ctx: ServiceContext, query: SearchQuery): Promise<SearchResult> {
  const scope = scopeOf(ctx);
  const { q, limit } = query;
  const membersSearched = searchCharCount(q) >= MEMBER_SEARCH_MIN_CHARS;
  const words = titleTerms(q);
  // Phone numbers and e-mail addresses only for the roles that may see them (contacts.read; a
  // rep's within their workplaces by the member scope): an executive never finds anyone by them.
  // From three characters (digits, letters) on: a shorter fragment has no trigram, and would read
  // every member's contact details to find one.
  const contactTerm = memberContactSearchAllowed(scope) ? contactSearchTerm(q) : null;
  const contactMatch = contactTerm && [...contactTerm].length >= 3 ? memberContactMatchSql(q) : undefined;
  const contact = contactMatch ? { match: contactMatch, indexed: true } : undefined;
  const [memberRows, workplaceRows, demandRows, taskRows] = await Promise.all([
    membersSearched
      ? searchMembers(ctx.db, searchTerms(q), scope, limit, contact, joinedTerm(q))
      : Promise.resolve([]),
    searchWorkplaces(ctx.db, words, scope, limit),
    searchDemands(ctx.db, words, organizationTodaySql(ctx.now), limit),
    searchTasks(ctx.db, words, scope, limit),
  ]);
  const m = page(memberRows, limit);
  const w = page(workplaceRows, limit);
  const d = page(demandRows, limit);
  const t = page(taskRows, limit);
  return {
    members: m.items,
    workplaces: w.items,
    demands: d.items,
    tasks: t.items,
    more: { members: m.more, workplaces: w.more, demands: d.more, tasks: t.more },
    membersNeedMoreCharacters: !membersSearched,
  };
}
