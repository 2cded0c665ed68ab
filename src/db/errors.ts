import { getTableColumns, is, Table } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { AppError } from '../core/errors';
import * as schema from './schema';

type PgErrorLike = { code?: string; constraint?: string; message?: string };

/** constraint name → the API field it guards, derived from the schema. */
const constraintFields = new Map<string, string>();
for (const value of Object.values(schema)) {
  if (!is(value, Table)) continue;
  const columns = getTableColumns(value);
  const keyOf = new Map(Object.entries(columns).map(([key, col]) => [col.name, key]));
  const config = getTableConfig(value);
  for (const fk of config.foreignKeys) {
    const first = fk.reference().columns[0];
    if (first) constraintFields.set(fk.getName(), keyOf.get(first.name) ?? first.name);
  }
  for (const idx of config.indexes) {
    const col = idx.config.columns[0] as { name?: string } | undefined;
    if (idx.config.unique && idx.config.name && col?.name) {
      constraintFields.set(idx.config.name, keyOf.get(col.name) ?? col.name);
    }
  }
}
constraintFields.set('members_left_on_required', 'leftOn');
constraintFields.set('workplaces_employee_count_nonnegative', 'employeeCount');
constraintFields.set('users_email_unique', 'email');
// A custom field's key is unique per entity: the admin picks another key.
constraintFields.set('custom_fields_entity_key_unique', 'key');
// A saved import mapping's name is unique per kind: the user picks another name.
constraintFields.set('import_mappings_kind_name_unique', 'name');

function findPgError(err: unknown): PgErrorLike | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current; depth++) {
    const candidate = current as PgErrorLike & { cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    current = candidate.cause;
  }
  return undefined;
}

// Node's socket errors on the way to the database (a refused, reset or timed-out connection).
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
// SQLSTATEs of a database going away or not taking connections: 08xxx connection exceptions,
// 57P01 admin_shutdown (a restart), 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up),
// 53300 too_many_connections.
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;
// node-postgres and pg-pool say these without a code.
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Client was closed and is not queryable',
  'Query read timeout',
];

/**
 * Whether `err` (or one of its causes) says the database is away rather than that the
 * request is wrong: the server answers 503 with Retry-After, never 500.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  return databaseUnavailableReason(err) !== undefined;
}

/**
 * Why `err` says the database is away: the network code, the SQLSTATE or the driver's fixed
 * message (from the lists above, never the error's own text), for the server's log line.
 */
export function databaseUnavailableReason(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 6 && current; depth++) {
    const e = current as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown[] };
    if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || UNAVAILABLE_SQLSTATE.test(e.code)))
      return e.code;
    if (typeof e.message === 'string') {
      const message = e.message;
      const known = UNAVAILABLE_MESSAGES.find((m) => message.includes(m));
      if (known) return known;
    }
    current = e.cause ?? (Array.isArray(e.errors) ? e.errors[0] : undefined);
  }
  return undefined;
}

/**
 * Maps a database constraint violation to the API's error shape. The
 * constraint is the source of truth (no check-then-insert race); this turns
 * its name back into the field the user must fix. Unknown errors pass through.
 */
export function databaseErrorToAppError(err: unknown): AppError | undefined {
  if (isDatabaseUnavailable(err))
    return new AppError(
      'database_unavailable',
      'The database is not available right now; retry in a few seconds',
    );
  const pgError = findPgError(err);
  if (!pgError) return undefined;
  const field = pgError.constraint ? constraintFields.get(pgError.constraint) : undefined;
  switch (pgError.code) {
    case '23505':
      return new AppError(
        'conflict',
        field ? `${field} is already in use` : 'The record clashes with an existing one',
        { [field ?? 'id']: 'is already in use' },
      );
    case '23503':
      return new AppError(
        'validation_failed',
        field ? `${field} refers to a record that does not exist` : 'A referenced record does not exist',
        {
          [field ?? 'id']: 'does not exist',
        },
      );
    case '23514':
    case '23502':
      return new AppError('validation_failed', 'Some fields are invalid', {
        [field ?? 'record']: 'is invalid',
      });
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
    case '22001':
      return new AppError('validation_failed', 'A value has the wrong form', {
        value: pgError.message ?? 'invalid',
      });
    case '40001':
    case '40P01':
      return new AppError('conflict', 'The change clashed with another one; please retry');
    default:
      return undefined;
  }
}
