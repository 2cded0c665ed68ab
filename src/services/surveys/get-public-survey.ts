import type { Db } from '../../db/client';
import { findAnswer, findOfferedDemands } from '../../db/queries/surveys';
import { answerOwner, openLink } from './public-link';
import { presentAnswer } from './shared';

/**
 * What a member's link shows (no staff sign-in): the union's name, the survey's questions,
 * whether answers are anonymous, its status, and this link's current answer. Nothing about
 * any other member. 404 (one body) for a link that does not work. Three indexed reads.
 */
export async function getPublicSurvey(db: Db, token: string, now: Date, secret: Buffer) {
  const { link, status } = await openLink(db, token, now);
  const [demands, answer] = await Promise.all([
    findOfferedDemands(db, link.surveyId),
    findAnswer(db, link.surveyId, answerOwner(link, secret)),
  ]);
  return {
    organizationName: link.organizationName,
    title: link.title,
    anonymous: link.anonymous,
    status,
    closesOn: link.closesOn,
    rankTop: link.rankTop,
    freeTextLabel: link.freeTextLabel,
    demands,
    questions: link.questions,
    answer: answer && presentAnswer(answer),
  };
}
