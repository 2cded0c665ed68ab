import type { CreateSavedViewInput } from '../../core/saved-views/schemas';
import { findViewById } from '../../db/queries/saved-views';
import { savedViews } from '../../db/schema';
import type { ServiceContext } from '../context';
import { presentViews } from './present-view';

/** Saves a list's state under a name for the signed-in user (any role), private or shared with roles. */
export async function createSavedView(ctx: ServiceContext, input: CreateSavedViewInput) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(savedViews)
      .values({
        ownerId: ctx.actor.id,
        name: input.name,
        list: input.list,
        state: input.state,
        sharedRoles: input.sharedRoles ?? [],
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning({ id: savedViews.id });
    if (!row) throw new Error('insert returned no row');
    const [view] = await presentViews(tx, ctx.actor, [(await findViewById(tx, row.id))!]);
    return view!;
  });
}
