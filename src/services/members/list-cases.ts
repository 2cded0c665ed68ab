import { findCases } from '../../db/queries/member-records';
import { auditSensitiveReads, reachableMember, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { type PageQuery, resolvePage, toPage } from '../paging';

/**
 * A member's cases as the actor may see them: sensitive ones only with
 * `cases.sensitive` (items and total alike), each one shown recorded in the audit log.
 */
export async function listCases(ctx: ServiceContext, memberId: string, query: PageQuery) {
  const scope = scopeOf(ctx);
  await reachableMember(ctx.db, scope, memberId);
  const page = resolvePage(query);
  const result = await findCases(ctx.db, memberId, page, scope);
  await auditSensitiveReads(
    ctx,
    result.items.filter((c) => c.sensitive),
    'cases',
  );
  return toPage(page, result);
}
