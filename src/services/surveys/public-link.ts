import { todayIn } from '../../core/common/dates';
import { AppError } from '../../core/errors';
import { surveyStatus } from '../../core/surveys/schemas';
import type { DbOrTx } from '../../db/client';
import { findLink, type LinkRow } from '../../db/queries/surveys';
import { isTokenShaped, ownerKeyOf, tokenHashOf } from './tokens';

/**
 * The one answer for every link that does not work — malformed, unknown, revoked, of a
 * member who left or was erased, of a deleted survey — so a link tells nothing about why.
 */
export const deadLink = () => new AppError('not_found', 'This survey link is not valid');

/** The live invitation behind a token with its survey and status, else 404 (deadLink). */
export async function openLink(db: DbOrTx, token: string, now: Date, lock = false) {
  if (!isTokenShaped(token)) throw deadLink();
  const link = await findLink(db, tokenHashOf(token), lock);
  if (!link) throw deadLink();
  return { link, status: surveyStatus(link, todayIn(link.timezone, now)) };
}

/** Whose answer a link reads and writes: the member (identified) or the invitation's owner key (anonymous). */
export function answerOwner(link: LinkRow, secret: Buffer): { memberId: string } | { ownerKey: string } {
  return link.anonymous ? { ownerKey: ownerKeyOf(secret, link.invitationId) } : { memberId: link.memberId };
}
