import type { Context } from 'hono';
import { actingAs } from '../db/acting';
import type { ServiceContext } from '../services/context';
import type { AppDeps, AppEnv } from './env';

/**
 * The service context of a request: database, the signed-in actor, the clock.
 * Transactions opened through `db` are attributed to the actor in the audit log.
 */
export function serviceContext(c: Context<AppEnv>, deps: AppDeps): ServiceContext {
  const actor = c.get('actor');
  const now = (deps.now ?? (() => new Date()))();
  return { db: actingAs(deps.database.db, actor.id, now), actor, now };
}
