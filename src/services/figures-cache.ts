import type { Scope } from '../core/access/policy';
import type { Db, DbOrTx } from '../db/client';
import { readDashboardsVersion } from '../db/queries/data-versions';
import { foldFigureCounts } from '../db/queries/figure-counts';

/**
 * Dashboard figures, computed once per state of the data. Each figure is a
 * scan of the union (a million members take seconds); the data they read
 * changes far less often than officers look. The key holds the data version
 * (a counter moved at the commit of every change to the tables the figures
 * read, migration 0014) read *before* computing, so an entry is never older
 * than its key: a change committed meanwhile only makes a newer key miss.
 * Entries are per database (several test apps share a process) and per whole
 * question: which figures, for which scope, as of which day.
 */
const MAX_ENTRIES = 64;
const caches = new WeakMap<object, Map<string, Promise<unknown>>>();

/** The database's own client (the pg Pool or PGlite), the same behind every actingAs wrapper. */
function identityOf(db: DbOrTx): object {
  return ((db as Db & { $client?: object }).$client ?? db) as object;
}

export async function cachedFigures<T>(db: DbOrTx, question: string, compute: () => Promise<T>): Promise<T> {
  let cache = caches.get(identityOf(db));
  if (!cache) {
    cache = new Map();
    caches.set(identityOf(db), cache);
  }
  const key = `${await readDashboardsVersion(db)}|${question}`;
  const hit = cache.get(key) as Promise<T> | undefined;
  if (hit) {
    // Most recently used last: Map keeps insertion order, so the first entry is the one to evict.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  // Concurrent requests for the same figures share one computation; a failure is not kept.
  // The figure counters' deltas are folded first, so the sums read few delta rows.
  const pending = foldFigureCounts(db).then(compute);
  cache.set(key, pending);
  pending.catch(() => cache.delete(key));
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return pending;
}

/** What of a scope the figures depend on: the workplaces it covers, whether sensitive cases count, whose members (mine). */
export function figuresScopeKey(scope: Scope & { ownerId?: string | undefined }): string {
  const workplaces = scope.workplaceIds === null ? '*' : [...scope.workplaceIds].sort().join(',');
  // 自分の担当だけ: the owner is part of the question (one user's figures are not another's).
  return `${workplaces}|${scope.sensitiveCases ? 's' : '-'}|${scope.ownerId ?? '*'}`;
}
