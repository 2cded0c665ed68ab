import { notFound } from '../../core/errors';
import { findWorkplaceById } from '../../db/queries/workplaces';
import type { ServiceContext } from '../context';

export async function getWorkplace(ctx: ServiceContext, id: string) {
  const workplace = await findWorkplaceById(ctx.db, id);
  if (!workplace) throw notFound('Workplace');
  return workplace;
}
