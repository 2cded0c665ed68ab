import { z } from 'zod';
import { PERMISSIONS } from '../access/policy';
import { recordOutput, timestampOut } from '../common/output';
import { enumOf, pagingQuery, requiredText, text, uuid, versionField } from '../common/schemas';
import { STAFF_ROLES } from '../enums';

export const email = text('is required')
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'must be an email address' }));

export const password = text('is required')
  .min(10, { message: 'must be at least 10 characters' })
  .max(200, { message: 'must be at most 200 characters' });

export const loginSchema = z
  .strictObject({
    email,
    password: text('is required').min(1).max(200),
    code: text('is required').trim().max(64, { message: 'must be at most 64 characters' }).optional().meta({
      description:
        'Two-step sign-in: the six digits of the authenticator app, or a one-time recovery code. Without it, an account with two-step sign-in answers `{ totpRequired: true }` and no session.',
    }),
  })
  .meta({ id: 'Login' });

export const createUserSchema = z
  .strictObject({
    email,
    displayName: requiredText(100),
    role: enumOf(STAFF_ROLES),
    password,
    workplaceIds: z.array(uuid).max(500).default([]),
  })
  .meta({ id: 'UserCreate' });
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .strictObject({
    email: email.optional(),
    displayName: requiredText(100).optional(),
    role: enumOf(STAFF_ROLES).optional(),
    password: password.optional(),
    workplaceIds: z.array(uuid).max(500).optional(),
    disabled: z.boolean({ message: 'must be true or false' }).optional(),
    version: versionField,
  })
  .meta({ id: 'UserUpdate' });
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const userSchema = z
  .object({
    ...recordOutput,
    email: z.string(),
    displayName: z.string(),
    role: z.enum(STAFF_ROLES),
    disabled: z.boolean(),
    workplaceIds: z.array(z.uuid()),
  })
  .meta({ id: 'User' });

/**
 * `GET /staff`: who can own records and be assigned work, for pickers every role
 * may use. Names and roles only (no email, no workplaces); disabled accounts only
 * on request, for the handover form (`handover` permission).
 */
export const listStaffQuery = pagingQuery.extend({
  limit: pagingQuery.shape.limit.unwrap().default(500),
  includeDisabled: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .optional()
    .meta({ description: 'Also list disabled accounts (needs the handover permission: 403 otherwise).' }),
  canOwnIn: z
    .union([z.literal('none'), uuid])
    .optional()
    .meta({
      description:
        'Only staff who may own a record of this workplace (an id) or of no workplace (`none`): a rep only for the workplaces they cover, as the owner rule requires (an owner elsewhere is a 400).',
    }),
});
export type ListStaffQuery = z.infer<typeof listStaffQuery>;

export const staffSchema = z
  .object({ id: z.uuid(), displayName: z.string(), role: z.enum(STAFF_ROLES) })
  .meta({ id: 'Staff' });

/** `/auth/me`: the signed-in user with what their role allows (the web app hides the rest). */
export const meSchema = userSchema
  .extend({
    permissions: z.array(z.enum(PERMISSIONS)),
    language: z.enum(['ja', 'en']).nullable().optional().meta({
      description: "The user's own UI language; null: the browser's (Japanese first). Always sent.",
    }),
    totpEnabled: z
      .boolean()
      .optional()
      .meta({ description: 'Two-step sign-in (an authenticator app) is on. Always sent.' }),
    totpSetupRequired: z.boolean().optional().meta({
      description:
        "The user's role must use two-step sign-in and it is not on yet: every API but signing out, `/auth/me`, `/auth/session` and `/auth/totp/setup|enable` answers 403 `totp_setup_required` until it is. Always sent.",
    }),
  })
  .meta({ id: 'Me' });

/** `/auth/session`: the signed-in user, or null when the request names nobody (a probe, never a 401). */
export const sessionSchema = z.object({ user: meSchema.nullable() }).meta({ id: 'Session' });

export const createTokenSchema = z
  .strictObject({
    name: requiredText(100),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .meta({ id: 'ApiTokenCreate' });

export const apiTokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    createdAt: timestampOut,
    lastUsedAt: timestampOut.nullable(),
    expiresAt: timestampOut.nullable(),
  })
  .meta({ id: 'ApiToken' });
