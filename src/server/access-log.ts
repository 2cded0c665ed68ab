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
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });
}
