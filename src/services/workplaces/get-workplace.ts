import { workplaceInScope } from '../../core/access/policy';
import { notFound, outOfScope } from '../../core/errors';
import { findWorkplaceById } from '../../db/queries/workplaces';
import { scopeOf } from '../access';
import type { ServiceContext } from '../context';

/** One workplace; a rep's out-of-scope workplace answers 404 like a missing one. */
export async function getWorkplace(ctx: ServiceContext, id: string) {
  const scope = scopeOf(ctx);
  const workplace = await findWorkplaceById(ctx.db, id, scope);
  if (!workplace) throw notFound('Workplace');
  if (!workplaceInScope(scope, workplace.id)) throw outOfScope('Workplace');
  return workplace;
}
