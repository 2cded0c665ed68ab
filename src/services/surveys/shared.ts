import type { Scope } from '../../core/access/policy';
import { can, type Permission } from '../../core/access/policy';
import { todayIn } from '../../core/common/dates';
import { STORABLE_TEXT } from '../../core/common/schemas';
import { forbidden, invalid, notFound } from '../../core/errors';
import {
  answerErrors,
  type SurveyAnswerInput,
  type SurveyAnswerRules,
  surveyStatus,
} from '../../core/surveys/schemas';
import type { DbOrTx, Tx } from '../../db/client';
import { insertAuditEvents } from '../../db/queries/audit';
import { findSettings } from '../../db/queries/settings';
import {
  findInvitationsByIds,
  findSurveyById,
  lockInvitation,
  type SurveyRow,
} from '../../db/queries/surveys';
import { requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { presentInvitation } from './list-invitations';

/** What links need: the server secret and where the page is served (KUMIAI_PUBLIC_URL or the request's origin). */
export type SurveyKeys = { secret: Buffer; linkBase: string };

/** 403 unless the actor's role has one of the permissions. */
export function requireAnyPermission(ctx: Pick<ServiceContext, 'actor'>, ...permissions: Permission[]) {
  if (!permissions.some((p) => can(ctx.actor.role, p))) throw forbidden();
}

/** The organization's today (its time zone). */
export async function todayOf(db: DbOrTx, now: Date): Promise<string> {
  return todayIn((await findSettings(db)).timezone, now);
}

/** A survey row as the API shows it (SurveyOutput). */
export function presentSurvey(row: SurveyRow, today: string) {
  return {
    id: row.id,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
    title: row.title,
    seasonId: row.seasonId,
    seasonName: row.seasonName,
    anonymous: row.anonymous,
    rankTop: row.rankTop,
    freeText: row.freeTextLabel !== null,
    freeTextLabel: row.freeTextLabel,
    questions: row.questions,
    demands: row.demands,
    closesOn: row.closesOn,
    closedAt: row.closedAt,
    status: surveyStatus(row, today),
    invited: row.invited,
    answered: row.answered,
    editable: row.editable,
  };
}

/** The survey as the API shows it, or 404. */
export async function loadSurvey(db: DbOrTx, id: string, scope: Scope, now: Date) {
  const row = await findSurveyById(db, id, scope);
  if (!row) throw notFound('Survey');
  return presentSurvey(row, await todayOf(db, now));
}

/**
 * An answer checked against its survey: 400 with field messages (shape already checked by
 * zod), else the answer as it is stored — empty answers dropped, an empty free text null,
 * the demands of an unranked survey in the survey's order.
 */
export function checkedAnswer(survey: SurveyAnswerRules, answer: SurveyAnswerInput) {
  const errors: Record<string, string> = answerErrors(survey, answer) ?? {};
  // Text PostgreSQL cannot store (NUL, a lone surrogate) in a short-text or option answer.
  for (const [key, value] of Object.entries(answer.answers ?? {})) {
    const texts = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
    if (texts.some((t) => !STORABLE_TEXT.test(t)) || !STORABLE_TEXT.test(key))
      errors[`answers.${key}`] ??= 'must not contain NUL characters or unpaired surrogates';
  }
  if (Object.keys(errors).length > 0) throw invalid(errors);
  const answers: Record<string, unknown> = {};
  for (const q of survey.questions) {
    const value = answer.answers?.[q.id];
    const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    if (!empty) answers[q.id] = value;
  }
  const freeText = answer.freeText?.trim() ? answer.freeText.trim() : null;
  // Ranked: the order is the answer; unranked: a set, kept (and shown) in the survey's order.
  const order = new Map(survey.demandIds.map((id, n) => [id, n]));
  const demandIds =
    survey.rankTop === null
      ? [...answer.demandIds].sort((a, b) => order.get(a)! - order.get(b)!)
      : [...answer.demandIds];
  return { demandIds, freeText, answers };
}

/** The stored answer as the API shows it. */
export function presentAnswer(a: {
  demandIds: string[];
  freeText: string | null;
  answers: Record<string, unknown>;
}) {
  return { demandIds: a.demandIds, freeText: a.freeText, answers: a.answers };
}

/**
 * Changes one member's link (revoke or reissue, done by `apply` in the transaction): the
 * invitation is locked within the actor's scope (404 outside it or in another survey), one
 * `survey_link` audit event records the change, and the invitation is returned as the API
 * shows it. Needs `surveys.write`.
 */
export async function changeInvitationLink(
  ctx: ServiceContext,
  surveyId: string,
  invitationId: string,
  keys: SurveyKeys,
  change: 'revoke' | 'reissue',
  apply: (tx: Tx) => Promise<unknown>,
) {
  requirePermission(ctx, 'surveys.write');
  return ctx.db.transaction(async (tx) => {
    const invitation = await lockInvitation(tx, surveyId, invitationId, scopeOf(ctx));
    if (!invitation) throw notFound('Invitation');
    await apply(tx);
    await insertAuditEvents(tx, [
      {
        at: ctx.now,
        actorId: ctx.actor.id,
        action: 'survey_link',
        tableName: 'surveys',
        recordId: surveyId,
        subjectId: invitation.memberId,
        details: { change, invitationId },
      },
    ]);
    const [row] = await findInvitationsByIds(tx, [invitationId]);
    return presentInvitation(row!, keys);
  });
}
