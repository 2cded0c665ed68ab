import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from '../config/env';

export type LogLevel = 'info' | 'warn' | 'error';
/** What the server and its tests log through: a message and fields (never personal data). */
export type Log = (level: LogLevel, message: string, extra?: Record<string, unknown>) => void;
/** A Log over pino, with the flush run at shutdown (exit flushes too). */
export type FlushableLog = Log & { flush: () => void };

/**
 * Fields that must never reach a log even if someone passes a request, its headers or a
 * user record by mistake (defence in depth: nothing logs them on purpose).
 */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'headers.cookie',
  'headers.authorization',
  'res.headers["set-cookie"]',
  'password',
  'passwordHash',
  'token',
  'tokenHash',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.tokenHash',
  // SMTP_URL holds the mail server's password (config.mail.smtpUrl).
  'smtpUrl',
  '*.smtpUrl',
];

/**
 * The process's logger: JSON lines (one record per line, so a newline in a logged value is
 * escaped and cannot start a forged record), written to stdout asynchronously by pino's
 * destination (a synchronous write per request cost 40 % of the list's throughput), flushed
 * at exit. `destination` is for tests.
 */
export function createLogger(level: Config['logLevel'], destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

/** The `Log` the app and the scheduler take, writing through `logger`. */
export function logTo(logger: Logger): FlushableLog {
  const log = ((level, message, extra) => {
    if (extra) logger[level](extra, message);
    else logger[level](message);
  }) as FlushableLog;
  log.flush = () => logger.flush();
  return log;
}

/** JSON-lines logging at the configured level (KUMIAI_LOG_LEVEL) to stdout. */
export function createLog(level: Config['logLevel'], destination?: DestinationStream): FlushableLog {
  return logTo(createLogger(level, destination));
}

export type ErrorFields = { class: string; code?: string; stack?: string[]; cause?: ErrorFields };

const SAFE_NAME = /^[\w$.]{1,80}$/;
const SAFE_CODE = /^[\w-]{1,40}$/;

/**
 * What may be logged about an unexpected error: its class, its code (PostgreSQL's SQLSTATE,
 * Node's ECONNRESET…), its stack frames, and the class and code of its causes — never a message.
 * A failed query's message holds the SQL and its parameters (a password hash, a note's
 * text), and PostgreSQL's own messages quote values (`invalid input syntax for type uuid: "…"`).
 */
export function errorFields(err: unknown, depth = 0): ErrorFields {
  if (typeof err !== 'object' || err === null) return { class: typeof err };
  const e = err as { code?: unknown; cause?: unknown };
  const name = err.constructor?.name;
  const fields: ErrorFields = { class: typeof name === 'string' && SAFE_NAME.test(name) ? name : 'Object' };
  if (typeof e.code === 'string' && SAFE_CODE.test(e.code)) fields.code = e.code;
  else if (typeof e.code === 'number') fields.code = String(e.code);
  // The outer error's frames say where it failed; a cause's mostly repeat them.
  if (err instanceof Error && depth === 0) {
    const frames = stackFrames(err);
    if (frames.length) fields.stack = frames;
  }
  if (e.cause !== undefined && depth < 3) fields.cause = errorFields(e.cause, depth + 1);
  return fields;
}

/**
 * The `at …` lines of a stack, without the first line(s): V8 starts the stack with
 * `Name: message`, and a message may span lines (a query's parameters) and even hold text
 * shaped like a frame. So the frames are only taken after a header known to be the whole
 * message; any other shape yields none.
 */
function stackFrames(err: Error): string[] {
  const stack = typeof err.stack === 'string' ? err.stack : '';
  const message = typeof err.message === 'string' ? err.message : '';
  const names = new Set([err.name, err.constructor?.name, 'Error']);
  for (const name of names) {
    const header = message ? `${name}: ${message}\n` : `${name}\n`;
    if (!stack.startsWith(header)) continue;
    return stack
      .slice(header.length)
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.startsWith('at '))
      .slice(0, 12);
  }
  return [];
}
