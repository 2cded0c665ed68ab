import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../env';
import { createRouter, jsonResponse } from '../openapi';

const healthSchema = z
  .object({ status: z.enum(['ok', 'degraded']), database: z.enum(['pglite', 'postgres']) })
  .meta({ id: 'Health' });

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
      try {
        await deps.database.db.execute(sql`select 1`);
        return c.json({ status: 'ok' as const, database }, 200);
      } catch {
        return c.json({ status: 'degraded' as const, database }, 503);
      }
    },
  );
}
