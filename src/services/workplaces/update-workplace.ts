import { eq } from 'drizzle-orm';
import { ATMOSPHERE_FIELDS, can, workplaceInScope } from '../../core/access/policy';
import { forbidden } from '../../core/errors';
import type { UpdateWorkplaceInput } from '../../core/workplaces/schemas';
import { bump, definedOnly, lockVersioned } from '../../db/queries/records';
import { findWorkplaceById } from '../../db/queries/workplaces';
import { atmosphereHistory, workplaces } from '../../db/schema';
import { assertOwnerSees, assertReachableWorkplace, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { customFieldWrite } from '../custom-fields/custom-field-values';

const atmosphereFields: ReadonlySet<string> = new Set(ATMOSPHERE_FIELDS);

/**
 * Admins and officers (`records.write`) change any field; a rep (`atmosphere.change`) only
 * the atmosphere and its reason of one of their workplaces. Checked in that order: role and
 * fields (403, before anything is read), a workplace within the scope (404), the version
 * read (409). A new owner must be able to see it: a rep only when it is one of their
 * workplaces (400 on ownerId).
 */
export async function updateWorkplace(ctx: ServiceContext, id: string, input: UpdateWorkplaceInput) {
  if (!can(ctx.actor.role, 'records.write')) {
    if (!can(ctx.actor.role, 'atmosphere.change')) throw forbidden();
    const denied = Object.entries(input)
      .filter(([field, value]) => value !== undefined && !atmosphereFields.has(field))
      .map(([field]) => field);
    if (denied.length) {
      throw forbidden(`Your role may change only the atmosphere and its reason, not: ${denied.join(', ')}`);
    }
  }
  const { version, atmosphereReason, customFields: customFieldsInput, ...patch } = input;
  return ctx.db.transaction(async (tx) => {
    const scope = scopeOf(ctx);
    // Out of scope: 404 exactly like a missing workplace (no version check that could tell them apart).
    if (!workplaceInScope(scope, id)) await assertReachableWorkplace(tx, scope, id);
    const current = await lockVersioned(tx, workplaces, id, version, 'Workplace');
    const changes: Partial<typeof current> = definedOnly(patch);
    const customFields = await customFieldWrite(tx, 'workplace', customFieldsInput, {
      current: current.customFields,
      creating: false,
    });
    if (customFields) changes.customFields = customFields;
    if (changes.ownerId !== undefined && changes.ownerId !== current.ownerId) {
      await assertOwnerSees(tx, changes.ownerId, { type: 'workplace', workplaceId: id });
    }
    await tx
      .update(workplaces)
      .set({ ...changes, ...bump(workplaces, ctx.now) })
      .where(eq(workplaces.id, id));
    // Only a real change is history; re-sending the same atmosphere (a form saving every field) is not.
    if (changes.atmosphere && changes.atmosphere !== current.atmosphere) {
      await tx.insert(atmosphereHistory).values({
        workplaceId: id,
        from: current.atmosphere,
        to: changes.atmosphere,
        changedAt: ctx.now,
        changedBy: ctx.actor.id,
        reason: atmosphereReason ?? null,
      });
    }
    return (await findWorkplaceById(tx, id, scope))!;
  });
}
