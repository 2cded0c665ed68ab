import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type ErrorCode } from '../core/errors';
import { databaseErrorToAppError } from '../db/errors';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  totp_setup_required: 403,
  not_found: 404,
  conflict: 409,
  survey_closed: 409,
  results_withheld: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  database_unavailable: 503,
  internal_error: 500,
};

/** What a 503 tells clients to wait: a PostgreSQL restart or failover takes seconds. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

function fromHttpException(err: HTTPException): AppError {
  switch (err.status) {
    case 400:
      return new AppError('validation_failed', err.message || 'The request is malformed', {
        body: err.message || 'is malformed',
      });
    case 401:
      return new AppError('unauthorized', 'Sign in first');
    case 403:
      return new AppError('forbidden', err.message || 'Forbidden');
    case 404:
      return new AppError('not_found', 'Not found');
    case 413:
      return new AppError('payload_too_large', 'The request body is too large');
    case 415:
      return new AppError('unsupported_media_type', err.message || 'Unsupported media type');
    default:
      return new AppError('internal_error', err.message);
  }
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException) return fromHttpException(err);
  if (err instanceof SyntaxError)
    return new AppError('validation_failed', 'Malformed JSON in the request body', {
      body: 'is not valid JSON',
    });
  return databaseErrorToAppError(err) ?? new AppError('internal_error', 'Something went wrong on the server');
}

export function errorResponse(c: Context, err: AppError) {
  const status = STATUS[err.code];
  if (err.code === 'rate_limited' && typeof err.details?.retryAfterSeconds === 'number') {
    c.header('Retry-After', String(err.details.retryAfterSeconds));
  }
  if (err.code === 'database_unavailable') c.header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
  return c.json(
    {
      error: {
        code: err.code,
        message: err.message,
        ...(err.fields ? { fields: err.fields } : {}),
        ...(err.details?.currentVersion !== undefined ? { currentVersion: err.details.currentVersion } : {}),
        // Why an anonymous survey's figures are withheld (core/surveys/disclosure.ts), for the web app to say.
        ...(err.code === 'results_withheld'
          ? { reason: err.details?.reason, minCell: err.details?.minCell }
          : {}),
        // The id of the log record that says what failed (the answer itself says nothing).
        ...(err.code === 'internal_error' && c.get('requestId') ? { requestId: c.get('requestId') } : {}),
      },
    },
    status,
  );
}
