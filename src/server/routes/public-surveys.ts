import { createRoute, z } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../../core/errors';
import { publicSurveyOutput, surveyAnswerSchema } from '../../core/surveys/schemas';
import { answerSavedOutput } from '../../core/surveys/staff-schemas';
import { getPublicSurvey } from '../../services/surveys/get-public-survey';
import { savePublicAnswer } from '../../services/surveys/save-public-answer';
import { isTokenShaped } from '../../services/surveys/tokens';
import type { AppDeps, AppEnv } from '../env';
import { createRouter, errorSchema, jsonBody, jsonResponse } from '../openapi';
import { createRateLimiter, RateLimited } from '../rate-limit';
import { clientAddress } from './auth';

const tags = ['Public survey 回答ページ'];
/** Answers one link may send per minute (a member changing their mind a few times needs far fewer). */
export const ANSWERS_PER_LINK_PER_MINUTE = 30;
export const DEFAULT_PUBLIC_RATE_LIMIT = 300;

// Any string: a malformed token is a 404 like an unknown one (never a validation message).
const tokenParams = z.object({
  token: z.string().meta({ param: { name: 'token', in: 'path' }, description: 'The personal link token' }),
});

const errors = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
});

function tooMany(res: unknown) {
  if (!(res instanceof RateLimited)) throw res; // e.g. the database is away: 503, not 429
  const ms = res.msBeforeNext;
  return new AppError('rate_limited', 'Too many requests. Try again in a minute.', undefined, {
    retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)),
  });
}

/**
 * The member's page behind a personal link (`/s/:token`), no staff sign-in: the token is the
 * only credential and answers only for its own member and survey. Mounted outside the staff
 * authentication (cookies and Authorization are never read here). Rate-limited per client
 * address (KUMIAI_PUBLIC_RATE_LIMIT a minute; a workplace behind one NAT shares it) and, for
 * answers, per link; on PostgreSQL the counters are shared by every server process
 * (server/rate-limit.ts), on PGlite they are this process's.
 */
export function publicSurveyRoutes(deps: AppDeps & { secret: Buffer }) {
  const now = deps.now ?? (() => new Date());
  const perAddress = createRateLimiter(deps.database, {
    prefix: 'public-address',
    points: deps.publicRateLimit ?? DEFAULT_PUBLIC_RATE_LIMIT,
    durationSeconds: 60,
  });
  const perLink = createRateLimiter(deps.database, {
    prefix: 'public-link',
    points: deps.publicAnswersPerLink ?? ANSWERS_PER_LINK_PER_MINUTE,
    durationSeconds: 60,
  });
  const router = createRouter();
  router.use(
    '/public/*',
    createMiddleware<AppEnv>(async (c, next) => {
      await perAddress.consume(clientAddress(c, deps.config.trustProxy)).catch((res) => {
        throw tooMany(res);
      });
      // A personal page: never kept by a shared cache.
      c.header('cache-control', 'no-store');
      c.header('referrer-policy', 'no-referrer');
      return next();
    }),
  );
  return router
    .openapi(
      createRoute({
        method: 'get',
        path: '/public/surveys/{token}',
        operationId: 'getPublicSurvey',
        tags,
        security: [],
        summary:
          "A personal link's survey: the union's name, the questions, anonymity, status and this link's answer",
        description:
          'No sign-in. 404 (always the same body) for a link that is malformed, unknown, revoked, of a member ' +
          'who left or was erased, or of a deleted survey. A closed survey still shows, with its status and the answer.',
        request: { params: tokenParams },
        responses: {
          200: jsonResponse(publicSurveyOutput, 'The survey'),
          404: errors('Not a working link'),
          429: errors('Too many requests from this address'),
        },
      }),
      async (c) =>
        c.json(await getPublicSurvey(deps.database.db, c.req.valid('param').token, now(), deps.secret), 200),
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/public/surveys/{token}/answer',
        operationId: 'putPublicSurveyAnswer',
        tags,
        security: [],
        summary: 'Answer, or change the answer, through a personal link (until the survey closes)',
        description:
          'No sign-in. The answer replaces this link’s earlier one. 400 with `fields` for an answer the survey does ' +
          'not allow; 409 `survey_closed` once closed (nothing changes); 404 as for GET; 429 when rate-limited.',
        request: { params: tokenParams, body: jsonBody(surveyAnswerSchema) },
        middleware: [
          createMiddleware<AppEnv>(async (c, next) => {
            const token = c.req.param('token') ?? '';
            // A malformed token is a 404 without a read; only real-looking ones are counted.
            if (isTokenShaped(token))
              await perLink.consume(token).catch((res) => {
                throw tooMany(res);
              });
            return next();
          }),
        ] as const,
        responses: {
          200: jsonResponse(answerSavedOutput, 'Saved'),
          400: errors('Invalid answer: `error.fields` names each problem. Nothing was written.'),
          404: errors('Not a working link'),
          409: errors('`survey_closed`: the survey is closed. Nothing was written.'),
          429: errors('Too many requests'),
        },
      }),
      async (c) =>
        c.json(
          await savePublicAnswer(
            deps.database.db,
            c.req.valid('param').token,
            c.req.valid('json'),
            now(),
            deps.secret,
          ),
          200,
        ),
    );
}
