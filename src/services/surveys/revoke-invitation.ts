import { notFound } from '../../core/errors';
import { insertAuditEvents } from '../../db/queries/audit';
import { findInvitationsByIds, lockInvitation, revokeInvitation } from '../../db/queries/surveys';
import { requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { presentInvitation } from './list-invitations';
import type { SurveyKeys } from './shared';

/**
 * Revokes a member's link: it answers 404 from now on (an answer already given stays).
 * Idempotent. One `survey_link` audit event. Needs `surveys.write`.
 */
export async function revokeSurveyInvitation(
  ctx: ServiceContext,
  surveyId: string,
  invitationId: string,
  keys: SurveyKeys,
) {
  requirePermission(ctx, 'surveys.write');
  return ctx.db.transaction(async (tx) => {
    const invitation = await lockInvitation(tx, surveyId, invitationId, scopeOf(ctx));
    if (!invitation) throw notFound('Invitation');
    await revokeInvitation(tx, invitationId, ctx.now);
    await insertAuditEvents(tx, [
      {
        at: ctx.now,
        actorId: ctx.actor.id,
        action: 'survey_link',
        tableName: 'surveys',
        recordId: surveyId,
        subjectId: invitation.memberId,
        details: { change: 'revoke', invitationId },
      },
    ]);
    const [row] = await findInvitationsByIds(tx, [invitationId]);
    return presentInvitation(row!, keys);
  });
}
