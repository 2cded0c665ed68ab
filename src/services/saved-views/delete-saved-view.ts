import { eq } from 'drizzle-orm';
import { savedViews } from '../../db/schema';
import type { ServiceContext } from '../context';
import { lockView } from './lock-view';

/** Deletes a view: its owner, or an admin when the view is shared (send the `version` you read). */
export async function deleteSavedView(ctx: ServiceContext, id: string, version: number) {
  await ctx.db.transaction(async (tx) => {
    await lockView(tx, ctx.actor, id, version, 'delete');
    await tx.delete(savedViews).where(eq(savedViews.id, id));
  });
}
