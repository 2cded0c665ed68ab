import { z } from 'zod';
import { enumOf, pagingQuery, uuid } from '../common/schemas';
import { SURVEY_STATUSES } from './schemas';

// Queries and outputs of the staff survey routes beyond the contract in schemas.ts.

export const listSurveysQuery = pagingQuery.extend({
  season: z
    .union([uuid, z.enum(['all', 'none'])])
    .optional()
    .meta({ description: 'A season id, `none` (without a season) or `all` (default)' }),
});

const answeredFlag = z
  .enum(['true', 'false'], { message: 'must be true or false' })
  .transform((v) => v === 'true')
  .optional();

export const listInvitationsQuery = pagingQuery.extend({
  workplaceId: uuid.optional().meta({ description: 'Only the members of this workplace' }),
  answered: answeredFlag.meta({ description: 'true: answered only; false: not answered only' }),
});

export const invitationsCsvQuery = z.object({
  workplaceId: uuid.optional().meta({ description: 'Only the members of this workplace' }),
});

export const nonrespondentsQuery = pagingQuery.extend({
  workplaceId: uuid.optional().meta({ description: 'Only the members of this workplace' }),
});

export const nonrespondentOutput = z
  .object({
    id: z.string().meta({ description: 'The member' }),
    name: z.string(),
    nameKana: z.string().nullable(),
    workplaceId: z.string().nullable(),
    workplaceName: z.string().nullable(),
    invitationId: z.string(),
  })
  .meta({ id: 'SurveyNonrespondent' });

const storedAnswer = z.object({
  demandIds: z.array(z.string()),
  freeText: z.string().nullable(),
  answers: z.record(z.string(), z.unknown()),
});

export const paperAnswerOutput = z
  .object({
    answer: storedAnswer
      .extend({ channel: z.enum(['web', 'paper']) })
      .nullable()
      .meta({ description: "The member's answer, or null" }),
  })
  .meta({ id: 'SurveyMemberAnswer' });

/** PUT answers (public link or paper): the answer as stored, and the survey's status. */
export const answerSavedOutput = z
  .object({ answer: storedAnswer, status: enumOf(SURVEY_STATUSES) })
  .meta({ id: 'SurveyAnswerSaved' });

export const surveySupportOutput = z
  .array(
    z.object({
      surveyId: z.string(),
      title: z.string(),
      anonymous: z.boolean(),
      status: enumOf(SURVEY_STATUSES),
      respondents: z.number().int(),
      count: z
        .number()
        .int()
        .nullable()
        .meta({ description: 'Respondents who chose this demand; null while withheld (anonymous surveys)' }),
      withheld: z.enum(['open', 'too_few_respondents']).nullable().meta({
        description:
          'Why an anonymous survey does not show its count yet: still open, or fewer respondents than the small-cell setting',
      }),
    }),
  )
  .meta({ id: 'DemandSurveySupport' });
