import { invalid, notFound } from '../../core/errors';
import type { CreateInvitationsInput } from '../../core/surveys/schemas';
import { insertAuditEvents } from '../../db/queries/audit';
import {
  findMembersToInvite,
  insertInvitations,
  lockSurvey,
  unknownWorkplaceIds,
} from '../../db/queries/surveys';
import { requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { newLink } from './tokens';

/**
 * Invites the active members (not organizing targets) of the given workplaces, or every one
 * in the actor's scope, who are not invited yet: each gets a personal link (a random nonce;
 * its token's hash is stored, never the token). The members are chosen in one statement,
 * the links made in Node and inserted in batches of INVITE_BATCH, all in one transaction;
 * one `invite` audit event with the count. Answers `{ invited }` (those newly invited).
 */
export async function inviteMembers(
  ctx: ServiceContext,
  surveyId: string,
  input: CreateInvitationsInput,
  secret: Buffer,
) {
  requirePermission(ctx, 'surveys.write');
  const scope = scopeOf(ctx);
  const workplaceIds = input.workplaceIds ? [...new Set(input.workplaceIds)] : undefined;
  return ctx.db.transaction(async (tx) => {
    if (!(await lockSurvey(tx, surveyId))) throw notFound('Survey');
    if (workplaceIds && (await unknownWorkplaceIds(tx, workplaceIds)).length > 0)
      throw invalid({ workplaceIds: 'must be existing workplaces' });
    const memberIds = await findMembersToInvite(tx, surveyId, scope, workplaceIds);
    const rows = memberIds.map((memberId) => ({ memberId, ...newLink(secret) }));
    const invited = await insertInvitations(tx, surveyId, rows, ctx.now);
    await insertAuditEvents(tx, [
      {
        at: ctx.now,
        actorId: ctx.actor.id,
        action: 'invite',
        tableName: 'surveys',
        recordId: surveyId,
        subjectId: surveyId,
        details: { invited, ...(workplaceIds ? { workplaces: workplaceIds.length } : {}) },
      },
    ]);
    return { invited };
  });
}
