import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingMailer } from '../../test/app';
import { createTestDb, type TestDatabase } from '../../test/db';
import { loadConfig } from '../config/env';
import { tasks, users } from '../db/schema';
import { createUser } from '../services/users/create-user';
import { scheduleDigests } from './digest-scheduler';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDb();
});
afterAll(async () => {
  await database?.close();
});

describe('the digest scheduler', () => {
  it('sends due digests each tick, once, and logs counts only; a failure is logged by class and code', async () => {
    const db = database.db;
    const u = await createUser(db, {
      email: 'tick@union.example',
      displayName: '山本 五郎',
      role: 'officer',
      password: 'correct horse battery',
      workplaceIds: [],
    });
    await db.update(users).set({ digest: 'daily', digestTime: '07:00' }).where(eq(users.id, u.id));
    await db.insert(tasks).values({ title: '確認', dueOn: '2026-05-01', assigneeId: u.id });
    const mailer = recordingMailer();
    const logged: string[] = [];
    const pending: (() => void)[] = [];
    let now = new Date('2026-05-01T07:30:00+09:00');
    const scheduler = scheduleDigests(
      db,
      mailer,
      'https://k.example',
      (l, m, x) => logged.push(`${l}: ${m} ${JSON.stringify(x ?? {})}`),
      {
        now: () => now,
        setTimer: (run) => {
          pending.push(run);
          return { cancel: () => {} };
        },
      },
    );
    const tick = async () => {
      const count = pending.length;
      pending.at(-1)!();
      for (let i = 0; i < 300 && pending.length === count; i++) await new Promise((r) => setTimeout(r, 10));
    };
    await tick();
    await tick();
    expect(mailer.sent.map((m) => m.to)).toEqual(['tick@union.example']);
    expect(logged).toEqual(['info: E-mail digests: sent 1, failed 0, empty 0 {}']);
    now = new Date('2026-05-02T07:30:00+09:00');
    mailer.send = async () => {
      throw Object.assign(new Error('550 tick@union.example unknown'), { code: 'EENVELOPE' });
    };
    await tick();
    expect(logged.at(-1)).toBe('info: E-mail digests: sent 0, failed 1, empty 0 {}');
    expect(logged.join('\n')).not.toContain('@');
    await scheduler.stop();
  });

  it('reads SMTP_URL and MAIL_FROM together, refusing one without the other or another scheme', () => {
    expect(loadConfig({}).mail).toBeUndefined();
    expect(
      loadConfig({ SMTP_URL: 'smtps://u:p%40ss@mail.example:465', MAIL_FROM: 'Kumiai <k@u.example>' }).mail,
    ).toEqual({ smtpUrl: 'smtps://u:p%40ss@mail.example:465', from: 'Kumiai <k@u.example>' });
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example' })).toThrow(/MAIL_FROM: required/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example', MAIL_FROM: 'k@u.example' })).toThrow(
      /SMTP_URL/,
    );
    expect(() => loadConfig({ SMTP_URL: 'smtp://m.example', MAIL_FROM: 'k@u.example\r\nBcc: x@y' })).toThrow(
      /MAIL_FROM/,
    );
  });
});
