import type { CreateWorkplaceInput } from '../../core/workplaces/schemas';
import { findWorkplaceById } from '../../db/queries/workplaces';
import { atmosphereHistory, workplaces } from '../../db/schema';
import { assertOwnerSees, requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { customFieldWrite } from '../custom-fields/custom-field-values';

/**
 * Needs `records.write` (admins and officers; 403 for executives and reps). A rep
 * cannot own a new workplace (no rep covers it yet: 400 on ownerId).
 */
export async function createWorkplace(ctx: ServiceContext, input: CreateWorkplaceInput) {
  requirePermission(ctx, 'records.write');
  const { atmosphereReason, customFields: customFieldsInput, ...fields } = input;
  return ctx.db.transaction(async (tx) => {
    await assertOwnerSees(tx, fields.ownerId, { type: 'workplace', workplaceId: null });
    const customFields = await customFieldWrite(tx, 'workplace', customFieldsInput, { creating: true });
    const [row] = await tx
      .insert(workplaces)
      .values({
        ...fields,
        ...(customFields ? { customFields } : {}),
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning({ id: workplaces.id });
    if (!row) throw new Error('insert returned no row');
    // The initial atmosphere is history too: the workplace's story starts here.
    await tx.insert(atmosphereHistory).values({
      workplaceId: row.id,
      from: null,
      to: fields.atmosphere,
      changedAt: ctx.now,
      changedBy: ctx.actor.id,
      reason: atmosphereReason ?? null,
    });
    return (await findWorkplaceById(tx, row.id, scopeOf(ctx)))!;
  });
}
