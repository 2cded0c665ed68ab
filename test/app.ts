import type { StaffRole } from '../src/core/enums';
import { createApp } from '../src/server/app';
import type { AppDeps } from '../src/server/env';
import type { Mailer, MailMessage } from '../src/services/mail/mailer';
import { createUser } from '../src/services/users/create-user';
import { createTestDb, type TestDatabase } from './db';

export const TEST_PASSWORD = 'correct horse battery';

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

type Json = Record<string, unknown> | unknown[];

/**
 * An app on a fresh database with a signed-in admin. `api` sends JSON as the
 * admin (or as another user via `as`), and returns status plus parsed body.
 */
/** The server secret of every test app (survey links are derived from it). */
export const TEST_SECRET = Buffer.from('kumiai-test-secret-kumiai-test-secret-0123', 'utf8');

export async function createTestApp(
  options: {
    now?: () => Date;
    log?: AppDeps['log'];
    publicRateLimit?: number;
    publicAnswersPerLink?: number;
    publicUrl?: string;
    /** Outgoing mail: a recording mailer by default (`t.mail.sent`); null: mail not configured. */
    mailer?: Mailer | null;
  } = {},
) {
  const mail = recordingMailer();
  const database: TestDatabase = await createTestDb();
  const app = createApp({
    database,
    config: { secureCookies: false, trustProxy: false, sessionDays: 14 },
    now: options.now,
    log: options.log ?? (() => {}),
    secret: TEST_SECRET,
    publicUrl: options.publicUrl,
    // Generous: tests send many requests from one address and through one link.
    publicRateLimit: options.publicRateLimit ?? 100_000,
    publicAnswersPerLink: options.publicAnswersPerLink ?? 100_000,
    mailer: options.mailer === null ? undefined : (options.mailer ?? mail),
  });

  async function raw(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    return app.request(path, init);
  }

  async function signIn(email: string, password = TEST_PASSWORD) {
    const res = await raw('POST', '/api/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
    const cookie = res.headers.get('set-cookie')?.split(';')[0];
    if (!cookie) throw new Error('no session cookie');
    return cookie;
  }

  async function addUser(
    role: StaffRole,
    email = `${role}-${Math.random().toString(36).slice(2, 8)}@example.org`,
  ) {
    const user = await createUser(database.db, {
      email,
      displayName: `${role} user`,
      role,
      password: TEST_PASSWORD,
      workplaceIds: [],
    });
    return { user, cookie: await signIn(email) };
  }

  const admin = await addUser('admin', 'admin@example.org');

  function client(cookie: string) {
    // Tests read response bodies loosely; assertions check their shape.
    // biome-ignore lint/suspicious/noExplicitAny: test helper
    return async <T = any>(
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) => {
      const res = await raw(method, path, body, { cookie, ...headers });
      const text = await res.text();
      let json: T | undefined;
      try {
        json = text ? (JSON.parse(text) as T) : undefined;
      } catch {
        json = undefined;
      }
      return { status: res.status, body: json as T, headers: res.headers, text };
    };
  }

  return {
    app,
    database,
    db: database.db,
    admin: admin.user,
    api: client(admin.cookie),
    as: client,
    raw,
    signIn,
    addUser,
    mail,
    close: () => database.close(),
  };
}

/** A mailer that keeps what it was given (route tests; the SMTP path is tested with a real server). */
export function recordingMailer() {
  const sent: MailMessage[] = [];
  return {
    sent,
    send: async (message: MailMessage) => {
      sent.push(message);
    },
    close: () => {},
  };
}

export type { Json };
