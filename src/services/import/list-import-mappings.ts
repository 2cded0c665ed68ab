import type { MappingKind } from '../../core/import/types';
import { listImportMappingRows } from '../../db/queries/import-mappings';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';

/** Saved column mappings (those who may import: `records.write`). */
export async function listImportMappings(ctx: ServiceContext, query: { kind?: MappingKind | undefined }) {
  requirePermission(ctx, 'records.write');
  const items = await listImportMappingRows(ctx.db, query.kind);
  return { items, total: items.length };
}
