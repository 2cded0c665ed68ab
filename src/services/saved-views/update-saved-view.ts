import { eq } from 'drizzle-orm';
import type { UpdateSavedViewInput } from '../../core/saved-views/schemas';
import { bump, definedOnly } from '../../db/queries/records';
import { findViewById } from '../../db/queries/saved-views';
import { savedViews } from '../../db/schema';
import type { ServiceContext } from '../context';
import { lockView } from './lock-view';
import { presentViews } from './present-view';

/** Renames a view, replaces its state or its sharing (owner only; send the `version` you read). */
export async function updateSavedView(ctx: ServiceContext, id: string, input: UpdateSavedViewInput) {
  const { version, ...patch } = input;
  return ctx.db.transaction(async (tx) => {
    await lockView(tx, ctx.actor, id, version, 'update');
    await tx
      .update(savedViews)
      .set({ ...definedOnly(patch), ...bump(savedViews, ctx.now) })
      .where(eq(savedViews.id, id));
    const [view] = await presentViews(tx, ctx.actor, [(await findViewById(tx, id))!]);
    return view!;
  });
}
