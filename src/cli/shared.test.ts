import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors';
import { DataDirLockedError } from '../db/lock';
import { DatabaseUnavailableError } from '../server/main';
import { CliError, describeError, displayWidth, formatTable, readFirstLine, readNewPassword } from './shared';

/** A stand-in terminal: a stream with setRawMode that records the mode changes. */
function fakeTty() {
  const input = new PassThrough() as PassThrough & { isTTY: boolean; setRawMode: (on: boolean) => void };
  const modes: boolean[] = [];
  input.isTTY = true;
  input.setRawMode = (on) => {
    modes.push(on);
  };
  let written = '';
  const output = new PassThrough();
  output.setEncoding('utf8').on('data', (d: string) => {
    written += d;
  });
  return { input, output, modes, written: () => written };
}

describe('readFirstLine', () => {
  it.each([
    ['secret password\nsecond line\n', 'secret password'],
    ['windows line\r\nnext', 'windows line'],
    ['no newline at the end', 'no newline at the end'],
    ['  spaces are kept  \n', '  spaces are kept  '],
    ['', ''],
  ])('reads %j as %j', async (text, expected) => {
    expect(await readFirstLine(Readable.from([text]))).toBe(expected);
  });

  it('reads a line split across chunks', async () => {
    expect(await readFirstLine(Readable.from(['correct ', 'horse ', 'battery\nrest']))).toBe(
      'correct horse battery',
    );
  });
});

describe('readNewPassword on a terminal', () => {
  it('asks twice without echo, honours backspace, and restores the terminal', async () => {
    const tty = fakeTty();
    const pending = readNewPassword(tty.input, tty.output);
    tty.input.write('correct horsx\u007fe battery\r');
    await new Promise((r) => setImmediate(r));
    tty.input.write('correct horse battery\r');
    expect(await pending).toBe('correct horse battery');
    expect(tty.written()).toBe('Password (at least 10 characters): \nRepeat the password: \n');
    expect(tty.modes).toEqual([true, false, true, false]);
  });

  it('keeps a pasted second line for the second question', async () => {
    const tty = fakeTty();
    const pending = readNewPassword(tty.input, tty.output);
    tty.input.write('パスワード長いです\r\npassword 長いです\r\n');
    await expect(pending).rejects.toThrow('The two passwords differ');
  });

  it('accepts the same password pasted twice in one chunk', async () => {
    const tty = fakeTty();
    const pending = readNewPassword(tty.input, tty.output);
    tty.input.write('パスワード長いです\rパスワード長いです\r');
    expect(await pending).toBe('パスワード長いです');
  });

  it('cancels on Ctrl+C with exit code 130', async () => {
    const tty = fakeTty();
    const pending = readNewPassword(tty.input, tty.output);
    tty.input.write('abc\u0003');
    const err = await pending.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(130);
    expect(tty.modes).toEqual([true, false]);
  });

  it('reads the first line when stdin is not a terminal', async () => {
    const input = Readable.from(['from a pipe\n']);
    expect(await readNewPassword(input, new PassThrough())).toBe('from a pipe');
  });
});

describe('formatTable', () => {
  it('aligns columns, counting full-width characters as two cells', () => {
    const table = formatTable(
      ['email', 'name', 'role'],
      [
        ['a@example.org', '山田 花子', 'admin'],
        ['longer@example.org', 'Bob', 'rep'],
      ],
    );
    expect(table.split('\n')).toEqual([
      'email               name       role',
      '------------------  ---------  -----',
      'a@example.org       山田 花子  admin',
      'longer@example.org  Bob        rep',
    ]);
  });

  it('measures display width', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('組合')).toBe(4);
    expect(displayWidth('ｶﾅ')).toBe(2); // half-width katakana are narrow
    expect(displayWidth('ＡＢ')).toBe(4);
  });
});

describe('describeError', () => {
  it('treats user-fixable errors as expected and prints them without a stack', () => {
    expect(describeError(new CliError('No user has the email x'))).toEqual({
      message: 'No user has the email x',
      expected: true,
    });
    expect(describeError(new DataDirLockedError('/data', 'host:1')).expected).toBe(true);
    expect(describeError(new DatabaseUnavailableError('PostgreSQL x', 'refused')).expected).toBe(true);
    expect(
      describeError(new AppError('validation_failed', 'Some fields are invalid', { email: 'bad' })),
    ).toEqual({
      message: 'Some fields are invalid\n  email: bad',
      expected: true,
    });
  });

  it('maps a unique violation from the database to the field', () => {
    const pgError = Object.assign(new Error('duplicate key'), {
      code: '23505',
      constraint: 'users_email_unique',
    });
    expect(describeError(new Error('Failed query', { cause: pgError }))).toEqual({
      message: 'email is already in use\n  email: is already in use',
      expected: true,
    });
  });

  it('prints a failed query by class, code and frames, never its SQL or parameters', () => {
    const pgError = Object.assign(new Error('value too long: "Yamada Hanako"'), { code: '53100' });
    const query = Object.assign(
      new Error('Failed query: insert into users values ($1)\nparams: scrypt$32768$secret-hash', {
        cause: pgError,
      }),
      { params: ['scrypt$32768$secret-hash'] },
    );
    const described = describeError(query);
    expect(described.expected).toBe(false);
    expect(described.message).toMatch(
      /^Unexpected database error: Error ← Error 53100\n {4}at .*shared\.test\.ts/,
    );
    for (const leak of ['Yamada', 'scrypt', 'insert into']) expect(described.message).not.toContain(leak);
  });

  it('keeps the stack of an unexpected error', () => {
    const err = new TypeError('boom');
    const described = describeError(err);
    expect(described.expected).toBe(false);
    expect(described.message).toContain('TypeError: boom');
    expect(described.message).toContain('shared.test.ts');
  });
});
