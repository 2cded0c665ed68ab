import { findTaskById } from '../../db/queries/tasks';
import { scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { visibleTask } from './task-access';

/** One task, if the actor may see it (404 otherwise, like a missing one). */
export async function getTask(ctx: ServiceContext, id: string) {
  const scope = scopeOf(ctx);
  return visibleTask(ctx.db, scope, await findTaskById(ctx.db, id, scope));
}
