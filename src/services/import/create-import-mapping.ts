import type { CreateImportMappingInput } from '../../core/import/api-schemas';
import { activeCustomFieldDefinitions } from '../../db/queries/custom-fields';
import { findImportMapping } from '../../db/queries/import-mappings';
import { importMappings } from '../../db/schema';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';
import { assertValidMapping } from './mapping-rules';

/** Saves a named column mapping; a name already used for the kind → 409 on `name`. */
export async function createImportMapping(ctx: ServiceContext, input: CreateImportMappingInput) {
  requirePermission(ctx, 'records.write');
  const customFields = await activeCustomFieldDefinitions(
    ctx.db,
    input.kind === 'members' ? 'member' : 'workplace',
  );
  assertValidMapping(input.kind, input.columns, 'columns', undefined, customFields);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(importMappings)
      .values({
        kind: input.kind,
        name: input.name,
        columns: input.columns,
        createdBy: ctx.actor.id,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning({ id: importMappings.id });
    return (await findImportMapping(tx, { id: row!.id }))!;
  });
}
