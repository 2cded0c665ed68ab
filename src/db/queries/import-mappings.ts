import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { MappingKind } from '../../core/import/types';
import type { DbOrTx } from '../client';
import { importMappings } from '../schema';

const columns = {
  id: importMappings.id,
  kind: importMappings.kind,
  name: importMappings.name,
  columns: importMappings.columns,
  createdBy: importMappings.createdBy,
  createdAt: importMappings.createdAt,
  updatedAt: importMappings.updatedAt,
  version: importMappings.version,
};

export type ImportMappingRow = {
  id: string;
  kind: MappingKind;
  name: string;
  columns: Record<string, string | null>;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
};

function where(filter: { kind?: MappingKind | undefined; id?: string; name?: string }): SQL | undefined {
  return and(
    filter.kind ? eq(importMappings.kind, filter.kind) : undefined,
    filter.id ? eq(importMappings.id, filter.id) : undefined,
    filter.name !== undefined ? eq(importMappings.name, filter.name) : undefined,
  );
}

/** Saved mappings, by kind then name (kana order). */
export async function listImportMappingRows(db: DbOrTx, kind?: MappingKind): Promise<ImportMappingRow[]> {
  return (await db
    .select(columns)
    .from(importMappings)
    .where(where({ kind }))
    .orderBy(asc(importMappings.kind), sql`${importMappings.name} COLLATE "C"`)) as ImportMappingRow[];
}

export async function findImportMapping(
  db: DbOrTx,
  filter: { id: string } | { kind: MappingKind; name: string },
): Promise<ImportMappingRow | undefined> {
  const [row] = await db.select(columns).from(importMappings).where(where(filter)).limit(1);
  return row as ImportMappingRow | undefined;
}
