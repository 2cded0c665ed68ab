import { z } from 'zod';
import { dateOut, recordOutput, timestampOut } from '../common/output';
import { enumOf, optionalId, plainDate, requiredText, text, uuid, versionField } from '../common/schemas';

// The demand survey 要求アンケート (issue 15 §3). The contract other clients rely on:
//   POST /api/surveys { title, seasonId?, anonymous, demandIds, freeText, questions?, closesOn }
//   GET/PATCH /api/surveys/:id, POST /api/surveys/:id/invitations { workplaceIds? } → { invited },
//   GET /api/surveys/:id/invitations.csv, GET /api/surveys/:id/results, POST /api/surveys/:id/apply,
//   GET /api/public/surveys/:token, PUT /api/public/surveys/:token/answer { demandIds, freeText?, answers? }.

/** The free-text question's default wording. */
export const DEFAULT_FREE_TEXT_LABEL = 'その他の要求・職場の悩み';
/** Breakdowns of an anonymous survey hide groups and cells smaller than this (a setting; default). */
export const DEFAULT_MIN_CELL = 5;
export const SURVEY_MAX_DEMANDS = 50;
export const SURVEY_MAX_QUESTIONS = 10;
export const SURVEY_MAX_OPTIONS = 20;
export const FREE_TEXT_MAX = 4000;
export const SHORT_TEXT_MAX = 500;

export const QUESTION_KINDS = ['single', 'multiple', 'scale', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/**
 * An optional question beyond the demands: single or multiple choice (options), a 1–5 scale, or
 * short text. `id` is stable (answers are keyed by it); the server assigns q1, q2… when omitted.
 */
export const surveyQuestion = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,31}$/, { message: 'must be a short lowercase key' })
      .optional(),
    kind: enumOf(QUESTION_KINDS),
    label: requiredText(500),
    options: z
      .array(requiredText(200))
      .max(SURVEY_MAX_OPTIONS, { message: `must have at most ${SURVEY_MAX_OPTIONS} options` })
      .optional(),
    required: z.boolean().default(false),
  })
  .superRefine((q, ctx) => {
    const choice = q.kind === 'single' || q.kind === 'multiple';
    if (choice && (q.options?.length ?? 0) < 2) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'a choice question needs at least 2 options',
      });
    }
    if (!choice && q.options !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'only choice questions have options' });
    }
    if (q.options && new Set(q.options).size !== q.options.length) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'options must be different' });
    }
  })
  .meta({ id: 'SurveyQuestion' });
export type SurveyQuestionInput = z.input<typeof surveyQuestion>;
export type SurveyQuestion = z.infer<typeof surveyQuestion> & { id: string };

const demandIdList = z
  .array(uuid)
  .min(1, { message: 'must offer at least one demand' })
  .max(SURVEY_MAX_DEMANDS, { message: `must offer at most ${SURVEY_MAX_DEMANDS} demands` })
  .refine((ids) => new Set(ids).size === ids.length, { message: 'must not repeat a demand' })
  .meta({ description: 'The demands to choose from, in the order shown' });

/** true: the default question 「その他の要求・職場の悩み」; a string: that wording; false or null: none. */
const freeTextField = z
  .union([z.boolean(), requiredText(200)])
  .nullable()
  .meta({
    description:
      'The free-text question: true (「その他の要求・職場の悩み」), its own wording, or false/null for none',
  });

const questionList = z
  .array(surveyQuestion)
  .max(SURVEY_MAX_QUESTIONS, { message: `must have at most ${SURVEY_MAX_QUESTIONS} questions` });

const rankTopField = z
  .number()
  .int()
  .min(2, { message: 'must be between 2 and 5' })
  .max(5, { message: 'must be between 2 and 5' })
  .nullable()
  .meta({ description: 'null: choose any number of demands; n: rank your top n (e.g. 3)' });

export const createSurveySchema = z
  .strictObject({
    title: requiredText(200).meta({ example: '2027春闘 要求アンケート' }),
    seasonId: optionalId.meta({
      description: 'The season; omitted: the current season (if any); null: none',
    }),
    anonymous: z.boolean(),
    demandIds: demandIdList,
    freeText: freeTextField,
    questions: questionList.optional(),
    rankTop: rankTopField.optional(),
    closesOn: plainDate.meta({ description: 'The last day answers are taken (organization time zone)' }),
  })
  .superRefine((v, ctx) => checkQuestionIds(v.questions, ctx))
  .meta({ id: 'SurveyCreate' });
export type CreateSurveyInput = z.infer<typeof createSurveySchema>;

/**
 * Title and closing day can always change; `closed: true` closes now. Demands, free text,
 * questions, rankTop and anonymity can change only while nobody has answered (409 otherwise).
 */
export const updateSurveySchema = z
  .strictObject({
    title: requiredText(200).optional(),
    seasonId: optionalId,
    anonymous: z.boolean().optional(),
    demandIds: demandIdList.optional(),
    freeText: freeTextField.optional(),
    questions: questionList.optional(),
    rankTop: rankTopField.optional(),
    closesOn: plainDate.optional(),
    closed: z.boolean().optional().meta({ description: 'true: close now; false: reopen (until closesOn)' }),
    version: versionField,
  })
  .superRefine((v, ctx) => checkQuestionIds(v.questions, ctx))
  .meta({ id: 'SurveyUpdate' });
export type UpdateSurveyInput = z.infer<typeof updateSurveySchema>;

function checkQuestionIds(questions: SurveyQuestionInput[] | undefined, ctx: z.RefinementCtx): void {
  const ids = (questions ?? []).map((q) => q.id).filter((id): id is string => id !== undefined);
  if (new Set(ids).size !== ids.length) {
    ctx.addIssue({ code: 'custom', path: ['questions'], message: 'question ids must be different' });
  }
}

/** Gives every question an id (q1, q2… not already taken), so answers can be keyed by it. */
export function withQuestionIds(questions: SurveyQuestionInput[]): SurveyQuestion[] {
  const taken = new Set(questions.map((q) => q.id).filter(Boolean));
  let n = 0;
  return questions.map((q) => {
    if (q.id) return { ...q, required: q.required ?? false } as SurveyQuestion;
    let id: string;
    do id = `q${++n}`;
    while (taken.has(id));
    taken.add(id);
    return { ...q, id, required: q.required ?? false } as SurveyQuestion;
  });
}

export const SURVEY_STATUSES = ['open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

/** Open through `closesOn` (organization's today), unless closed early. */
export function surveyStatus(
  survey: { closesOn: string; closedAt: Date | string | null },
  today: string,
): SurveyStatus {
  return survey.closedAt !== null || today > survey.closesOn ? 'closed' : 'open';
}

export const createInvitationsSchema = z
  .strictObject({
    workplaceIds: z.array(uuid).max(10_000).optional().meta({
      description: 'Invite the active members of these workplaces; omitted: every active member in scope',
    }),
  })
  .meta({ id: 'SurveyInvitationsCreate' });
export type CreateInvitationsInput = z.infer<typeof createInvitationsSchema>;

/** An answer: the demands chosen (in rank order when the survey ranks), free text, the other questions. */
export const surveyAnswerSchema = z
  .strictObject({
    demandIds: z
      .array(uuid)
      .max(SURVEY_MAX_DEMANDS)
      .meta({ description: 'Chosen demands; in rank order when ranked' }),
    freeText: text()
      .max(FREE_TEXT_MAX, { message: `must be at most ${FREE_TEXT_MAX} characters` })
      .nullable()
      .optional(),
    // Text PostgreSQL can store (no NUL, no half surrogate pair), keys and values alike.
    answers: z
      .record(
        text().max(32),
        z.union([
          text().max(SHORT_TEXT_MAX, { message: `must be at most ${SHORT_TEXT_MAX} characters` }),
          z.number().int(),
          z.array(text().max(200)).max(SURVEY_MAX_OPTIONS),
        ]),
      )
      .optional()
      .meta({ description: 'By question id: an option (single), options (multiple), 1–5 (scale), text' }),
  })
  .meta({ id: 'SurveyAnswerInput' });
export type SurveyAnswerInput = z.infer<typeof surveyAnswerSchema>;

/** What of a survey an answer is checked against (answerErrors) and normalized by. */
export type SurveyAnswerRules = {
  demandIds: readonly string[];
  rankTop: number | null;
  questions: readonly SurveyQuestion[];
  freeTextLabel: string | null;
};

/**
 * Checks an answer against its survey (the zod schema checks its shape): demands offered,
 * no repeats, at most rankTop when ranked, options that exist, scale 1–5, required questions.
 * Returns field errors (path → message) or null.
 */
export function answerErrors(
  survey: SurveyAnswerRules,
  answer: SurveyAnswerInput,
): Record<string, string> | null {
  const errors: Record<string, string> = {};
  const offered = new Set(survey.demandIds);
  if (new Set(answer.demandIds).size !== answer.demandIds.length)
    errors.demandIds = 'must not repeat a demand';
  else if (answer.demandIds.some((id) => !offered.has(id)))
    errors.demandIds = 'must be demands this survey offers';
  else if (survey.rankTop !== null && answer.demandIds.length > survey.rankTop)
    errors.demandIds = `must choose at most ${survey.rankTop}`;
  if (survey.freeTextLabel === null && answer.freeText)
    errors.freeText = 'this survey has no free-text question';
  const byId = new Map(survey.questions.map((q) => [q.id, q]));
  for (const key of Object.keys(answer.answers ?? {})) {
    if (!byId.has(key)) errors[`answers.${key}`] = 'is not a question of this survey';
  }
  for (const q of survey.questions) {
    const value = answer.answers?.[q.id];
    const path = `answers.${q.id}`;
    const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty) {
      if (q.required) errors[path] = 'is required';
      continue;
    }
    const options = q.options ?? [];
    if (q.kind === 'single' && !(typeof value === 'string' && options.includes(value)))
      errors[path] = 'must be one of the options';
    if (
      q.kind === 'multiple' &&
      !(
        Array.isArray(value) &&
        new Set(value).size === value.length &&
        value.every((v) => options.includes(v))
      )
    )
      errors[path] = 'must be options of this question';
    if (q.kind === 'scale' && !(typeof value === 'number' && value >= 1 && value <= 5))
      errors[path] = 'must be 1 to 5';
    if (q.kind === 'text' && typeof value !== 'string') errors[path] = 'must be text';
  }
  return Object.keys(errors).length ? errors : null;
}

// ------------------------------------------------------------------ outputs

export const surveyOutput = z
  .object({
    ...recordOutput,
    title: z.string(),
    seasonId: z.string().nullable(),
    seasonName: z.string().nullable(),
    anonymous: z.boolean(),
    rankTop: z.number().int().nullable(),
    freeText: z.boolean().meta({ description: 'Whether the survey asks the free-text question' }),
    freeTextLabel: z.string().nullable(),
    questions: z.array(
      z.object({
        id: z.string(),
        kind: enumOf(QUESTION_KINDS),
        label: z.string(),
        options: z.array(z.string()).optional(),
        required: z.boolean(),
      }),
    ),
    demands: z.array(z.object({ id: z.string(), title: z.string() })),
    closesOn: dateOut,
    closedAt: timestampOut.nullable(),
    status: enumOf(SURVEY_STATUSES),
    invited: z.number().int().meta({ description: 'Members invited (within your scope)' }),
    answered: z.number().int().meta({ description: 'Invited members who have answered (within your scope)' }),
    editable: z
      .boolean()
      .meta({ description: 'Demands and questions can still change (nobody has answered)' }),
  })
  .meta({ id: 'Survey' });
export type SurveyOutput = z.infer<typeof surveyOutput>;

export const invitationsCreatedOutput = z
  .object({ invited: z.number().int().meta({ description: 'Members newly invited' }) })
  .meta({ id: 'SurveyInvitationsCreated' });

/** One invitation with its personal link (for slips; GET /api/surveys/:id/invitations). */
export const invitationOutput = z
  .object({
    id: z.string(),
    memberId: z.string(),
    memberName: z.string(),
    memberNameKana: z.string().nullable(),
    employeeNumber: z.string().nullable(),
    workplaceId: z.string().nullable(),
    workplaceName: z.string().nullable(),
    link: z
      .string()
      .nullable()
      .meta({ description: 'The personal link; null when revoked or the member has left' }),
    answered: z.boolean(),
    revoked: z.boolean(),
  })
  .meta({ id: 'SurveyInvitation' });

/** Response rate per workplace (live); `answered` never says what anyone answered. */
export const surveyProgressOutput = z
  .object({
    invited: z.number().int(),
    answered: z.number().int(),
    workplaces: z.array(
      z.object({
        workplaceId: z.string().nullable(),
        workplaceName: z.string().nullable(),
        invited: z.number().int(),
        answered: z.number().int(),
        rate: z.number().meta({ description: 'answered / invited, 0–1' }),
      }),
    ),
  })
  .meta({ id: 'SurveyProgress' });

/** A cell of a breakdown: null when hidden by the small-cell rule of an anonymous survey. */
const cell = z.number().int().nullable();

export const BREAKDOWN_DIMENSIONS = ['workplace', 'jobType', 'grade', 'unionRole'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export const surveyResultsOutput = z
  .object({
    surveyId: z.string(),
    anonymous: z.boolean(),
    minCell: z
      .number()
      .int()
      .meta({ description: 'Groups and cells below this are hidden (anonymous surveys)' }),
    invited: z.number().int(),
    respondents: z.number().int(),
    demands: z.array(
      z.object({
        demandId: z.string(),
        title: z.string(),
        count: z.number().int(),
        share: z.number().meta({ description: 'count / respondents, 0–1' }),
        rank: z.number().int().meta({
          description:
            'Place in the ranking (1 = most chosen; a ranked survey: most points, then most chosen); equal figures share a place',
        }),
        firstChoice: z.number().int().nullable().meta({ description: 'Ranked surveys: chosen first' }),
        points: z
          .number()
          .int()
          .nullable()
          .meta({ description: 'Ranked surveys: n points for first, n−1 for second…' }),
      }),
    ),
    breakdowns: z.record(
      enumOf(BREAKDOWN_DIMENSIONS),
      z.array(
        z.object({
          key: z.string().nullable(),
          label: z.string().nullable(),
          respondents: cell,
          counts: z.record(z.string(), cell).meta({ description: 'By demand id' }),
          hidden: z.boolean(),
        }),
      ),
    ),
    questions: z.array(
      z.object({
        id: z.string(),
        kind: enumOf(QUESTION_KINDS),
        label: z.string(),
        answered: z.number().int(),
        options: z.array(z.object({ option: z.string(), count: z.number().int() })).optional(),
        scale: z.array(z.object({ value: z.number().int(), count: z.number().int() })).optional(),
        mean: z.number().nullable().optional(),
      }),
    ),
    freeTextCount: z.number().int(),
  })
  .meta({ id: 'SurveyResults' });
export type SurveyResults = z.infer<typeof surveyResultsOutput>;

export const applyResultOutput = z
  .object({
    linked: z.number().int().meta({ description: 'New member–demand links (source: survey); 0 on a repeat' }),
    members: z.number().int().meta({ description: 'Respondents whose choices were applied' }),
  })
  .meta({ id: 'SurveyApplied' });

/** What the public page shows: never anything about another member. */
export const publicSurveyOutput = z
  .object({
    organizationName: z.string(),
    title: z.string(),
    anonymous: z.boolean(),
    status: enumOf(SURVEY_STATUSES),
    closesOn: dateOut,
    rankTop: z.number().int().nullable(),
    freeTextLabel: z.string().nullable(),
    demands: z.array(z.object({ id: z.string(), title: z.string(), description: z.string().nullable() })),
    questions: surveyOutput.shape.questions,
    answer: z
      .object({
        demandIds: z.array(z.string()),
        freeText: z.string().nullable(),
        answers: z.record(z.string(), z.unknown()),
      })
      .nullable()
      .meta({ description: "This link's current answer, or null" }),
  })
  .meta({ id: 'PublicSurvey' });
export type PublicSurvey = z.infer<typeof publicSurveyOutput>;

/** GET /api/surveys/:id/free-text: the free-text answers (identified: with the member; anonymous: the text alone). */
export const surveyFreeTextOutput = z
  .object({
    items: z.array(
      z.object({
        text: z.string(),
        memberId: z
          .string()
          .nullable()
          .meta({ description: 'Identified surveys: who wrote it; anonymous: null' }),
        memberName: z.string().nullable(),
      }),
    ),
    total: z.number().int(),
    nextCursor: z.string().optional(),
  })
  .meta({ id: 'SurveyFreeText' });
export type SurveyFreeText = z.infer<typeof surveyFreeTextOutput>;
