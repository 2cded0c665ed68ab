import { and, eq, sql } from 'drizzle-orm';
import type { CreateCustomFieldInput } from '../../core/custom-fields/schemas';
import { AppError } from '../../core/errors';
import { findCustomFieldById } from '../../db/queries/custom-fields';
import { customFields } from '../../db/schema';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';

/** A key already taken for the entity (archived fields keep theirs: their values are stored under it). */
export const keyTaken = () =>
  new AppError('conflict', 'key is already in use', {
    key: 'is already in use (an archived field may hold it: restore that one)',
  });

/**
 * Defines a field (`admin`). Without a position it goes last. The key is unique per entity
 * (archived fields included) and never changes.
 */
export async function createCustomField(ctx: ServiceContext, input: CreateCustomFieldInput) {
  requirePermission(ctx, 'admin');
  return ctx.db.transaction(async (tx) => {
    const clash = await tx
      .select({ id: customFields.id })
      .from(customFields)
      .where(and(eq(customFields.entity, input.entity), eq(customFields.key, input.key)));
    if (clash.length) throw keyTaken();
    let position = input.position;
    if (position === undefined) {
      const [row] = await tx
        .select({ next: sql<number>`coalesce(max(${customFields.position}) + 1, 0)::int` })
        .from(customFields)
        .where(eq(customFields.entity, input.entity));
      position = Math.min(row?.next ?? 0, 100_000);
    }
    const [row] = await tx
      .insert(customFields)
      .values({
        entity: input.entity,
        key: input.key,
        labelJa: input.labelJa,
        labelEn: input.labelEn,
        type: input.type,
        options: input.options ?? [],
        required: input.required,
        position,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning({ id: customFields.id });
    return (await findCustomFieldById(tx, row!.id))!;
  });
}
