import { AppError, notFound } from '../../core/errors';
import { type SurveyAnswerInput, type SurveyQuestion, surveyStatus } from '../../core/surveys/schemas';
import { insertAuditEvents } from '../../db/queries/audit';
import {
  findMemberStatus,
  findSurveyDemandIds,
  insertInvitations,
  lockMemberInvitation,
  lockSurvey,
  writeAnswer,
} from '../../db/queries/surveys';
import { reachableMember, requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { checkedAnswer, presentAnswer, todayOf } from './shared';
import { newLink, ownerKeyOf } from './tokens';

/**
 * Enters a member's paper answer (channel `paper`), replacing any earlier answer of the
 * member (web or paper). A member not invited yet is invited (a link is made) first. The
 * survey must be open (409 `survey_closed`) and the member reachable and still a member
 * (404 / 409). In an anonymous survey the answer is kept like a web one: under the
 * invitation's owner key, nothing tying it to the member. One `survey_answer` audit event
 * that says a paper answer was entered, never what it says. Needs `surveys.track`.
 */
export async function savePaperAnswer(
  ctx: ServiceContext,
  surveyId: string,
  memberId: string,
  input: SurveyAnswerInput,
  secret: Buffer,
) {
  requirePermission(ctx, 'surveys.track');
  return ctx.db.transaction(async (tx) => {
    const survey = await lockSurvey(tx, surveyId);
    if (!survey) throw notFound('Survey');
    await reachableMember(tx, scopeOf(ctx), memberId);
    const status = surveyStatus(survey, await todayOf(tx, ctx.now));
    if (status === 'closed') throw new AppError('survey_closed', 'The survey is closed');
    const member = await findMemberStatus(tx, memberId);
    if (!member?.invitable)
      throw new AppError('conflict', 'The member has left or is not a union member', {
        memberId: 'cannot answer',
      });
    const answer = checkedAnswer(
      {
        demandIds: await findSurveyDemandIds(tx, surveyId),
        rankTop: survey.rankTop,
        questions: survey.questions as SurveyQuestion[],
        freeTextLabel: survey.freeTextLabel,
      },
      input,
    );
    let invitation = await lockMemberInvitation(tx, surveyId, memberId);
    if (!invitation) {
      await insertInvitations(tx, surveyId, [{ memberId, ...newLink(secret) }], ctx.now);
      invitation = await lockMemberInvitation(tx, surveyId, memberId);
    }
    await writeAnswer(tx, {
      surveyId,
      invitationId: invitation!.id,
      memberId,
      ownerKey: survey.anonymous ? ownerKeyOf(secret, invitation!.id) : null,
      ranked: survey.rankTop !== null,
      ...answer,
      channel: 'paper',
      at: ctx.now,
    });
    await insertAuditEvents(tx, [
      {
        at: ctx.now,
        actorId: ctx.actor.id,
        action: 'survey_answer',
        tableName: 'surveys',
        recordId: surveyId,
        subjectId: memberId,
        details: { channel: 'paper' },
      },
    ]);
    return { answer: presentAnswer(answer), status };
  });
}
