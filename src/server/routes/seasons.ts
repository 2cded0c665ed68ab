import { createRoute } from '@hono/zod-openapi';
import {
  createSeasonSchema,
  seasonListSchema,
  seasonSchema,
  updateSeasonSchema,
} from '../../core/demands/seasons';
import { createSeason } from '../../services/demands/create-season';
import { deleteSeason } from '../../services/demands/delete-season';
import { listSeasons } from '../../services/demands/list-seasons';
import { updateSeason } from '../../services/demands/update-season';
import { serviceContext } from '../context';
import type { AppDeps } from '../env';
import { requirePermission } from '../middleware/auth';
import {
  createRouter,
  errorResponses,
  idParams,
  jsonBody,
  jsonResponse,
  versionQuery,
  writeErrorResponses,
} from '../openapi';
import { present } from '../present';

const tags = ['Demands 交渉・要求'];

/** Bargaining seasons 交渉シーズン (2027春闘, 2026秋闘): every role reads them, admins and officers manage them. */
export function seasonRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/seasons',
        operationId: 'listSeasons',
        tags,
        summary: 'Every bargaining season (交渉シーズン), latest start first, and the current one',
        description:
          'The current season (`currentId`) is the one whose dates contain the organization’s today (the latest start wins when seasons overlap), ' +
          'else the one that started most recently, else none. `GET /api/demands` shows its demands by default.',
        responses: { 200: jsonResponse(seasonListSchema, 'The seasons'), ...errorResponses },
      }),
      async (c) => c.json(present(await listSeasons(serviceContext(c, deps))), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/seasons',
        operationId: 'createSeason',
        tags,
        summary: 'Create a bargaining season (admins and officers)',
        description: 'The name is unique (409 on `name`); `endsOn` may not be before `startsOn`.',
        middleware: [requirePermission('seasons.write')] as const,
        request: { body: jsonBody(createSeasonSchema) },
        responses: { 201: jsonResponse(seasonSchema, 'Created'), ...writeErrorResponses },
      }),
      async (c) => c.json(present(await createSeason(serviceContext(c, deps), c.req.valid('json'))), 201),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/seasons/{id}',
        operationId: 'updateSeason',
        tags,
        summary: 'Rename a season or change its dates (send the `version` you read)',
        middleware: [requirePermission('seasons.write')] as const,
        request: { params: idParams, body: jsonBody(updateSeasonSchema) },
        responses: { 200: jsonResponse(seasonSchema, 'Updated'), ...writeErrorResponses },
      }),
      async (c) =>
        c.json(
          present(await updateSeason(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('json'))),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/seasons/{id}',
        operationId: 'deleteSeason',
        tags,
        summary: 'Delete a season that no demand belongs to',
        description:
          'Refused with 409 (the message says how many) while demands belong to the season: move them to another season first.',
        middleware: [requirePermission('seasons.write')] as const,
        request: { params: idParams, query: versionQuery },
        responses: { 204: { description: 'Deleted' }, ...writeErrorResponses },
      }),
      async (c) => {
        await deleteSeason(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('query').version);
        return c.body(null, 204);
      },
    );
}
