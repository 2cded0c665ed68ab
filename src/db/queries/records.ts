import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { notFound, staleVersion } from '../../core/errors';
import type { DbOrTx } from '../client';

type Versioned = PgTable & { id: PgColumn; version: PgColumn };

/**
 * Locks a record for the rest of the transaction and checks the version the
 * client read. Missing → 404, stale → 409: the caller writes nothing.
 */
export async function lockVersioned<T extends Versioned>(
  tx: DbOrTx,
  table: T,
  id: string,
  version: number,
  what: string,
  scope?: SQL,
): Promise<T['$inferSelect']> {
  const rows = await tx
    .select()
    .from(table as PgTable)
    .where(scope ? and(eq(table.id, id), scope) : eq(table.id, id))
    .for('update');
  const row = rows[0] as (T['$inferSelect'] & { version: number }) | undefined;
  if (!row) throw notFound(what);
  if (row.version !== version) throw staleVersion(row.version);
  return row;
}

/** The column values for a versioned update: bump version, stamp updatedAt. */
export function bump(table: Versioned, now: Date) {
  return { version: sql`${table.version} + 1`, updatedAt: now } as const;
}

/** Turns `undefined` (not given) into "leave alone" for a partial update. */
export function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** An opaque cursor for offset paging: clients pass back what they got. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number | undefined {
  if (!cursor) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^o:(\d{1,9})$/.exec(text);
  return match ? Number(match[1]) : undefined;
}

export function pageInfo(offset: number, limit: number, returned: number, total: number) {
  const next = offset + returned;
  return returned === limit && next < total ? { nextCursor: encodeCursor(next) } : {};
}

/** Escapes LIKE wildcards so a user's `%` or `_` is searched for literally. */
export function likeContains(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `execute` answers `{ rows }` on both drivers (PGlite and pg). */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
