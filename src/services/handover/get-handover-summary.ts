import type { HandoverSummaryQuery } from '../../core/handover/schemas';
import { findHandoverSummary } from '../../db/queries/handover';
import { auditSensitiveReads, scopeOf } from '../access';
import { organizationToday, type ServiceContext } from '../context';
import { getHandover } from './get-handover';

/**
 * The first page of a handover's printed briefing: the moved members at risk
 * (脱退リスクあり) with their next step, the open cases (overdue first) and the
 * next actions due (overdue first), as the actor may see them. Sensitive cases
 * it shows are recorded as read, once each.
 */
export async function getHandoverSummary(
  ctx: ServiceContext,
  handoverId: string,
  query: HandoverSummaryQuery,
) {
  await getHandover(ctx, handoverId);
  const today = await organizationToday(ctx.db, ctx.now);
  const summary = await findHandoverSummary(ctx.db, scopeOf(ctx), handoverId, today, query.limit);
  await auditSensitiveReads(
    ctx,
    summary.openCases.items.filter((c) => c.sensitive).map((c) => ({ id: c.caseId, memberId: c.memberId })),
    'handover_summary',
  );
  return { today, ...summary };
}
