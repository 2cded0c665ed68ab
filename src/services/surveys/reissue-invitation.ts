import { notFound } from '../../core/errors';
import { insertAuditEvents } from '../../db/queries/audit';
import { findInvitationsByIds, lockInvitation, reissueInvitation } from '../../db/queries/surveys';
import { requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { presentInvitation } from './list-invitations';
import type { SurveyKeys } from './shared';
import { newLink } from './tokens';

/**
 * Gives a member a new link (a new nonce): the old one answers 404 from now on, a revoked
 * invitation is live again. The answer already given stays with the invitation (the new link
 * shows and replaces it). One `survey_link` audit event. Needs `surveys.write`.
 */
export async function reissueSurveyInvitation(
  ctx: ServiceContext,
  surveyId: string,
  invitationId: string,
  keys: SurveyKeys,
) {
  requirePermission(ctx, 'surveys.write');
  return ctx.db.transaction(async (tx) => {
    const invitation = await lockInvitation(tx, surveyId, invitationId, scopeOf(ctx));
    if (!invitation) throw notFound('Invitation');
    await reissueInvitation(tx, invitationId, newLink(keys.secret));
    await insertAuditEvents(tx, [
      {
        at: ctx.now,
        actorId: ctx.actor.id,
        action: 'survey_link',
        tableName: 'surveys',
        recordId: surveyId,
        subjectId: invitation.memberId,
        details: { change: 'reissue', invitationId },
      },
    ]);
    const [row] = await findInvitationsByIds(tx, [invitationId]);
    return presentInvitation(row!, keys);
  });
}
