import { subMonths } from 'date-fns';
import type { Briefing } from '../../db/queries/handover';
import { auditSensitiveReads } from '../access';
import type { ServiceContext } from '../context';

/** The engagement trend of a briefing covers the last 12 months. */
export const briefingSince = (now: Date) => subMonths(now, 12);

/** Records the sensitive cases the briefings showed (one audit row per case). */
export async function auditBriefingReads(ctx: ServiceContext, briefings: readonly Briefing[]) {
  const shown = briefings.flatMap((b) =>
    b.openCases.filter((c) => c.sensitive).map((c) => ({ id: c.id, memberId: b.member.id })),
  );
  if (shown.length) await auditSensitiveReads(ctx, shown, 'briefing');
}
