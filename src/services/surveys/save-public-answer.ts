import { AppError } from '../../core/errors';
import type { SurveyAnswerInput } from '../../core/surveys/schemas';
import type { Db } from '../../db/client';
import { writeAnswer } from '../../db/queries/surveys';
import { answerOwner, openLink } from './public-link';
import { checkedAnswer, presentAnswer } from './shared';

/**
 * A member answers (or changes their answer) through their link, in one transaction of two
 * statements: the invitation is locked and read with its survey, the answer checked against the
 * survey (400 with fields), then the response upserted with its demands replaced and
 * answered_at set. A closed survey refuses (409
 * `survey_closed`) and nothing changes. Anonymous: kept under the owner key, no member, no
 * timestamp, no audit row. Answers the stored answer and the status.
 */
export async function savePublicAnswer(
  db: Db,
  token: string,
  input: SurveyAnswerInput,
  now: Date,
  secret: Buffer,
) {
  return db.transaction(async (tx) => {
    const { link, status } = await openLink(tx, token, now, true);
    if (status === 'closed')
      throw new AppError('survey_closed', 'The survey is closed; answers can no longer change');
    const answer = checkedAnswer(
      {
        demandIds: link.demandIds,
        rankTop: link.rankTop,
        questions: link.questions,
        freeTextLabel: link.freeTextLabel,
      },
      input,
    );
    const owner = answerOwner(link, secret);
    await writeAnswer(tx, {
      surveyId: link.surveyId,
      invitationId: link.invitationId,
      memberId: link.memberId,
      ownerKey: 'ownerKey' in owner ? owner.ownerKey : null,
      ranked: link.rankTop !== null,
      ...answer,
      channel: 'web',
      at: now,
    });
    return { answer: presentAnswer(answer), status };
  });
}
