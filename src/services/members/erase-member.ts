import { invalid, notFound } from '../../core/errors';
import { type ErasureInput, sameName } from '../../core/members/data-protection';
import { insertAuditEvents } from '../../db/queries/audit';
import { forgetLinkEventsOf, nameLinkSource } from '../../db/queries/demands';
import { deleteMemberData, lockMemberForErasure, redactAuditEntries } from '../../db/queries/member-data';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';

/**
 * Erasure (個人情報の消去, "right to be forgotten"): hard-deletes the member and all
 * their personal data — notes, cases and their events, engagement history, demand and handover links,
 * tasks about them; workplaces they represented lose their rep; their demand link events
 * (the demands' count history) stay without their id — then redacts the
 * audit entries about them and their notes, cases and tasks (the recorded values
 * become `{"erased": true}`; who did what and when stays). Last, an `erasure` event
 * that keeps no personal data: the record id, the counts, the actor and the time.
 * One transaction: all of it or nothing. The caller must type the member's name.
 *
 * Free text elsewhere that merely mentions the member (another member's note, a
 * demand's negotiation log, a handover note) is not theirs to erase and stays.
 */
export async function eraseMember(ctx: ServiceContext, memberId: string, input: ErasureInput) {
  requirePermission(ctx, 'admin');
  return ctx.db.transaction(async (tx) => {
    const member = await lockMemberForErasure(tx, memberId);
    if (!member) throw notFound('Member');
    if (!sameName(input.confirmName, member.name)) {
      throw invalid(
        { confirmName: 'does not match the member’s name' },
        'Type the member’s name to confirm the erasure. Nothing was erased.',
      );
    }
    // The link history keeps the demand counts' past: the member's unlinks are `removal`,
    // then every event of theirs loses the member id.
    await nameLinkSource(tx, 'removal');
    const { counts, recordIds } = await deleteMemberData(tx, memberId, ctx.now);
    await nameLinkSource(tx, null);
    await forgetLinkEventsOf(tx, memberId);
    const auditEntriesRedacted = await redactAuditEntries(tx, [memberId, ...recordIds]);
    await insertAuditEvents(tx, [
      {
        at: ctx.now,
        actorId: ctx.actor.id,
        action: 'erasure',
        tableName: 'members',
        recordId: memberId,
        details: { removed: counts, auditEntriesRedacted },
      },
    ]);
    return { memberId, erasedAt: ctx.now, removed: counts, auditEntriesRedacted };
  });
}
