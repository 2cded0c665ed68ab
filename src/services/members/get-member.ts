import { notFound } from '../../core/errors';
import { findMemberById } from '../../db/queries/members';
import { organizationToday, type ServiceContext } from '../context';

export async function getMember(ctx: ServiceContext, id: string) {
  const today = await organizationToday(ctx.db, ctx.now);
  const member = await findMemberById(ctx.db, id, today);
  if (!member) throw notFound('Member');
  return member;
}
