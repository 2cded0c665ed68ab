import { findTaskById } from '../../db/queries/tasks';
import { type ServiceContext, scopeOfContext } from '../context';
import { visibleTask } from './task-access';

/** One task, if the actor may see it (404 otherwise, like a missing one). */
export async function getTask(ctx: ServiceContext, id: string) {
  const scope = scopeOfContext(ctx);
  return visibleTask(scope, await findTaskById(ctx.db, id, scope));
}
