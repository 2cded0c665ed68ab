import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../test/app';
import { createApp } from './app';
import { createLog } from './logger';

const SECRET_NOTE = 'Secret-note-text: talked about her divorce';
const SECRET_NAME = 'Secret Name 秘密';
const SECRET_PASSWORD = 'Secret-password-12345';

describe('an unexpected database error', () => {
  let t: TestApp;
  let app: ReturnType<typeof createApp>;
  const chunks: string[] = [];
  const output = () => chunks.join('');
  const records = () =>
    output()
      .split('\n')
      .slice(0, -1)
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  beforeAll(async () => {
    t = await createTestApp();
    app = createApp({
      database: t.database,
      config: { secureCookies: false, trustProxy: false, sessionDays: 14 },
      log: createLog('info', { write: (chunk: string) => void chunks.push(chunk) }),
    });
  });
  afterAll(async () => {
    await t?.db.execute(sql`drop trigger if exists kumiai_test_fail on member_notes`);
    await t?.db.execute(sql`drop trigger if exists kumiai_test_fail on users`);
    await t?.close();
  });

  async function send(method: string, path: string, body: unknown) {
    const cookie = await t.signIn('admin@example.org', TEST_PASSWORD);
    return app.request(path, {
      method,
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  it('answers 500 with a request id, and logs the route, class and code: never the SQL, its parameters or the message', async () => {
    const member = await t.api('POST', '/api/members', { name: 'Member A' });
    expect(member.status).toBe(201);
    // A database refusal that maps to no API error (disk full, a cancelled statement), raised
    // with the row in its own message, as PostgreSQL's messages quote values.
    await t.db.execute(sql`
      create or replace function kumiai_test_fail() returns trigger language plpgsql as $$
      begin
        raise exception 'refused row %', new::text using errcode = case tg_table_name when 'users' then '57014' else '53100' end;
      end $$`);
    await t.db.execute(sql`create trigger kumiai_test_fail before insert on member_notes
      for each row execute function kumiai_test_fail()`);
    await t.db.execute(sql`create trigger kumiai_test_fail before insert on users
      for each row execute function kumiai_test_fail()`);

    const cases = [
      {
        res: await send('POST', `/api/members/${member.body.id}/notes`, { body: SECRET_NOTE }),
        route: '/api/members/:id/notes',
        code: '53100',
      },
      {
        res: await send('POST', '/api/users', {
          email: 'new-officer@example.org',
          displayName: SECRET_NAME,
          role: 'officer',
          password: SECRET_PASSWORD,
        }),
        route: '/api/users',
        code: '57014',
      },
    ];
    for (const { res, route, code } of cases) {
      expect(res.status).toBe(500);
      const requestId = res.headers.get('x-request-id');
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      const body = await res.json();
      expect(body).toEqual({
        error: { code: 'internal_error', message: 'Something went wrong on the server', requestId },
      });
      const failed = records().find((r) => r.reqId === requestId && r.msg === 'request failed');
      expect(failed).toMatchObject({
        level: 50,
        method: 'POST',
        route,
        error: { class: 'DrizzleQueryError', cause: { code } },
      });
      const frames = (failed?.error as { stack?: string[] } | undefined)?.stack ?? [];
      expect(frames.length).toBeGreaterThan(0);
      for (const frame of frames) expect(frame).toMatch(/^at /);
      expect(records().find((r) => r.reqId === requestId && r.msg === 'request')).toMatchObject({
        status: 500,
      });
    }
    // Before, the record held drizzle's "Failed query: insert … params: …": the note, the
    // name and the new user's scrypt hash.
    for (const leak of [
      SECRET_NOTE,
      'divorce',
      SECRET_NAME,
      '秘密',
      SECRET_PASSWORD,
      'scrypt$',
      'params',
      'insert into',
      'refused row',
      'new-officer',
    ]) {
      expect(output()).not.toContain(leak);
    }
  });
});
