import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../env';
import { createRouter, jsonResponse } from '../openapi';

const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    database: z.enum(['pglite', 'postgres']),
    databaseState: z.enum(['up', 'down']).meta({
      description: 'down: the database did not answer `select 1` within 2 s (503: take the node out)',
    }),
  })
  .meta({ id: 'Health' });

/** A load balancer's check gives up after a few seconds: the answer comes sooner than the pool's connect timeout. */
export const HEALTH_DATABASE_TIMEOUT_MS = 2_000;

export function healthRoutes(deps: AppDeps) {
  return createRouter().openapi(
    createRoute({
      method: 'get',
      path: '/health',
      operationId: 'getHealth',
      tags: ['System'],
      summary: 'Liveness and database check (no sign-in needed)',
      security: [],
      responses: {
        200: jsonResponse(healthSchema, 'The server and its database answer'),
        503: jsonResponse(healthSchema, 'The database does not answer'),
      },
    }),
    async (c) => {
      const database = deps.database.kind;
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          deps.database.db.execute(sql`select 1`),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('timeout')), HEALTH_DATABASE_TIMEOUT_MS);
          }),
        ]);
        return c.json({ status: 'ok' as const, database, databaseState: 'up' as const }, 200);
      } catch {
        c.header('Retry-After', '5');
        return c.json({ status: 'degraded' as const, database, databaseState: 'down' as const }, 503);
      } finally {
        clearTimeout(timer);
      }
    },
  );
}
