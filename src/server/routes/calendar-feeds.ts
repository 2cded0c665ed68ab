import { createRoute, z } from '@hono/zod-openapi';
import { contentDisposition } from '../../core/export/columns';
import {
  calendarFeedListSchema,
  createCalendarFeedSchema,
  createdCalendarFeedSchema,
  FEED_CACHE_SECONDS,
} from '../../core/reminders/calendar-feeds';
import {
  createCalendarFeed,
  listCalendarFeeds,
  meetingIcs,
  negotiationIcs,
  renderFeedByToken,
  revokeCalendarFeed,
} from '../../services/calendar-feeds/calendar-feeds';
import { serviceContext } from '../context';
import type { AppDeps } from '../env';
import {
  createRouter,
  errorResponses,
  errorSchema,
  idParams,
  jsonBody,
  jsonResponse,
  writeErrorResponses,
} from '../openapi';

const tags = ['Calendar feeds カレンダー連携'];

// Any string: a malformed token is a 404 like an unknown one (never a validation message).
const feedParams = z.object({
  file: z
    .string()
    .meta({ param: { name: 'file', in: 'path' }, description: 'The secret token followed by `.ics`' }),
});

const meetingParams = z.object({
  id: z.uuid().meta({ param: { name: 'id', in: 'path' } }),
  meetingId: z.uuid().meta({ param: { name: 'meetingId', in: 'path' } }),
});

const calendarResponse = (description: string) => ({
  description,
  content: { 'text/calendar': { schema: z.string() } },
});

const NOT_FOUND_BODY = { error: { code: 'not_found', message: 'Not found' } };

function icsAttachment(text: string, ascii: string): Response {
  return new Response(text, {
    status: 200,
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': contentDisposition({ ascii, display: ascii }),
      'cache-control': 'no-store',
    },
  });
}

/**
 * Calendar feeds (issue 18): the user's own secret iCal subscriptions and one-off .ics
 * downloads. The feed itself lives under /api/public/ (no session; the token is the only
 * credential), so the public routes' per-address rate limit (routes/public-surveys.ts) covers it.
 */
export function calendarFeedRoutes(deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  return createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/calendar-feeds',
        operationId: 'createCalendarFeed',
        tags,
        summary: 'Create a secret calendar feed (its URL is shown this once)',
        description:
          'Any signed-in user, for their own tasks and next actions, the negotiation dates, or the meetings of their workplaces. ' +
          'Without `includeNames` items name the kind and the workplace, never a member. The feed dies when your role or workplaces change.',
        request: { body: jsonBody(createCalendarFeedSchema) },
        responses: { 201: jsonResponse(createdCalendarFeedSchema, 'Created'), ...writeErrorResponses },
      }),
      async (c) => {
        const base = deps.publicUrl ?? new URL(c.req.url).origin;
        return c.json(await createCalendarFeed(serviceContext(c, deps), c.req.valid('json'), base), 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/calendar-feeds',
        operationId: 'listCalendarFeeds',
        tags,
        summary:
          'Your calendar feeds (never their tokens), with when and by what client each was last fetched',
        responses: { 200: jsonResponse(calendarFeedListSchema, 'Your feeds'), ...errorResponses },
      }),
      async (c) => c.json(await listCalendarFeeds(serviceContext(c, deps)), 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/calendar-feeds/{id}',
        operationId: 'revokeCalendarFeed',
        tags,
        summary: 'Revoke one of your calendar feeds (its URL answers 404 from now on)',
        request: { params: idParams },
        responses: { 204: { description: 'Revoked' }, ...writeErrorResponses },
      }),
      async (c) => {
        await revokeCalendarFeed(serviceContext(c, deps), c.req.valid('param').id);
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/public/calendar/{file}',
        operationId: 'getCalendarFeed',
        tags,
        security: [],
        summary: 'A calendar feed (iCal, RFC 5545) by its secret URL, for calendar apps',
        description:
          'No sign-in. 404 (always the same body) for a malformed, unknown or revoked token, a disabled user, ' +
          'or a user whose role or workplaces changed since the feed was made.',
        request: { params: feedParams },
        responses: {
          200: calendarResponse('The calendar'),
          404: { description: 'No such feed', content: { 'application/json': { schema: errorSchema } } },
        },
      }),
      async (c) => {
        const file = c.req.valid('param').file;
        const token = file.endsWith('.ics') ? file.slice(0, -4) : '';
        const text = token
          ? await renderFeedByToken(deps.database.db, token, now(), c.req.header('user-agent'))
          : undefined;
        if (text === undefined) {
          return new Response(JSON.stringify(NOT_FOUND_BODY), {
            status: 404,
            headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
          });
        }
        return new Response(text, {
          status: 200,
          headers: {
            'content-type': 'text/calendar; charset=utf-8',
            'cache-control': `private, max-age=${FEED_CACHE_SECONDS}`,
            'referrer-policy': 'no-referrer',
          },
        });
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/workplaces/{id}/meetings/{meetingId}/ics',
        operationId: 'downloadMeetingIcs',
        tags,
        summary: 'One workplace meeting as an .ics file (to add to a calendar at once)',
        request: { params: meetingParams },
        responses: { 200: calendarResponse('The meeting'), ...errorResponses },
      }),
      async (c) => {
        const { id, meetingId } = c.req.valid('param');
        const file = await meetingIcs(serviceContext(c, deps), id, meetingId);
        return icsAttachment(file.text, `meeting-${file.day}.ics`);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/demands/{id}/negotiation.ics',
        operationId: 'downloadNegotiationIcs',
        tags,
        summary: 'A demand’s next negotiation date (次の交渉期日) as an .ics file',
        request: { params: idParams },
        responses: { 200: calendarResponse('The negotiation date'), ...errorResponses },
      }),
      async (c) => {
        const file = await negotiationIcs(serviceContext(c, deps), c.req.valid('param').id);
        return icsAttachment(file.text, `negotiation-${file.day}.ics`);
      },
    );
}
