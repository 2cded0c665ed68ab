import { notFound } from '../../core/errors';
import { findTaskById } from '../../db/queries/tasks';
import type { ServiceContext } from '../context';

export async function getTask(ctx: ServiceContext, id: string) {
  const task = await findTaskById(ctx.db, id);
  if (!task) throw notFound('Task');
  return task;
}
