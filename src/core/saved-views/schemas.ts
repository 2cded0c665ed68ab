import { z } from 'zod';
import { recordOutput } from '../common/output';
import { requiredText, text, versionField } from '../common/schemas';
import { STAFF_ROLES } from '../enums';

// Saved views (issue 17): a list's filters, search, sort and columns — its URL search
// params minus paging — under a name, private or shared with roles.

export const SAVED_VIEW_LISTS = ['members', 'workplaces', 'tasks', 'demands'] as const;
export type SavedViewList = (typeof SAVED_VIEW_LISTS)[number];

/** Params that page a list (or open a form on it): never part of a view. */
export const PAGING_PARAMS = ['page', 'cursor', 'offset', 'limit', 'new'] as const;

export const SAVED_VIEW_MAX_PARAMS = 40;
export const SAVED_VIEW_MAX_VALUE = 2000;
/** The state's size, as JSON characters. */
export const SAVED_VIEW_MAX_STATE = 10_000;
/** A search param's name: letters, digits, `_`, `-`, and `.` (`cf.<key>`). */
export const PARAM_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** The custom-field keys a view names: `cf.<key>` params and `cf.<key>` entries of `columns`. */
export function customFieldKeysOf(params: Readonly<Record<string, string>>): string[] {
  const keys = new Set<string>();
  for (const name of Object.keys(params)) if (name.startsWith('cf.')) keys.add(name.slice(3));
  for (const column of (params.columns ?? '').split(',')) {
    const c = column.trim();
    if (c.startsWith('cf.')) keys.add(c.slice(3));
  }
  return [...keys].filter((k) => k.length > 0);
}

/** The params without those naming the given custom fields (a view opened without a deleted field). */
export function withoutCustomFields(
  params: Readonly<Record<string, string>>,
  keys: readonly string[],
): Record<string, string> {
  const gone = new Set(keys);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (name.startsWith('cf.') && gone.has(name.slice(3))) continue;
    if (name === 'columns') {
      const kept = value
        .split(',')
        .filter((c) => !(c.trim().startsWith('cf.') && gone.has(c.trim().slice(3))));
      if (kept.length) out[name] = kept.join(',');
      continue;
    }
    out[name] = value;
  }
  return out;
}

const paramsSchema = z
  .record(
    text('must be a parameter name').regex(PARAM_NAME, {
      message: 'must be a parameter name (letters, digits, _ - .)',
    }),
    text('must be text').max(SAVED_VIEW_MAX_VALUE, {
      message: `must be at most ${SAVED_VIEW_MAX_VALUE} characters`,
    }),
    { message: 'must be an object of text values' },
  )
  .superRefine((params, ctx) => {
    const count = Object.keys(params).length;
    if (count > SAVED_VIEW_MAX_PARAMS) {
      ctx.addIssue({ code: 'custom', message: `must hold at most ${SAVED_VIEW_MAX_PARAMS} parameters` });
    }
    if (JSON.stringify(params).length > SAVED_VIEW_MAX_STATE) {
      ctx.addIssue({ code: 'custom', message: `must be at most ${SAVED_VIEW_MAX_STATE} characters as JSON` });
    }
  })
  // Paging is where the user was, not what they want to see again.
  .transform((params) => {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(params)) {
      if (!(PAGING_PARAMS as readonly string[]).includes(name)) out[name] = value;
    }
    return out;
  });

export const savedViewStateSchema = z
  .strictObject({
    params: paramsSchema.meta({
      description:
        'The list’s URL search params (filters, `q`, `sort`, `columns`, `cf.<key>`, `mine`), as strings. ' +
        `At most ${SAVED_VIEW_MAX_PARAMS} params of ${SAVED_VIEW_MAX_VALUE} characters; paging (${PAGING_PARAMS.join(', ')}) is dropped.`,
      example: { engagement: 'at_risk', workplaceId: '8d0e…', sort: '-joinedOn' },
    }),
  })
  .meta({ id: 'SavedViewState' });
export type SavedViewState = z.infer<typeof savedViewStateSchema>;

const listField = z.enum(SAVED_VIEW_LISTS, { message: `must be one of: ${SAVED_VIEW_LISTS.join(', ')}` });
const sharedRolesField = z
  .array(z.enum(STAFF_ROLES, { message: `must be one of: ${STAFF_ROLES.join(', ')}` }), {
    message: 'must be a list of roles',
  })
  .max(STAFF_ROLES.length, { message: `must hold at most ${STAFF_ROLES.length} roles` })
  .transform((roles) => [...new Set(roles)])
  .meta({ description: 'The roles the view is shared with (empty: only its owner sees it).' });

export const createSavedViewSchema = z
  .strictObject({
    name: requiredText(100).meta({ example: '要注意の組合員' }),
    list: listField,
    state: savedViewStateSchema,
    sharedRoles: sharedRolesField.optional(),
  })
  .meta({ id: 'SavedViewCreate' });
export type CreateSavedViewInput = z.infer<typeof createSavedViewSchema>;

export const updateSavedViewSchema = z
  .strictObject({
    version: versionField,
    name: requiredText(100).optional(),
    state: savedViewStateSchema.optional(),
    sharedRoles: sharedRolesField.optional(),
  })
  .meta({ id: 'SavedViewUpdate' });
export type UpdateSavedViewInput = z.infer<typeof updateSavedViewSchema>;

export const savedViewListQuery = z.object({
  list: listField.optional().meta({ description: 'Only the views of this list' }),
});

// Responses

export const savedViewSchema = z
  .object({
    ...recordOutput,
    name: z.string(),
    list: z.enum(SAVED_VIEW_LISTS),
    state: z.object({ params: z.record(z.string(), z.string()) }),
    sharedRoles: z.array(z.enum(STAFF_ROLES)),
    ownerId: z.uuid(),
    ownerName: z.string(),
    mine: z.boolean().meta({ description: 'The signed-in user owns the view (may change and delete it)' }),
    missingFields: z.array(z.string()).meta({
      description:
        'Custom-field keys the view names (`cf.<key>` params, `columns` entries) that are no longer active (archived or gone): open the view without them.',
    }),
  })
  .meta({ id: 'SavedView' });

export const savedViewListSchema = z
  .object({ items: z.array(savedViewSchema) })
  .meta({ id: 'SavedViewList' });
