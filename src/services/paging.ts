import { invalid } from '../core/errors';
import { decodeCursor, pageInfo } from '../db/queries/records';

export type PageQuery = { limit: number; offset?: number | undefined; cursor?: string | undefined };

/** Resolves `?cursor=` or `?offset=` into an offset; a forged cursor is a 400. */
export function resolvePage(query: PageQuery) {
  const offset = query.cursor !== undefined ? decodeCursor(query.cursor) : (query.offset ?? 0);
  if (offset === undefined) throw invalid({ cursor: 'is not a cursor this server issued' });
  return { limit: query.limit, offset };
}

/**
 * `{ items, total, nextCursor? }` (SPEC §6) from a page's rows and the total. A
 * capped total (`totalCapped`) is a lower bound: a full page then always has a next one to ask for.
 */
export function toPage<R extends { items: unknown[]; total: number; totalCapped?: boolean }>(
  page: { limit: number; offset: number },
  result: R,
) {
  const known = result.totalCapped ? Number.POSITIVE_INFINITY : result.total;
  return { ...result, ...pageInfo(page.offset, page.limit, result.items.length, known) };
}
