export type ErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'conflict'
  | 'survey_closed'
  | 'results_withheld'
  | 'unauthorized'
  | 'forbidden'
  /** The user's role must use two-step sign-in and they have not set it up (403). */
  | 'totp_setup_required'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unsupported_media_type'
  /** The database does not answer (restarting, unreachable): 503 with Retry-After; the request may be retried. */
  | 'database_unavailable'
  | 'internal_error';

export type FieldErrors = Record<string, string>;

/** The one error type: services throw it, the HTTP layer maps `code` to a status. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldErrors | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, fields?: FieldErrors, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
    this.details = details;
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);

export const staleVersion = (currentVersion?: number) =>
  new AppError(
    'conflict',
    'The record was changed by someone else. Reload it and apply your change again.',
    { version: 'stale' },
    currentVersion === undefined ? undefined : { currentVersion },
  );

export const invalid = (fields: FieldErrors, message = 'Some fields are invalid') =>
  new AppError('validation_failed', message, fields);

/**
 * A record outside the actor's scope: answered exactly like a missing one (404),
 * so its existence does not leak, and recorded in the audit log as a denial.
 */
export const outOfScope = (what: string) =>
  new AppError('not_found', `${what} not found`, undefined, { denied: true });

/** An action the actor's role does not allow (403), recorded as a denial. */
export const forbidden = (message = 'Your role does not allow this') => new AppError('forbidden', message);
