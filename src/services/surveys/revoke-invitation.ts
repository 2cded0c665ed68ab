import { revokeInvitation } from '../../db/queries/surveys';
import type { ServiceContext } from '../context';
import { changeInvitationLink, type SurveyKeys } from './shared';

/**
 * Revokes a member's link: it answers 404 from now on (an answer already given stays).
 * Idempotent. One `survey_link` audit event. Needs `surveys.write`.
 */
export function revokeSurveyInvitation(
  ctx: ServiceContext,
  surveyId: string,
  invitationId: string,
  keys: SurveyKeys,
) {
  return changeInvitationLink(ctx, surveyId, invitationId, keys, 'revoke', (tx) =>
    revokeInvitation(tx, invitationId, ctx.now),
  );
}
