import { notFound } from '../../core/errors';
import { findBriefings } from '../../db/queries/handover';
import { reachableMember, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { auditBriefingReads, briefingSince } from './briefing-window';

/**
 * 引き継ぎ資料 of one member: basics, engagement now and over the last 12
 * months, open cases (sensitive ones only for those allowed, and their reading
 * audited), the latest consultations, concerns, next action, linked demands and
 * the open tasks the actor can see. 404 for a member out of reach.
 */
export async function getMemberBriefing(ctx: ServiceContext, memberId: string) {
  const scope = scopeOf(ctx);
  await reachableMember(ctx.db, scope, memberId);
  const [briefing] = await findBriefings(ctx.db, scope, [memberId], briefingSince(ctx.now));
  // Deleted between the check and the read: as if it never existed.
  if (!briefing) throw notFound('Member');
  await auditBriefingReads(ctx, [briefing]);
  return briefing;
}
