import { invalid } from '../core/errors';
import { decodeCursor, pageInfo } from '../db/queries/records';

export type PageQuery = { limit: number; offset?: number | undefined; cursor?: string | undefined };

/** Resolves `?cursor=` or `?offset=` into an offset; a forged cursor is a 400. */
export function resolvePage(query: PageQuery) {
  const offset = query.cursor !== undefined ? decodeCursor(query.cursor) : (query.offset ?? 0);
  if (offset === undefined) throw invalid({ cursor: 'is not a cursor this server issued' });
  return { limit: query.limit, offset };
}

/** `{ items, total, nextCursor? }` (SPEC §6) from a page's rows and the total. */
export function toPage<T>(page: { limit: number; offset: number }, result: { items: T[]; total: number }) {
  return { ...result, ...pageInfo(page.offset, page.limit, result.items.length, result.total) };
}
