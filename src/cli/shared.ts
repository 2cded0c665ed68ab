import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { type Config, loadConfig } from '../config/env';
import { AppError } from '../core/errors';
import type { Database } from '../db/client';
import { databaseErrorToAppError } from '../db/errors';
import { DataDirLockedError } from '../db/lock';
import { type ErrorFields, errorFields } from '../server/logger';
import { openConfiguredDatabase, StartupError } from '../server/main';

/** A failure the user can fix; printed without a stack trace. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** The environment, parsed; an invalid one is the user's to fix, not a crash. */
export function loadCliConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}

/**
 * Runs a command against the configured database and always closes it, which
 * on PGlite releases the data-dir lock: CLI commands cannot run beside a
 * server on the same directory (two processes would corrupt it).
 */
export async function withDatabase<T>(fn: (database: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadCliConfig();
  const database = await openConfiguredDatabase(config);
  try {
    return await fn(database, config);
  } finally {
    await database.close();
  }
}

/** The message for an error, and whether it is an expected one (no stack trace then). */
export function describeError(err: unknown): { message: string; expected: boolean } {
  if (err instanceof CliError || err instanceof DataDirLockedError || err instanceof StartupError) {
    return { message: err.message, expected: true };
  }
  const appError = err instanceof AppError ? err : databaseErrorToAppError(err);
  if (appError) return { message: formatAppError(appError), expected: true };
  // A failed query's message holds its SQL parameters (a password hash, members' names), and a
  // terminal's output is often kept (`serve` under systemd, scripts): as in the server log, the
  // class, code and frames only.
  if (isDatabaseError(err)) return { message: formatErrorFields(errorFields(err)), expected: false };
  return { message: (err as Error)?.stack ?? String(err), expected: false };
}

function isDatabaseError(err: unknown): boolean {
  let current = err as { params?: unknown; code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    if ('params' in current || (typeof current.code === 'string' && /^[0-9A-Z]{5}$/.test(current.code)))
      return true;
    current = current.cause as typeof current;
  }
  return false;
}

function formatErrorFields(fields: ErrorFields): string {
  const chain: string[] = [];
  for (let f: ErrorFields | undefined = fields; f; f = f.cause)
    chain.push(f.code ? `${f.class} ${f.code}` : f.class);
  return [
    `Unexpected database error: ${chain.join(' ← ')}`,
    ...(fields.stack ?? []).map((at) => `    ${at}`),
  ].join('\n');
}

export function formatAppError(err: AppError): string {
  const fields = Object.entries(err.fields ?? {}).map(([field, why]) => `  ${field}: ${why}`);
  return [err.message, ...fields].join('\n');
}

/** Left-aligned columns; width counts a full-width (Japanese) character as two. */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) =>
        i === cells.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - displayWidth(cell)),
      )
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    // CJK, kana, full-width forms and emoji take two terminal cells.
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x1f300 && code <= 0x1faff) ||
      (code >= 0x20000 && code <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

/** The first line of a non-interactive input (a pipe or a file); '' when it is empty. */
export function readFirstLine(input: Readable): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const rl = createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
    let done = false;
    const finish = (line: string) => {
      if (done) return;
      done = true;
      rl.close();
      // Stop reading so a long pipe does not keep the process alive.
      input.pause();
      resolvePromise(line);
    };
    rl.once('line', finish);
    rl.once('close', () => finish(''));
    input.once('error', reject);
  });
}

type TtyInput = Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };

/** Reads a line from a terminal without echoing it. Ctrl+C cancels (exit 130). */
export function readHidden(question: string, input: TtyInput, output: Writable): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    output.write(question);
    input.setRawMode?.(true);
    input.setEncoding('utf8');
    input.resume();
    let value: string[] = [];
    const finish = (rest: string, error?: Error) => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      // Keystrokes after Enter (a pasted second line) belong to the next question.
      if (rest) input.unshift(rest);
      output.write('\n');
      if (error) reject(error);
      else resolvePromise(value.join(''));
    };
    const onData = (chunk: string) => {
      const chars = [...chunk];
      for (const [i, ch] of chars.entries()) {
        if (ch === '\r' || ch === '\n') {
          const next = ch === '\r' && chars[i + 1] === '\n' ? i + 2 : i + 1;
          return finish(chars.slice(next).join(''));
        }
        if (ch === '\u0003' || (ch === '\u0004' && value.length === 0)) {
          return finish('', new CliError('Cancelled', 130));
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch === '\u0015') value = [];
        else if (ch >= ' ') value.push(ch);
      }
    };
    input.on('data', onData);
  });
}

/**
 * The new user's password: asked twice without echo on a terminal, otherwise the
 * first line of stdin (`echo "$PW" | npm run kumiai -- users create …`). Never an
 * argument: arguments land in shell history and `ps` output.
 */
export async function readNewPassword(
  input: TtyInput = process.stdin,
  output: Writable = process.stderr,
): Promise<string> {
  if (!input.isTTY) return readFirstLine(input);
  const first = await readHidden('Password (at least 10 characters): ', input, output);
  const second = await readHidden('Repeat the password: ', input, output);
  if (first !== second) throw new CliError('The two passwords differ; nothing was created.');
  return first;
}
