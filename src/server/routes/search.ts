import { createRoute } from '@hono/zod-openapi';
import { MEMBER_SEARCH_MIN_CHARS, searchQuery, searchResultSchema } from '../../core/search/schemas';
import { searchEverything } from '../../services/search/search-everything';
import { serviceContext } from '../context';
import type { AppDeps } from '../env';
import { createRouter, errorResponses, jsonResponse } from '../openapi';
import { present } from '../present';

const tags = ['Search 検索'];

export function searchRoutes(deps: AppDeps) {
  return createRouter().openapi(
    createRoute({
      method: 'get',
      path: '/search',
      operationId: 'search',
      tags,
      summary: 'Find members, workplaces, demands and tasks as you type (the top bar’s search box)',
      description: [
        'Each group holds up to `limit` records (default 5) and `more` says whether there are others: the list pages (`/api/members?q=` and the others) find them all.',
        `Members by name or reading (hiragana, katakana or half-width kana, with or without spaces: 山田太郎 and やまだ たろう both find 山田 太郎) or employee number, from ${MEMBER_SEARCH_MIN_CHARS} characters on (\`membersNeedMoreCharacters\` otherwise); workplaces by name or reading; demands and tasks by title.`,
        'Every group holds only what your lists show you: a rep finds the members and workplaces of their workplaces, tasks as the task list shows them (never the follow-up of a sensitive case without access to sensitive cases), and every demand. Cases are not searched.',
        'With a term of three characters or more, members come in kana order from every match; shorter terms (山田) take the first matches found, shown in kana order.',
      ].join(' '),
      request: { query: searchQuery },
      responses: {
        200: jsonResponse(searchResultSchema, 'The matches, grouped'),
        ...errorResponses,
      },
    }),
    async (c) => c.json(present(await searchEverything(serviceContext(c, deps), c.req.valid('query'))), 200),
  );
}
