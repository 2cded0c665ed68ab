import { eq } from 'drizzle-orm';
import { optionErrors, type UpdateCustomFieldInput } from '../../core/custom-fields/schemas';
import { invalid } from '../../core/errors';
import { type CustomFieldRow, findCustomFieldById, optionValuesInUse } from '../../db/queries/custom-fields';
import { bump, definedOnly, lockVersioned } from '../../db/queries/records';
import { customFields } from '../../db/schema';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';

/**
 * Changes a field's labels, options, required flag or position (`admin`; 404, then 409 on a
 * stale version). The key and type never change, so renaming keeps every value. Removing an
 * option value that records still hold is refused (400 on `options`, naming the value).
 */
export async function updateCustomField(ctx: ServiceContext, id: string, input: UpdateCustomFieldInput) {
  requirePermission(ctx, 'admin');
  const { version, ...patch } = input;
  return ctx.db.transaction(async (tx) => {
    const current = (await lockVersioned(tx, customFields, id, version, 'Custom field')) as CustomFieldRow;
    const changes = definedOnly(patch);
    if (changes.options !== undefined) {
      const errors = optionErrors(current.type, changes.options);
      if (Object.keys(errors).length) throw invalid(errors);
      const kept = new Set(changes.options.map((o) => o.value));
      const removed = current.options.map((o) => o.value).filter((v) => !kept.has(v));
      const inUse = await optionValuesInUse(tx, current.entity, current.key, current.type, removed);
      if (inUse.length) {
        throw invalid({
          options: `records still hold ${inUse.map((v) => `"${v}"`).join(', ')}: change them before removing the option`,
        });
      }
    }
    await tx
      .update(customFields)
      .set({ ...changes, ...bump(customFields, ctx.now) })
      .where(eq(customFields.id, id));
    return (await findCustomFieldById(tx, id))!;
  });
}
