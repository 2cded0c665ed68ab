import { notFound } from '../../core/errors';
import { findInvitations, findSurveyRecord, type InvitationRow } from '../../db/queries/surveys';
import { requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { type PageQuery, resolvePage, toPage } from '../paging';
import type { SurveyKeys } from './shared';
import { linkOf } from './tokens';

/** An invitation as the API shows it: its link, or null when revoked or the member can no longer answer. */
export function presentInvitation(row: InvitationRow, keys: SurveyKeys) {
  return {
    id: row.id,
    memberId: row.memberId,
    memberName: row.memberName,
    memberNameKana: row.memberNameKana,
    employeeNumber: row.employeeNumber,
    workplaceId: row.workplaceId,
    workplaceName: row.workplaceName,
    link: row.revoked || !row.active ? null : linkOf(keys.linkBase, keys.secret, row.nonce),
    answered: row.answered,
    revoked: row.revoked,
  };
}

/**
 * A page of a survey's invitations with their links, in slip order (workplace kana, then
 * member kana); `workplaceId`, `answered` filter. Within the scope (a rep: the members of the
 * rep's workplaces, to hand out slips). Needs `surveys.track`.
 */
export async function listInvitations(
  ctx: ServiceContext,
  surveyId: string,
  query: PageQuery & { workplaceId?: string | undefined; answered?: boolean | undefined },
  keys: SurveyKeys,
) {
  requirePermission(ctx, 'surveys.track');
  if (!(await findSurveyRecord(ctx.db, surveyId))) throw notFound('Survey');
  const page = resolvePage(query);
  const result = await findInvitations(
    ctx.db,
    surveyId,
    scopeOf(ctx),
    { workplaceId: query.workplaceId, answered: query.answered },
    page,
  );
  return toPage(page, { items: result.items.map((r) => presentInvitation(r, keys)), total: result.total });
}
