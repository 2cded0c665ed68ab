import { eq } from 'drizzle-orm';
import { can } from '../../core/access/policy';
import { forbidden, notFound, outOfScope, staleVersion } from '../../core/errors';
import type { DbOrTx } from '../../db/client';
import { savedViews } from '../../db/schema';
import type { ServiceContext } from '../context';

/**
 * Locks a view for a change, in this order: a view the user cannot see is a 404 (as a
 * missing one: another's private view does not exist for them); one they see but may not
 * change is a 403 — only the owner changes a view, and an admin may delete any shared
 * one; then a stale version is a 409. Nothing is written before.
 */
export async function lockView(
  tx: DbOrTx,
  actor: ServiceContext['actor'],
  id: string,
  version: number,
  action: 'update' | 'delete',
) {
  const [row] = await tx.select().from(savedViews).where(eq(savedViews.id, id)).for('update');
  if (!row) throw notFound('Saved view');
  const own = row.ownerId === actor.id;
  const shared = row.sharedRoles.length > 0;
  const admin = can(actor.role, 'admin');
  const visible = own || (admin && shared) || row.sharedRoles.includes(actor.role);
  if (!visible) throw outOfScope('Saved view');
  const allowed = own || (action === 'delete' && admin && shared);
  if (!allowed) throw forbidden('Only the owner of a saved view may change it');
  if (row.version !== version) throw staleVersion(row.version);
  return row;
}
