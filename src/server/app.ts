import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { secureHeaders } from 'hono/secure-headers';
import { AppError } from '../core/errors';
import { databaseUnavailableReason } from '../db/errors';
import { recordDenial } from '../services/audit/record-denial';
import type { Actor } from '../services/context';
import { listCustomFields } from '../services/custom-fields/list-custom-fields';
import { accessLog } from './access-log';
import { serviceContext } from './context';
import type { AppDeps, AppEnv } from './env';
import { errorResponse, toAppError } from './errors';
import { createLog, errorFields } from './logger';
import { requireAuth } from './middleware/auth';
import { apiDocument, apiTags } from './openapi';
import { withCustomFieldSchemas } from './openapi-custom-fields';
import { accountAdminRoutes } from './routes/account';
import { auditRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { bulkRoutes } from './routes/bulk';
import { calendarFeedRoutes } from './routes/calendar-feeds';
import { customFieldRoutes } from './routes/custom-fields';
import { dashboardRoutes } from './routes/dashboards';
import { demandRoutes } from './routes/demands';
import { digestRoutes } from './routes/digests';
import { docsRoutes } from './routes/docs';
import { exportRoutes } from './routes/export';
import { handoverRoutes } from './routes/handover';
import { healthRoutes } from './routes/health';
import { importBodyLimit, importRoutes, isImportUpload } from './routes/import';
import { matchingRoutes } from './routes/matching';
import { memberDataRoutes } from './routes/member-data';
import { memberRecordRoutes } from './routes/member-records';
import { memberRoutes } from './routes/members';
import { publicSurveyRoutes } from './routes/public-surveys';
import { savedViewRoutes } from './routes/saved-views';
import { searchRoutes } from './routes/search';
import { seasonRoutes } from './routes/seasons';
import { settingRoutes } from './routes/settings';
import { setupRoutes } from './routes/setup';
import { staffRoutes } from './routes/staff';
import { surveyResultRoutes } from './routes/survey-results';
import { surveyRoutes } from './routes/surveys';
import { syncRoutes } from './routes/sync';
import { taskRoutes } from './routes/tasks';
import { tokenRoutes } from './routes/tokens';
import { userRoutes } from './routes/users';
import { workflowRoutes } from './routes/workflows';
import { workplaceRoutes } from './routes/workplaces';

// /api/auth/session reads the cookie or token itself: signed out, it answers `{ user: null }`.
const PUBLIC_PATHS = new Set(['/api/health', '/api/auth/login', '/api/auth/session', '/api/setup']);
/** A member's survey link (routes/public-surveys.ts): the token in the path is its only credential. */
const PUBLIC_PREFIX = '/api/public/';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_TYPE = /^application\/([a-z.+-]+\+)?json\b/i;

/**
 * Whether a write carries any bytes. Only reached for a type that is neither JSON nor an
 * import upload, so the body read here (within the size limit, cached by Hono for any later
 * reader) is one that is refused unless it is empty.
 */
async function hasBody(c: Context<AppEnv>): Promise<boolean> {
  if (c.req.header('content-length') === '0' || !c.req.raw.body) return false;
  return (await c.req.arrayBuffer()).byteLength > 0;
}

export function createApp(deps: AppDeps) {
  const log = deps.log ?? createLog('info');
  // main.ts passes the configured secret; an app without one (tests of other features) gets
  // its own, so its survey links (and authenticator secrets, routes/auth.ts) die with it.
  const surveyDeps = { ...deps, secret: deps.secret ?? randomBytes(32) };
  const app = new OpenAPIHono<AppEnv>();

  app.onError(async (err, c) => {
    const appError = toAppError(err);
    if (appError.code === 'internal_error') {
      // The route's pattern and the error's class, code and frames: never its message (a failed
      // query's holds the SQL parameters: a password hash, a note) nor the request's body.
      log('error', 'request failed', {
        reqId: c.get('requestId'),
        method: c.req.method,
        route: c.req.routePath,
        error: errorFields(err),
      });
    } else if (appError.code === 'database_unavailable') {
      // 503: the database is away (restarting, unreachable); the pool reconnects by itself.
      log('warn', 'database unavailable', {
        reqId: c.get('requestId'),
        method: c.req.method,
        route: c.req.routePath,
        reason: databaseUnavailableReason(err),
        error: errorFields(err),
      });
    }
    // Every 403, and every 404 for a record outside the actor's scope, goes to the audit log.
    const denied =
      appError.code === 'forbidden' || (appError.code === 'not_found' && appError.details?.denied === true);
    if (denied) {
      const actor = c.get('actor') as Actor | undefined;
      try {
        await recordDenial(deps.database.db, {
          at: (deps.now ?? (() => new Date()))(),
          actorId: actor?.id ?? null,
          method: c.req.method,
          path: c.req.path,
          status: appError.code === 'forbidden' ? 403 : 404,
        });
      } catch (auditError) {
        // The refusal stands; a failed audit write must not turn it into a 500.
        log('error', 'denial audit write failed', {
          reqId: c.get('requestId'),
          method: c.req.method,
          route: c.req.routePath,
          error: errorFields(auditError),
        });
      }
    }
    return errorResponse(c, appError);
  });
  app.notFound((c) =>
    errorResponse(c, new AppError('not_found', `No route for ${c.req.method} ${c.req.path}`)),
  );

  // A request id and one log record per request (never the query string): access-log.ts.
  app.use('*', accessLog(log));
  app.use('*', secureHeaders({ crossOriginEmbedderPolicy: false }));
  const jsonBodyLimit = bodyLimit({
    maxSize: 1024 * 1024,
    onError: () => {
      throw new AppError('payload_too_large', 'The request body is larger than 1 MB');
    },
  });
  // Import uploads are the one exception: a file of up to 32 MB (routes/import.ts).
  app.use('/api/*', (c, next) =>
    isImportUpload(c, c.req.header('content-type') ?? '') ? importBodyLimit(c, next) : jsonBodyLimit(c, next),
  );
  // JSON only for writes: a cross-site HTML form cannot send application/json,
  // which, with SameSite cookies, closes the CSRF door for cookie sessions.
  // A request without a body passes whatever its headers say: browsers, Node's fetch and curl
  // send a body-less DELETE (curl: POST too) without Content-Length, and Node's adapter gives
  // every such request an empty body stream, so the bytes themselves decide.
  app.use('/api/*', async (c, next) => {
    if (!UNSAFE.has(c.req.method)) return next();
    const type = c.req.header('content-type') ?? '';
    if (JSON_TYPE.test(type) || isImportUpload(c, type)) return next();
    if (await hasBody(c))
      throw new AppError('unsupported_media_type', 'Send the request body as application/json');
    // No bytes: the request is body-less whatever its Content-Type said, for the routes' validators too.
    if (type) {
      const headers = new Headers(c.req.raw.headers);
      headers.delete('content-type');
      c.req.raw = new Request(c.req.raw.url, { method: c.req.method, headers, signal: c.req.raw.signal });
    }
    return next();
  });
  const staffAuth = requireAuth(deps, PUBLIC_PATHS);
  // Public survey routes never read a cookie or an Authorization header.
  app.use('/api/*', (c, next) => (c.req.path.startsWith(PUBLIC_PREFIX) ? next() : staffAuth(c, next)));
  // JSON of a federation is large (the dashboards list every workplace: 2 MB at 10,000
  // workplaces, ~150 KB gzip'd). Only for clients that ask; streamed NDJSON progress and
  // binary files are not of a compressible type and pass as they are.
  app.use('/api/*', compress({ encoding: 'gzip' }));

  const api = new OpenAPIHono<AppEnv>()
    .route('/', healthRoutes(deps))
    .route('/', authRoutes(surveyDeps))
    .route('/', accountAdminRoutes(deps))
    .route('/', setupRoutes(deps))
    .route('/', tokenRoutes(deps))
    .route('/', userRoutes(deps))
    .route('/', staffRoutes(deps))
    .route('/', bulkRoutes(deps))
    .route('/', memberRoutes(deps))
    .route('/', memberRecordRoutes(deps))
    .route('/', memberDataRoutes(deps))
    .route('/', workplaceRoutes(deps))
    .route('/', demandRoutes(deps))
    .route('/', matchingRoutes(deps))
    .route('/', seasonRoutes(deps))
    .route('/', taskRoutes(deps))
    .route('/', searchRoutes(deps))
    .route('/', savedViewRoutes(deps))
    .route('/', settingRoutes(deps))
    .route('/', customFieldRoutes(deps))
    .route('/', workflowRoutes(deps))
    .route('/', dashboardRoutes(deps))
    .route('/', digestRoutes(deps))
    .route('/', auditRoutes(deps))
    .route('/', exportRoutes(deps))
    .route('/', importRoutes(deps))
    .route('/', handoverRoutes(deps))
    .route('/', surveyResultRoutes(deps))
    .route('/', surveyRoutes(surveyDeps))
    .route('/', publicSurveyRoutes(surveyDeps))
    .route('/', calendarFeedRoutes(deps))
    .route('/', syncRoutes(deps));

  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'kumiai_session',
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  const document = apiDocument(api, {
    openapi: '3.1.0',
    info: {
      title: 'Kumiai API',
      version: '1',
      description:
        'Kumiai (組合), a relationship CRM for labor unions. Sign in with `POST /api/auth/login` (session cookie) or send `Authorization: Bearer <token>`. Errors have the shape `{ error: { code, message, fields? } }`.',
      license: { name: 'AGPL-3.0-or-later', url: 'https://www.gnu.org/licenses/agpl-3.0.html' },
    },
    servers: [{ url: '/api' }],
    security: [{ session: [] }, { bearer: [] }],
    tags: apiTags,
  });
  // Member and Workplace `customFields` are typed from the definitions as they are now (read per request).
  api.get('/openapi.json', async (c) =>
    c.json(
      withCustomFieldSchemas(
        document(),
        (await listCustomFields(serviceContext(c, deps), { includeArchived: false })).items,
      ),
    ),
  );
  api.route('/', docsRoutes());

  app.route('/api', api);
  if (deps.webRoot) serveWebApp(app, deps.webRoot);
  return app;
}

/**
 * The React app: hashed assets cached for a year, and every other non-API GET
 * answered with index.html so that /members/:id and friends are shareable URLs.
 */
function serveWebApp(app: OpenAPIHono<AppEnv>, webRoot: string) {
  // File names carry a content hash: a year of caching is safe.
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status !== 200) return;
    c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
    // serveStatic says Vary only when it picks a compressed file; a cache must
    // also know that an uncompressed answer depends on Accept-Encoding.
    if (!/accept-encoding/i.test(c.res.headers.get('Vary') ?? ''))
      c.res.headers.append('Vary', 'Accept-Encoding');
  });
  // The build writes .br and .gz beside each asset (scripts/build-web.mjs): sent
  // as they are, with the original file's Content-Type, when the browser accepts them.
  app.use('/assets/*', serveStatic({ root: webRoot, precompressed: true }));
  // A missing chunk (an old tab after a deploy) is a 404, not the HTML page.
  app.get('/assets/*', (c) => c.notFound());
  // The installable field app (issue 19, vite.config.ts): the manifest and the service worker
  // keep their names across builds, so they are revalidated on every fetch (no-cache: a new
  // build's worker is seen at once and never held by a cache); the icons for a day.
  const rootFile = (name: string, type: string, cacheControl: string) => async (c: Context) => {
    const body = await readFile(join(webRoot, name)).catch(() => undefined);
    if (!body) return c.notFound();
    c.header('Content-Type', type);
    c.header('Cache-Control', cacheControl);
    c.header('X-Content-Type-Options', 'nosniff');
    return c.body(body);
  };
  app.get('/manifest.webmanifest', rootFile('manifest.webmanifest', 'application/manifest+json', 'no-cache'));
  app.get('/sw.js', rootFile('sw.js', 'text/javascript; charset=utf-8', 'no-cache'));
  app.get('/icons/:name{[a-z0-9-]+\\.png}', (c) =>
    rootFile(`icons/${c.req.param('name')}`, 'image/png', 'public, max-age=86400')(c),
  );
  // The public survey answer page (/s/:token) is its own small entry (src/web/survey): a member
  // on a phone loads neither the staff app nor its libraries. The token is in the path: no
  // Referer carries it elsewhere, and no cache keeps the page.
  app.get('/s/*', async (c, next) => {
    if (!c.req.path.startsWith('/s/')) return next();
    c.header('Cache-Control', 'no-store');
    c.header('Content-Security-Policy', WEB_CSP);
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Robots-Tag', 'noindex, nofollow');
    return c.html(await readFile(join(webRoot, 'survey', 'index.html'), 'utf8'));
  });
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || c.req.path === '/api') return next();
    c.header('Cache-Control', 'no-cache');
    c.header('Content-Security-Policy', WEB_CSP);
    // Read per request (it is small and cached by the OS): a rebuilt app is served without a restart.
    return c.html(await readFile(join(webRoot, 'index.html'), 'utf8'));
  });
}

// Scripts only from this origin; inline style attributes are used for bar widths.
const WEB_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

export type App = ReturnType<typeof createApp>;
