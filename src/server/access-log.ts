import { randomUUID } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env';
import type { Log } from './logger';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * One log record per request: its id (also sent as X-Request-Id, and in a 500's body, so a
 * user's report finds the record), method, path, status and time. Never the query string,
 * which may hold a searched name, nor headers. The path is the client's, decoded: it is a
 * field of a JSON record, so a `%0a` in it is written `\n` and cannot start a forged line.
 * A personal survey link's token is a credential: `/s/<token>` and `/api/public/surveys/<token>…`
 * are logged with `:token` in its place (loggedPath).
 */
export function accessLog(log: Log) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    const reqId = randomUUID();
    c.set('requestId', reqId);
    await next();
    c.res.headers.set(REQUEST_ID_HEADER, reqId);
    log('info', 'request', {
      reqId,
      method: c.req.method,
      path: loggedPath(c.req.path),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });
}

/** Survey links carry their token in the path: never write it to a log. */
const TOKEN_PATHS = /^(\/s\/|\/api\/public\/surveys\/)[^/]*/;

export function loggedPath(path: string): string {
  return path.replace(TOKEN_PATHS, '$1:token');
}
