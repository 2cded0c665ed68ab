import type { ListCustomFieldsQuery } from '../../core/custom-fields/schemas';
import { findCustomFields } from '../../db/queries/custom-fields';
import type { ServiceContext } from '../context';

/** The definitions (every signed-in staff role reads them: forms, columns and filters need them). */
export async function listCustomFields(ctx: ServiceContext, query: ListCustomFieldsQuery) {
  return { items: await findCustomFields(ctx.db, query) };
}
