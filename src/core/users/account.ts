import { z } from 'zod';
import { timestampOut } from '../common/output';
import { requiredText, text, versionField } from '../common/schemas';
import { STAFF_ROLES } from '../enums';
import { password } from './schemas';

/** The UI languages a user may choose (users.language); null: the browser's choice, then Japanese. */
export const USER_LANGUAGES = ['ja', 'en'] as const;
export type UserLanguage = (typeof USER_LANGUAGES)[number];

/** `PATCH /auth/me`: the signed-in user's own name and language. */
export const updateMeSchema = z
  .strictObject({
    displayName: requiredText(100).optional(),
    language: z
      .enum(USER_LANGUAGES, { message: 'must be one of: ja, en' })
      .nullable()
      .optional()
      .meta({ description: "The web app's language for this user; null: the browser's (Japanese first)." }),
    version: versionField.optional(),
  })
  .meta({ id: 'MeUpdate' });
export type UpdateMeInput = z.infer<typeof updateMeSchema>;

/** `POST /auth/password`: the current password proves it is the user; the new one follows the usual rules. */
export const changePasswordSchema = z
  .strictObject({
    currentPassword: text('is required').min(1, { message: 'is required' }).max(200),
    newPassword: password,
  })
  .meta({ id: 'PasswordChange' });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** One of the user's own signed-in sessions (`id` is the session's public id, never the cookie's hash). */
export const ownSessionSchema = z
  .object({
    id: z.uuid(),
    createdAt: timestampOut,
    lastSeenAt: timestampOut,
    userAgent: z.string().nullable(),
    current: z.boolean().meta({ description: 'The session this request was sent with.' }),
  })
  .meta({ id: 'OwnSession' });

/**
 * A one-time code: six digits from the authenticator app, or a recovery code (`xxxxx-xxxxx`).
 * Spaces and dashes are ignored, letters are not case-sensitive.
 */
export const oneTimeCode = text('is required')
  .trim()
  .min(1, { message: 'is required' })
  .max(64, { message: 'must be at most 64 characters' });

export const enableTotpSchema = z.strictObject({ code: oneTimeCode }).meta({ id: 'TotpEnable' });

/** Turning one's own two-step sign-in off needs the password or a current code. */
export const disableTotpSchema = z
  .strictObject({
    password: text('is required').min(1, { message: 'is required' }).max(200).optional(),
    code: oneTimeCode.optional(),
  })
  .refine((v) => v.password !== undefined || v.code !== undefined, {
    message: 'give your password or a code',
    path: ['password'],
  })
  .meta({ id: 'TotpDisable' });
export type DisableTotpInput = z.infer<typeof disableTotpSchema>;

export const totpSetupSchema = z
  .object({
    secret: z
      .string()
      .meta({ description: 'The shared secret in base32, for typing into an authenticator app.' }),
    otpauthUrl: z.string().meta({ description: 'The `otpauth://totp/…` URL the QR code holds.' }),
  })
  .meta({ id: 'TotpSetup' });

export const recoveryCodesSchema = z
  .object({
    recoveryCodes: z
      .array(z.string())
      .meta({ description: 'Ten one-time recovery codes, shown this once (only their hashes are stored).' }),
  })
  .meta({ id: 'RecoveryCodes' });

/** `POST /auth/login` with a right password for an account with two-step sign-in: no session yet. */
export const totpRequiredSchema = z.object({ totpRequired: z.literal(true) }).meta({ id: 'TotpRequired' });

/** An admin's view of a user's second factor. */
export const userTotpStatusSchema = z
  .object({
    enabled: z.boolean(),
    enabledAt: timestampOut.nullable(),
    required: z.boolean().meta({ description: "The user's role must use two-step sign-in (settings)." }),
    recoveryCodesLeft: z.number().int(),
  })
  .meta({ id: 'UserTotpStatus' });

/** The roles that must use two-step sign-in (settings.totp_required_roles). */
export const twoStepSettingsSchema = z
  .object({ totpRequiredRoles: z.array(z.enum(STAFF_ROLES)), version: z.number().int() })
  .meta({ id: 'TwoStepSettings' });

export const updateTwoStepSettingsSchema = z
  .strictObject({
    totpRequiredRoles: z
      .array(z.enum(STAFF_ROLES, { message: `must be one of: ${STAFF_ROLES.join(', ')}` }))
      .max(STAFF_ROLES.length)
      .transform((roles) => [...new Set(roles)]),
    version: versionField,
  })
  .meta({ id: 'TwoStepSettingsUpdate' });
export type UpdateTwoStepSettingsInput = z.infer<typeof updateTwoStepSettingsSchema>;
