import { eq } from 'drizzle-orm';
import { lockVersioned } from '../../db/queries/records';
import { importMappings } from '../../db/schema';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';

/** Deletes a saved mapping (send the version read: 409 when stale). */
export async function deleteImportMapping(ctx: ServiceContext, id: string, version: number) {
  requirePermission(ctx, 'records.write');
  await ctx.db.transaction(async (tx) => {
    await lockVersioned(tx, importMappings, id, version, 'Import mapping');
    await tx.delete(importMappings).where(eq(importMappings.id, id));
  });
}
