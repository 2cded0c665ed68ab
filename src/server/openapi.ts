import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { ZodType } from 'zod';
import { AppError, type FieldErrors } from '../core/errors';
import type { AppEnv } from './env';

/** zod issues → `{ field: message }` (SPEC §6 error shape). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] = 'is not a known field';
      continue;
    }
    const path = issue.path.join('.') || 'body';
    fields[path] ??=
      issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
  }
  return fields;
}

/** One router per resource; every validation failure becomes the API's error shape. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      // A malformed id in the path names no record: answer as for an unknown one.
      if (result.target === 'param') throw new AppError('not_found', 'Not found');
      throw new AppError('validation_failed', 'Some fields are invalid', fieldErrorsOf(result.error));
    },
  });
}

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'validation_failed' }),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
    }),
  })
  .meta({ id: 'Error' });

const errorContent = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
});

export const errorResponses = {
  400: errorContent('Invalid input: `error.fields` names each problem. Nothing was written.'),
  401: errorContent('Not signed in'),
  403: errorContent('Signed in but not allowed'),
} as const;

export const writeErrorResponses = {
  ...errorResponses,
  404: errorContent('No such record'),
  409: errorContent('Stale version or a unique value already in use. Nothing was written.'),
} as const;

export const jsonBody = <T extends ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const jsonResponse = <T extends ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const idParams = z.object({ id: z.uuid().meta({ param: { name: 'id', in: 'path' } }) });

export const listOf = <T extends ZodType>(item: T, id: string) =>
  z.object({ items: z.array(item), total: z.number().int(), nextCursor: z.string().optional() }).meta({ id });

/** A list whose count stops at a cap (the member list: a federation is too large to count per request). */
export const cappedListOf = <T extends ZodType>(item: T, id: string, cap: number) =>
  z
    .object({
      items: z.array(item),
      total: z
        .number()
        .int()
        .meta({
          description: `The matches, counted up to ${cap.toLocaleString('en')} past the page's offset`,
        }),
      totalCapped: z.boolean().meta({ description: 'True when there are more matches than `total`' }),
      nextCursor: z.string().optional(),
    })
    .meta({ id });

export const versionQuery = z.object({
  version: z.coerce.number({ message: 'must be the version you read' }).int().min(1),
});
