import { notFound } from '../../core/errors';
import { assertFiguresShown } from '../../core/surveys/disclosure';
import { assembleResults } from '../../core/surveys/results';
import { type SurveyQuestion, type SurveyResults, withQuestionIds } from '../../core/surveys/schemas';
import {
  findSurveyResultsHead,
  surveyBreakdownCells,
  surveyDemandFigures,
  surveyQuestionFigures,
  withoutJit,
} from '../../db/queries/survey-results';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';
import { todayOf } from './shared';

/**
 * A survey's results (GET /api/surveys/:id/results): organization-wide aggregates for the
 * roles that read surveys (admins, officers, executives; none of them is workplace-scoped).
 * No figure names a member; an anonymous survey's breakdowns hide groups and cells smaller
 * than settings.survey_min_cell, and the cells that would reveal them from the totals; its
 * figures are withheld (409 results_withheld) while it is open or below k respondents
 * (core/surveys/disclosure.ts).
 * Four statements (and JIT off) in one read-only snapshot, whatever the number of answers.
 */
export async function getSurveyResults(ctx: ServiceContext, surveyId: string): Promise<SurveyResults> {
  requirePermission(ctx, 'surveys.read');
  return ctx.db.transaction(
    async (tx) => {
      await withoutJit(tx);
      const head = await findSurveyResultsHead(tx, surveyId);
      if (!head) throw notFound('Survey');
      assertFiguresShown(head, await todayOf(tx, ctx.now));
      const questions = withQuestionIds((head.questions ?? []) as SurveyQuestion[]);
      const counted = questions.filter((q) => q.kind !== 'text').map((q) => q.id);
      const demands = await surveyDemandFigures(tx, surveyId);
      const cells = await surveyBreakdownCells(tx, surveyId);
      const questionFigures = questions.length
        ? await surveyQuestionFigures(
            tx,
            surveyId,
            questions.map((q) => q.id),
            counted,
          )
        : [];
      return assembleResults({
        survey: { ...head, questions },
        demands,
        cells,
        questions: questionFigures,
      });
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
