import { z } from 'zod';
import { isValidPlainDate } from './dates';

export const uuid = z.uuid({ message: 'must be a valid id' });

/**
 * Text PostgreSQL can store as it was sent: no NUL (a `text` column cannot hold one, and the
 * write failed with a 500) and no half of a surrogate pair (not Unicode: the drivers would
 * silently store U+FFFD). Written as a pattern so the OpenAPI document states the rule; it
 * means the same with and without the `u` flag.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is the character refused here.
export const STORABLE_TEXT = /^(?:[^\u0000\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;
export const NOT_STORABLE_TEXT = 'must not contain NUL characters or unpaired surrogates';

/** Every string input starts here: a string (else `message`) that PostgreSQL can store. */
export const text = (message = 'must be text') =>
  z.string({ message }).regex(STORABLE_TEXT, { message: NOT_STORABLE_TEXT });

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is one of the characters replaced.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** NUL and unpaired surrogates replaced by U+FFFD: for text that is recorded rather than validated (a file name, a path). */
export function storableText(value: string): string {
  return value.replace(UNSTORABLE, '\uFFFD');
}

export const plainDate = z
  .string({ message: 'must be a date (YYYY-MM-DD)' })
  .refine(isValidPlainDate, { message: 'must be a real calendar date (YYYY-MM-DD)' })
  .meta({ format: 'date', example: '2026-04-01' });

/** Required text: trimmed, non-empty, bounded. */
export const requiredText = (max: number) =>
  text('is required')
    .trim()
    .min(1, { message: 'is required' })
    .max(max, { message: `must be at most ${max} characters` });

/**
 * Optional text as forms send it: trimmed, and an empty string clears the
 * field (stored as null). `undefined` means "not given".
 */
export const optionalText = (max: number) =>
  text()
    .trim()
    .max(max, { message: `must be at most ${max} characters` })
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();

export const optionalDate = plainDate.nullable().optional();
export const optionalId = uuid.nullable().optional();

export const versionField = z
  .number({ message: 'must be the version you read' })
  .int()
  .min(1)
  .meta({ description: 'The version you read; a stale version is rejected with 409.' });

export const enumOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { message: `must be one of: ${values.join(', ')}` });

/** List paging shared by every collection (SPEC §6). */
export const pagingQuery = z.object({
  limit: z.coerce
    .number({ message: 'must be a number' })
    .int()
    .min(1)
    .max(500, { message: 'must be at most 500' })
    .default(50),
  // The type is stated: z.coerce turns null into 0, so the document would say `integer | null`.
  offset: z.coerce
    .number({ message: 'must be a number' })
    .int()
    .min(0)
    .optional()
    .meta({ type: 'integer', minimum: 0, default: 0 }),
  cursor: text().max(200).optional(),
});

export type Paging = { limit: number; offset: number };

export type ListResult<T> = { items: T[]; total: number; nextCursor?: string };
