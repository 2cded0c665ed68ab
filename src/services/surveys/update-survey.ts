import { eq } from 'drizzle-orm';
import { AppError, invalid } from '../../core/errors';
import { surveyStatus, type UpdateSurveyInput, withQuestionIds } from '../../core/surveys/schemas';
import { bump, lockVersioned } from '../../db/queries/records';
import { setSurveyDemands, surveyHasResponses, unknownDemandIds } from '../../db/queries/surveys';
import { surveys } from '../../db/schema';
import { requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { freeTextLabelOf } from './create-survey';
import { loadSurvey, todayOf } from './shared';

/** Fields that only change while nobody has answered. */
const CONTENT_FIELDS = ['anonymous', 'demandIds', 'freeText', 'questions', 'rankTop'] as const;

/**
 * Changes a survey (send the version you read). Title, season and closing day always;
 * `closed: true` closes it now, `closed: false` reopens it (open again through closesOn).
 * Demands, questions, rankTop, free text and anonymity only while nobody has answered:
 * 409 otherwise, nothing written. A closed anonymous survey with answers cannot reopen (by
 * `closed: false` or a later closesOn): its figures are shown once closed
 * (core/surveys/disclosure.ts). Needs `surveys.write`.
 */
export async function updateSurvey(ctx: ServiceContext, id: string, input: UpdateSurveyInput) {
  requirePermission(ctx, 'surveys.write');
  const { version, closed, demandIds, freeText, questions, ...rest } = input;
  return ctx.db.transaction(async (tx) => {
    const current = await lockVersioned(tx, surveys, id, version, 'Survey');
    const changesContent = CONTENT_FIELDS.some((field) => input[field] !== undefined);
    if (changesContent && (await surveyHasResponses(tx, id))) {
      throw new AppError(
        'conflict',
        'Members have answered: the demands, questions and anonymity of this survey can no longer change',
        Object.fromEntries(
          CONTENT_FIELDS.filter((f) => input[f] !== undefined).map((f) => [f, 'cannot change after answers']),
        ),
      );
    }
    if (demandIds && (await unknownDemandIds(tx, demandIds)).length > 0)
      throw invalid({ demandIds: 'must be existing demands' });
    const patch: Partial<typeof surveys.$inferInsert> = {};
    if (rest.title !== undefined) patch.title = rest.title;
    if (rest.seasonId !== undefined) patch.seasonId = rest.seasonId;
    if (rest.anonymous !== undefined) patch.anonymous = rest.anonymous;
    if (rest.rankTop !== undefined) patch.rankTop = rest.rankTop;
    if (rest.closesOn !== undefined) patch.closesOn = rest.closesOn;
    if (freeText !== undefined) patch.freeTextLabel = freeTextLabelOf(freeText);
    if (questions !== undefined) patch.questions = withQuestionIds(questions);
    if (closed === true && current.closedAt === null) patch.closedAt = ctx.now;
    if (closed === false) patch.closedAt = null;
    if (current.anonymous) {
      const today = await todayOf(tx, ctx.now);
      const wasClosed = surveyStatus(current, today) === 'closed';
      const willOpen =
        surveyStatus(
          {
            closesOn: patch.closesOn ?? current.closesOn,
            closedAt: patch.closedAt !== undefined ? patch.closedAt : current.closedAt,
          },
          today,
        ) === 'open';
      if (wasClosed && willOpen && (await surveyHasResponses(tx, id)))
        throw new AppError(
          'conflict',
          'A closed anonymous survey cannot reopen: its results are shown, and the figures after a new answer would show what that member chose',
          { [closed === false ? 'closed' : 'closesOn']: 'a closed anonymous survey stays closed' },
        );
    }
    await tx
      .update(surveys)
      .set({ ...patch, ...bump(surveys, ctx.now) })
      .where(eq(surveys.id, id));
    if (demandIds) await setSurveyDemands(tx, id, demandIds);
    return loadSurvey(tx, id, scopeOf(ctx), ctx.now);
  });
}
