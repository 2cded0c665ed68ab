import { describe, expect, it } from 'vitest';
import { databaseErrorToAppError, databaseUnavailableReason, isDatabaseUnavailable } from './errors';

/** A database that is away is a 503 (database_unavailable), never a 500 or a 4xx (issue 20). */
describe('isDatabaseUnavailable', () => {
  const pgError = (code: string) => Object.assign(new Error('server said no'), { code });
  // drizzle wraps the driver's error: the code is on the cause.
  const wrapped = (cause: unknown) => Object.assign(new Error('Failed query: insert …'), { cause });

  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    ['a reset connection', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['localhost refused on IPv4 and IPv6', Object.assign(new AggregateError([pgError('ECONNREFUSED')]), {})],
    ['57P01 admin_shutdown (a restart)', pgError('57P01')],
    ['57P02 crash_shutdown', pgError('57P02')],
    ['57P03 cannot_connect_now (starting up)', pgError('57P03')],
    ['08006 connection_failure', pgError('08006')],
    ['08P01 protocol_violation (PgBouncer)', pgError('08P01')],
    ['53300 too_many_connections', pgError('53300')],
    ['the connection ended mid-query', new Error('Connection terminated unexpectedly')],
    ['the pool timed out', new Error('timeout exceeded when trying to connect')],
    ['a broken client', new Error('Client has encountered a connection error and is not queryable')],
  ])('%s', (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(isDatabaseUnavailable(wrapped(err))).toBe(true);
    expect(databaseErrorToAppError(wrapped(err))?.code).toBe('database_unavailable');
  });

  it.each([
    ['a unique violation', pgError('23505'), 'conflict'],
    ['a bad value', pgError('22P02'), 'validation_failed'],
    ['a serialization failure', pgError('40001'), 'conflict'],
  ])('not %s', (_name, err, code) => {
    expect(isDatabaseUnavailable(wrapped(err))).toBe(false);
    expect(databaseErrorToAppError(wrapped(err))?.code).toBe(code);
  });

  it('not a plain bug', () => {
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(databaseErrorToAppError(new TypeError('x is undefined'))).toBeUndefined();
  });
});

describe('databaseUnavailableReason (the 503 log line)', () => {
  const wrapped = (cause: unknown) => Object.assign(new Error('Failed query: select …'), { cause });
  it('names the code or the driver’s fixed phrase, never the error’s own text', () => {
    expect(databaseUnavailableReason(wrapped(Object.assign(new Error('x'), { code: 'ECONNRESET' })))).toBe(
      'ECONNRESET',
    );
    expect(databaseUnavailableReason(wrapped(Object.assign(new Error('x'), { code: '57P01' })))).toBe(
      '57P01',
    );
    const secret = 'Connection terminated unexpectedly while sending 山田花子 パスワード';
    expect(databaseUnavailableReason(wrapped(new Error(secret)))).toBe('Connection terminated');
    expect(databaseUnavailableReason(new TypeError('x is undefined'))).toBeUndefined();
  });
});
