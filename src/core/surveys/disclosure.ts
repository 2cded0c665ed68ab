import { AppError } from '../errors';
import { type SurveyStatus, surveyStatus } from './schemas';

/**
 * When an anonymous survey's answers may be shown (results, their exports, free text, a
 * demand's survey support). Response tracking says, live, who has answered; if figures moved
 * live too, two readings a moment apart would show what the member who answered in between
 * chose. So an anonymous survey's figures are shown only once it is closed (answers can no
 * longer change, and a closed anonymous survey cannot be reopened) and only when at least k
 * (settings.survey_min_cell) members answered: with fewer, the survey-wide counts are the
 * small cell. Identified surveys are shown at any time to those who may read them.
 */
export type Withheld = 'open' | 'too_few_respondents';

export function anonymousFiguresWithheld(survey: {
  anonymous: boolean;
  status: SurveyStatus;
  respondents: number;
  minCell: number;
}): Withheld | null {
  if (!survey.anonymous) return null;
  if (survey.status === 'open') return 'open';
  if (survey.respondents < survey.minCell) return 'too_few_respondents';
  return null;
}

/** 409 results_withheld, with the reason in details (the web app explains it). */
export function assertFiguresShown(
  survey: {
    anonymous: boolean;
    closesOn: string;
    closedAt: Date | string | null;
    respondents: number;
    minCell: number;
  },
  today: string,
): void {
  const reason = anonymousFiguresWithheld({ ...survey, status: surveyStatus(survey, today) });
  if (reason === null) return;
  throw new AppError(
    'results_withheld',
    reason === 'open'
      ? 'An anonymous survey shows its results once it is closed.'
      : `An anonymous survey shows its results only when at least ${survey.minCell} members answered.`,
    undefined,
    { reason, minCell: survey.minCell },
  );
}
