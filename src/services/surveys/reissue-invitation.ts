import { reissueInvitation } from '../../db/queries/surveys';
import type { ServiceContext } from '../context';
import { changeInvitationLink, type SurveyKeys } from './shared';
import { newLink } from './tokens';

/**
 * Gives a member a new link (a new nonce): the old one answers 404 from now on, a revoked
 * invitation is live again. The answer already given stays with the invitation (the new link
 * shows and replaces it). One `survey_link` audit event. Needs `surveys.write`.
 */
export function reissueSurveyInvitation(
  ctx: ServiceContext,
  surveyId: string,
  invitationId: string,
  keys: SurveyKeys,
) {
  return changeInvitationLink(ctx, surveyId, invitationId, keys, 'reissue', (tx) =>
    reissueInvitation(tx, invitationId, newLink(keys.secret)),
  );
}
