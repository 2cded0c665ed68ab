import { eq } from 'drizzle-orm';
import type { UpdateImportMappingInput } from '../../core/import/api-schemas';
import type { ImportKind } from '../../core/import/types';
import { activeCustomFieldDefinitions } from '../../db/queries/custom-fields';
import { findImportMapping } from '../../db/queries/import-mappings';
import { bump, definedOnly, lockVersioned } from '../../db/queries/records';
import { importMappings } from '../../db/schema';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';
import { assertValidMapping } from './mapping-rules';

/** Renames or changes a saved mapping (send the version read: 409 when stale). */
export async function updateImportMapping(ctx: ServiceContext, id: string, input: UpdateImportMappingInput) {
  requirePermission(ctx, 'records.write');
  const { version, ...patch } = input;
  return ctx.db.transaction(async (tx) => {
    const current = await lockVersioned(tx, importMappings, id, version, 'Import mapping');
    if (patch.columns) {
      const entity = current.kind === 'members' ? 'member' : 'workplace';
      const customFields = await activeCustomFieldDefinitions(tx, entity);
      assertValidMapping(current.kind as ImportKind, patch.columns, 'columns', undefined, customFields);
    }
    await tx
      .update(importMappings)
      .set({ ...definedOnly(patch), ...bump(importMappings, ctx.now) })
      .where(eq(importMappings.id, id));
    return (await findImportMapping(tx, { id }))!;
  });
}
