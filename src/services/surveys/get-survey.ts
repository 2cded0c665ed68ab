import { scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { loadSurvey, requireAnyPermission } from './shared';

/** One survey; every role (its invited/answered counts are the scope's). 404 when there is none. */
export async function getSurvey(ctx: ServiceContext, id: string) {
  requireAnyPermission(ctx, 'surveys.read', 'surveys.track');
  return loadSurvey(ctx.db, id, scopeOf(ctx), ctx.now);
}
