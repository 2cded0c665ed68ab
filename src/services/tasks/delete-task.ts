import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors';
import { lockVersioned } from '../../db/queries/records';
import { tasks } from '../../db/schema';
import type { ServiceContext } from '../context';

/**
 * Deletes a manual task. A task made by a workflow rule is refused (409): its
 * once-key would be freed and the next sweep would create it again, so it is
 * completed (status done) instead.
 */
export async function deleteTask(ctx: ServiceContext, id: string, version: number) {
  await ctx.db.transaction(async (tx) => {
    const task = await lockVersioned(tx, tasks, id, version, 'Task');
    if (task.ruleId) {
      throw new AppError(
        'conflict',
        'A task made by a workflow rule cannot be deleted: mark it done instead (deleting it would let the rule create it again).',
        { ruleId: 'made by a workflow rule: complete the task instead of deleting it' },
      );
    }
    await tx.delete(tasks).where(eq(tasks.id, id));
  });
}
