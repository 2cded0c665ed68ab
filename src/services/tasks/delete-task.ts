import { eq } from 'drizzle-orm';
import { lockVersioned } from '../../db/queries/records';
import { tasks } from '../../db/schema';
import type { ServiceContext } from '../context';

export async function deleteTask(ctx: ServiceContext, id: string, version: number) {
  await ctx.db.transaction(async (tx) => {
    await lockVersioned(tx, tasks, id, version, 'Task');
    await tx.delete(tasks).where(eq(tasks.id, id));
  });
}
