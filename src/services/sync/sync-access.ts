import { can } from '../../core/access/policy';
import { forbidden } from '../../core/errors';
import type { ServiceContext } from '../context';

/**
 * The field app (pack and sync) is for the roles that record in the field: reps, officers
 * and admins (`notes.create`). Executives read on the web and are answered 403 here.
 */
export function requireSyncUser(ctx: Pick<ServiceContext, 'actor'>) {
  if (!can(ctx.actor.role, 'notes.create')) throw forbidden('The field app is not available to your role');
}
