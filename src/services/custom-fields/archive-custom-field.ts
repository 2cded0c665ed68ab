import { eq } from 'drizzle-orm';
import { notFound } from '../../core/errors';
import { findCustomFieldById } from '../../db/queries/custom-fields';
import { bump } from '../../db/queries/records';
import { customFields } from '../../db/schema';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';

/** Archives or restores a field (shared by archive and restore). */
export async function setArchived(ctx: ServiceContext, id: string, archived: boolean) {
  requirePermission(ctx, 'admin');
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.select().from(customFields).where(eq(customFields.id, id)).for('update');
    const current = rows[0];
    if (!current) throw notFound('Custom field');
    // Already in the asked state: nothing to write (a repeated click is not a change).
    if ((current.archivedAt !== null) !== archived) {
      await tx
        .update(customFields)
        .set({ archivedAt: archived ? ctx.now : null, ...bump(customFields, ctx.now) })
        .where(eq(customFields.id, id));
    }
    return (await findCustomFieldById(tx, id))!;
  });
}

/**
 * Deletes a field by archiving it (`admin`): records keep its values, hidden from every
 * answer, filter, form, export and import until it is restored.
 */
export function archiveCustomField(ctx: ServiceContext, id: string) {
  return setArchived(ctx, id, true);
}
