import { createRoute } from '@hono/zod-openapi';
import {
  acceptResultSchema,
  demandFromVoicesResultSchema,
  demandFromVoicesSchema,
  demandSuggestionsSchema,
  dismissCandidateSchema,
  memberDemandSuggestionsSchema,
  rejectResultSchema,
  suggestionDecisionSchema,
  suggestionsQuery,
  synonymTableSchema,
  unmatchedVoicesSchema,
  updateSynonymsSchema,
} from '../../core/matching/schemas';
import {
  acceptDemandSuggestions,
  listDemandSuggestions,
  listMemberDemandSuggestions,
  rejectDemandSuggestions,
} from '../../services/matching/demand-suggestions';
import { dismissSynonymSuggestion, getSynonyms, updateSynonyms } from '../../services/matching/synonym-table';
import { createDemandFromVoices, listUnmatchedVoices } from '../../services/matching/unmatched-voices';
import { serviceContext } from '../context';
import type { AppDeps } from '../env';
import { requirePermission } from '../middleware/auth';
import {
  createRouter,
  errorResponses,
  idParams,
  jsonBody,
  jsonResponse,
  writeErrorResponses,
} from '../openapi';
import { present } from '../present';

const tags = ['Matching 要求の提案'];

/**
 * Concern matching (issue 16): what members wrote (主な職場の悩み・要求, notes, survey answers)
 * matched to demands, explained; a person accepts or turns each suggestion down.
 */
export function matchingRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/demands/{id}/suggestions',
        operationId: 'listDemandSuggestions',
        tags,
        summary: 'Members whose words match a demand and who are not linked to it yet',
        description:
          'Active members within your scope whose concerns, notes or (for roles that read survey results) identified ' +
          'survey answers match the demand, best first, each with the matching words as written, an excerpt with them ' +
          'highlighted and the synonym groups that carried them. Members turned down for the demand are never suggested ' +
          'again. Anonymous answers never suggest a member. `pending`: recent changes still being matched.',
        request: { params: idParams, query: suggestionsQuery },
        responses: { 200: jsonResponse(demandSuggestionsSchema, 'The suggestions'), ...errorResponses },
      }),
      async (c) =>
        c.json(
          await listDemandSuggestions(
            serviceContext(c, deps),
            c.req.valid('param').id,
            c.req.valid('query').limit,
          ),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/members/{id}/demand-suggestions',
        operationId: 'listMemberDemandSuggestions',
        tags,
        summary: 'Demands of the current season a member’s words match, best first',
        request: { params: idParams },
        responses: { 200: jsonResponse(memberDemandSuggestionsSchema, 'The suggestions'), ...errorResponses },
      }),
      async (c) =>
        c.json(await listMemberDemandSuggestions(serviceContext(c, deps), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/demands/{id}/suggestions/accept',
        operationId: 'acceptDemandSuggestions',
        tags,
        summary: 'Link suggested members to the demand (source: matched)',
        description:
          'Links the members named within your scope (unknown ones, outside your scope or already linked are skipped), ' +
          'in one transaction with one `link_members` audit event. Words that carried an accepted match but are not ' +
          'joined by the synonym table yet are counted as suggested additions (`GET /api/settings/synonyms`).',
        middleware: [requirePermission('demands.link')] as const,
        request: { params: idParams, body: jsonBody(suggestionDecisionSchema) },
        responses: { 200: jsonResponse(acceptResultSchema, 'Linked'), ...writeErrorResponses },
      }),
      async (c) =>
        c.json(
          await acceptDemandSuggestions(
            serviceContext(c, deps),
            c.req.valid('param').id,
            c.req.valid('json'),
          ),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/demands/{id}/suggestions/reject',
        operationId: 'rejectDemandSuggestions',
        tags,
        summary: 'Turn suggestions down: these members are never suggested for the demand again',
        middleware: [requirePermission('demands.link')] as const,
        request: { params: idParams, body: jsonBody(suggestionDecisionSchema) },
        responses: { 200: jsonResponse(rejectResultSchema, 'Recorded'), ...writeErrorResponses },
      }),
      async (c) =>
        c.json(
          await rejectDemandSuggestions(
            serviceContext(c, deps),
            c.req.valid('param').id,
            c.req.valid('json'),
          ),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/voices/unmatched',
        operationId: 'listUnmatchedVoices',
        tags,
        summary: 'What members said that no demand of the current season holds, grouped by topic',
        description:
          'Concerns, notes and survey answers within your scope that match no demand of the current season, in ' +
          'clusters with their key words, the members and their count by workplace, and a few excerpts. Anonymous ' +
          'survey answers (closed surveys whose figures are shown, for roles that read survey results) add to ' +
          '`anonymousCount` only.',
        responses: { 200: jsonResponse(unmatchedVoicesSchema, 'The clusters'), ...errorResponses },
      }),
      async (c) => c.json(await listUnmatchedVoices(serviceContext(c, deps)), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/voices/unmatched/demand',
        operationId: 'createDemandFromVoices',
        tags,
        summary: '要求として登録: create a demand and link the members of a topic',
        description:
          'Creates the demand (as `POST /api/demands`) and links the members named within your scope with source ' +
          '`matched`, in one transaction.',
        middleware: [requirePermission('demands.write'), requirePermission('demands.link')] as const,
        request: { body: jsonBody(demandFromVoicesSchema) },
        responses: {
          201: jsonResponse(demandFromVoicesResultSchema, 'Created and linked'),
          ...writeErrorResponses,
        },
      }),
      async (c) =>
        c.json(present(await createDemandFromVoices(serviceContext(c, deps), c.req.valid('json'))), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/settings/synonyms',
        operationId: 'getSynonyms',
        tags,
        summary:
          'The synonym and related-words table matching uses, and the additions accepted matches suggest',
        responses: { 200: jsonResponse(synonymTableSchema, 'The table'), ...errorResponses },
      }),
      async (c) => c.json(await getSynonyms(serviceContext(c, deps)), 200),
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/settings/synonyms',
        operationId: 'updateSynonyms',
        tags,
        summary: 'Replace the synonym table (admins, officers, executives)',
        description:
          'The whole table with the `version` you read (409 when someone saved meanwhile). Every match is scored ' +
          'again in the background.',
        middleware: [requirePermission('demands.write')] as const,
        request: { body: jsonBody(updateSynonymsSchema) },
        responses: { 200: jsonResponse(synonymTableSchema, 'Saved'), ...writeErrorResponses },
      }),
      async (c) => c.json(await updateSynonyms(serviceContext(c, deps), c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/settings/synonyms/candidates/dismiss',
        operationId: 'dismissSynonymCandidate',
        tags,
        summary: 'Turn down a suggested synonym addition',
        middleware: [requirePermission('demands.write')] as const,
        request: { body: jsonBody(dismissCandidateSchema) },
        responses: { 200: jsonResponse(synonymTableSchema, 'The table'), ...writeErrorResponses },
      }),
      async (c) => c.json(await dismissSynonymSuggestion(serviceContext(c, deps), c.req.valid('json')), 200),
    );
}
