import { describe, expect, it } from 'vitest';
import { errorFields } from './logger';

class DrizzleLikeError extends Error {
  constructor(
    message: string,
    override readonly cause: unknown,
  ) {
    super(message);
  }
}

describe('errorFields', () => {
  it('keeps class, code and frames of an error and the class and code of its cause, never a message', () => {
    const cause = Object.assign(new Error('invalid input syntax for type uuid: "Yamada Hanako"'), {
      code: '22P02',
      detail: 'Key (email)=(hanako@example.org) already exists.',
    });
    // A parameter may hold a newline followed by text shaped like a stack frame.
    const err = new DrizzleLikeError(
      'Failed query: insert into notes values ($1)\nparams: first line\n    at secret (hanako:1:1)',
      cause,
    );
    const fields = errorFields(err);
    expect(fields).toMatchObject({ class: 'DrizzleLikeError', cause: { class: 'Error', code: '22P02' } });
    expect(fields.stack?.[0]).toMatch(/^at .*logger\.test\.ts/);
    const text = JSON.stringify(fields);
    for (const leak of ['Yamada', 'hanako', 'secret', 'params', 'insert', 'Key (email)']) {
      expect(text).not.toContain(leak);
    }
  });

  it('gives no frames when the stack does not start with the whole message', () => {
    const err = new Error('first\n    at secret (x:1:1)');
    void err.stack; // V8 writes the stack, with the message of the moment, when first read
    err.message = 'changed';
    expect(errorFields(err)).toEqual({ class: 'Error' });
  });

  it('names what is not an error by its type and drops codes that could carry text', () => {
    expect(errorFields('a thrown string with a name')).toEqual({ class: 'string' });
    expect(errorFields(undefined)).toEqual({ class: 'undefined' });
    expect(errorFields({ code: 'ECONNRESET' })).toEqual({ class: 'Object', code: 'ECONNRESET' });
    expect(errorFields({ code: 'not a code: Yamada' })).toEqual({ class: 'Object' });
    expect(errorFields({ code: 28000 })).toEqual({ class: 'Object', code: '28000' });
  });
});
