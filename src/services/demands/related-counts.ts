import type { Scope } from '../../core/access/policy';
import { countRelatedMembers } from '../../db/queries/demands';
import type { ServiceContext } from '../context';
import { cachedFigures, figuresScopeKey } from '../figures-cache';

/**
 * Every demand's relatedMemberCount for the scope, once per state of the data:
 * a count over all links (1.5 million in a federation) per page view otherwise.
 * Reads only: a write's transaction must count its own change (the cache
 * cannot see it until the commit moves the data version).
 */
export function relatedCountsOf(ctx: ServiceContext, scope: Scope) {
  return cachedFigures(ctx.db, `demandCounts|${figuresScopeKey(scope)}`, () =>
    countRelatedMembers(ctx.db, scope),
  );
}
