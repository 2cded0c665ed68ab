import type { Context } from 'hono';
import type { ServiceContext } from '../services/context';
import type { AppDeps, AppEnv } from './env';

/** The service context of a request: database, the signed-in actor, the clock. */
export function serviceContext(c: Context<AppEnv>, deps: AppDeps): ServiceContext {
  return { db: deps.database.db, actor: c.get('actor'), now: (deps.now ?? (() => new Date()))() };
}
