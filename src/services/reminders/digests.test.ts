import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '../../../test/db';
import { startSmtpServer } from '../../../test/smtp';
import {
  auditLog,
  demands,
  digestSends,
  memberCases,
  members,
  tasks,
  users,
  workplaceMeetings,
  workplaces,
} from '../../db/schema';
import { createMailer } from '../mail/mailer';
import { createUser } from '../users/create-user';
import { runDigests } from './run-digests';

let database: TestDatabase;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const BASE = 'https://kumiai.union.example';

beforeAll(async () => {
  database = await createTestDb();
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
  await database?.close();
});

const user = (email: string, displayName: string, role: 'officer' | 'rep', workplaceIds: string[]) =>
  createUser(database.db, { email, displayName, role, password: 'correct horse battery', workplaceIds });

describe('e-mail digests over a simulated month', () => {
  it('sends each daily and weekly digest exactly once, with two runners at every tick and a retry after a failure', async () => {
    const db = database.db;
    const [w1, w2] = await db
      .insert(workplaces)
      .values([{ name: '第一製造課' }, { name: '第二製造課' }])
      .returning();
    const officer = await user('officer@union.example', '鈴木 一郎', 'officer', []);
    const rep = await user('rep@union.example', '田中 次郎', 'rep', [w1!.id]);
    const idle = await user('idle@union.example', '高橋 三郎', 'rep', []);
    await db.update(users).set({ digest: 'daily', digestTime: '07:00' }).where(eq(users.id, officer.id));
    await db.update(users).set({ digest: 'weekly', digestTime: '08:30' }).where(eq(users.id, rep.id));
    await db.update(users).set({ digest: 'daily', digestTime: '07:00' }).where(eq(users.id, idle.id));

    const [m1, m2] = await db
      .insert(members)
      .values([
        {
          name: '山田 太郎',
          workplaceId: w1!.id,
          ownerId: officer.id,
          nextAction: '面談の約束',
          nextActionDueOn: '2026-11-30',
          emails: [{ address: 'taro.private@example.com' }],
        },
        {
          name: '佐藤 花子',
          workplaceId: w2!.id,
          ownerId: officer.id,
          nextAction: '電話',
          nextActionDueOn: '2026-12-02',
        },
      ])
      .returning();
    await db.insert(memberCases).values([
      { memberId: m1!.id, title: '残業代の相談', openedOn: '2026-11-01', dueOn: '2026-12-10' },
      {
        memberId: m2!.id,
        title: 'ハラスメント相談X',
        openedOn: '2026-11-01',
        dueOn: '2026-12-08',
        sensitive: true,
      },
    ]);
    await db.insert(tasks).values({ title: '職場訪問の準備', dueOn: '2026-12-01', assigneeId: officer.id });
    const [demand] = await db
      .insert(demands)
      .values({ title: '賃上げ要求', status: 'negotiating', nextNegotiationOn: '2026-12-09' })
      .returning();
    await db.insert(workplaceMeetings).values([
      { workplaceId: w1!.id, heldOn: '2026-12-09', title: '職場集会', attendeeCount: 0, invitedCount: 0 },
      {
        workplaceId: w2!.id,
        heldOn: '2026-12-10',
        title: '第二職場懇談会',
        attendeeCount: 0,
        invitedCount: 0,
      },
    ]);

    const config = { smtpUrl: smtp.url, from: 'Kumiai <kumiai@union.example>' };
    // Two servers (or a server and its restart): each with its own SMTP connection.
    const runners = [createMailer(config), createMailer(config)];
    const start = new Date('2026-12-01T00:00:00+09:00').getTime();
    const end = new Date('2027-01-01T00:00:00+09:00').getTime();
    const failAt = new Date('2026-12-15T12:00:00+09:00').getTime();
    for (let t = start; t < end; t += 6 * 60 * 60_000) {
      if (t === failAt) smtp.failNext(1);
      const asOf = new Date(t);
      await Promise.all(runners.map((mailer) => runDigests({ db, mailer, baseUrl: BASE, now: asOf }, asOf)));
    }
    for (const m of runners) m.close();

    const to = (address: string) => smtp.received.filter((r) => r.envelopeTo.includes(address));
    // Daily: every day of December once (the 15th after one retry); weekly: Mondays 30 Nov … 28 Dec.
    expect(to('officer@union.example')).toHaveLength(31);
    expect(to('rep@union.example')).toHaveLength(5);
    // A rep without workplaces only has the union's negotiation date (9 Dec) to hear about: 7–9 Dec.
    expect(to('idle@union.example').map((r) => r.parsed.subject)).toEqual([
      '【Kumiai】今日のお知らせ（2026-12-07）',
      '【Kumiai】今日のお知らせ（2026-12-08）',
      '【Kumiai】今日のお知らせ（2026-12-09）',
    ]);
    expect(smtp.received.every((r) => r.envelopeTo.length === 1)).toBe(true);
    expect(new Set(to('officer@union.example').map((r) => r.parsed.subject)).size).toBe(31);

    const sends = await db.select().from(digestSends);
    const officerSends = sends.filter((s) => s.userId === officer.id);
    expect(officerSends.every((s) => s.status === 'sent')).toBe(true);
    expect(officerSends.find((s) => s.periodKey === 'daily:2026-12-15')).toMatchObject({
      status: 'sent',
      attempts: 2,
      lastError: null,
    });
    expect(sends.filter((s) => s.userId === rep.id).map((s) => s.periodKey)).toEqual([
      'weekly:2026-11-30',
      'weekly:2026-12-07',
      'weekly:2026-12-14',
      'weekly:2026-12-21',
      'weekly:2026-12-28',
    ]);
    // Nothing due: the period is marked 'empty', no mail goes out.
    const idleSends = sends.filter((s) => s.userId === idle.id);
    expect(idleSends).toHaveLength(31);
    expect(idleSends.filter((s) => s.status === 'empty')).toHaveLength(28);

    const audit = await db.select().from(auditLog).where(eq(auditLog.tableName, 'digest_sends'));
    expect(audit.filter((a) => a.action === 'digest_sent')).toHaveLength(39);
    const failed = audit.filter((a) => a.action === 'digest_failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.details).toMatchObject({ period: 'daily:2026-12-15', error: 'SMTP_451', retry: true });
    expect(JSON.stringify(audit)).not.toMatch(/@|山田|職場訪問/);

    // The officer's Monday digest: both parts, Japanese, links, names only.
    const monday = to('officer@union.example').find((r) => r.parsed.subject?.includes('2026-12-07'))!;
    expect(monday.parsed.subject).toBe('【Kumiai】今日のお知らせ（2026-12-07）');
    expect(monday.raw).toMatch(/^Subject: =\?UTF-8\?/im);
    expect(monday.parsed.from?.value[0]).toMatchObject({ name: 'Kumiai', address: 'kumiai@union.example' });
    const text = monday.parsed.text ?? '';
    const html = String(monday.parsed.html);
    expect(monday.raw).toMatch(/multipart\/alternative[\s\S]*text\/plain[\s\S]*text\/html/);
    for (const part of [text, html]) {
      expect(part).toContain('鈴木 一郎');
      expect(part).toContain('職場訪問の準備');
      expect(part).toContain('山田 太郎');
      expect(part).toContain('佐藤 花子');
      expect(part).toContain('賃上げ要求');
      expect(part).toContain('第二職場懇談会');
      expect(part).toContain('非公開の案件 1件');
      expect(part).toContain(`${BASE}/members/${m1!.id}`);
      expect(part).toContain(`${BASE}/demands/${demand!.id}`);
      expect(part).toContain('脱退リスク');
      // Never the cases' titles, the next actions' text or contact data.
      expect(part).not.toMatch(/ハラスメント|残業代|面談の約束|taro\.private/);
    }

    // The rep's weekly digest: their workplace only, no sensitive count, no union figures.
    const weekly = to('rep@union.example').find((r) => r.parsed.subject?.includes('2026-12-07'))!;
    expect(weekly.parsed.subject).toBe('【Kumiai】今週のお知らせ（2026-12-07〜）');
    const repText = weekly.parsed.text ?? '';
    expect(repText).toContain('山田 太郎');
    expect(repText).toContain('職場集会（第一製造課）');
    expect(repText).not.toMatch(/佐藤|第二|非公開|脱退リスク|職場訪問/);
  }, 60_000);

  it('gives a failing period up after the third retry', async () => {
    const db = database.db;
    const u = await user('giveup@union.example', '伊藤 四郎', 'officer', []);
    await db.update(users).set({ digest: 'daily', digestTime: '06:00' }).where(eq(users.id, u.id));
    await db.insert(tasks).values({ title: '再送の確認', dueOn: '2027-02-01', assigneeId: u.id });
    const mailer = createMailer({ smtpUrl: smtp.url, from: 'kumiai@union.example' });
    const before = smtp.received.length;
    smtp.failNext(100);
    let t = new Date('2027-02-01T06:00:00+09:00').getTime();
    for (let i = 0; i < 8; i++, t += 3 * 60 * 60_000) {
      await runDigests({ db, mailer, baseUrl: BASE, now: new Date(t) }, new Date(t));
    }
    smtp.failNext(0);
    mailer.close();
    const [row] = await db
      .select()
      .from(digestSends)
      .where(and(eq(digestSends.userId, u.id), eq(digestSends.periodKey, 'daily:2027-02-01')));
    expect(row).toMatchObject({ status: 'failed', attempts: 4, nextAttemptAt: null, lastError: 'SMTP_451' });
    // Other users' periods of that day are unaffected; this one got no mail.
    expect(smtp.received.slice(before).some((r) => r.envelopeTo.includes('giveup@union.example'))).toBe(
      false,
    );
  });

  it('sends a period whose sender died after claiming it, once its claim has lapsed, and only once', async () => {
    const db = database.db;
    const u = await user('crash@union.example', '渡辺 五郎', 'officer', []);
    await db.update(users).set({ digest: 'daily', digestTime: '06:00' }).where(eq(users.id, u.id));
    await db.insert(tasks).values({ title: '落ちた送信の確認', dueOn: '2027-03-01', assigneeId: u.id });
    const at = (hhmm: string) => new Date(`2027-03-01T${hhmm}:00+09:00`);
    // A server claimed the period at 06:00 and died before sending (the row stays pending).
    await db.insert(digestSends).values({
      userId: u.id,
      periodKey: 'daily:2027-03-01',
      status: 'pending',
      attempts: 0,
      nextAttemptAt: new Date(at('06:00').getTime() + 10 * 60_000),
      createdAt: at('06:00'),
    });
    const mailer = createMailer({ smtpUrl: smtp.url, from: 'kumiai@union.example' });
    const before = smtp.received.length;
    const mine = () =>
      smtp.received.slice(before).filter((r) => r.envelopeTo.includes('crash@union.example')).length;
    // Within the claim nobody sends; after it, one runner of two does.
    await runDigests({ db, mailer, baseUrl: BASE, now: at('06:05') }, at('06:05'));
    expect(mine()).toBe(0);
    await Promise.all([
      runDigests({ db, mailer, baseUrl: BASE, now: at('06:11') }, at('06:11')),
      runDigests({ db, mailer, baseUrl: BASE, now: at('06:11') }, at('06:11')),
    ]);
    await runDigests({ db, mailer, baseUrl: BASE, now: at('07:00') }, at('07:00'));
    mailer.close();
    expect(mine()).toBe(1);
    const [row] = await db
      .select()
      .from(digestSends)
      .where(and(eq(digestSends.userId, u.id), eq(digestSends.periodKey, 'daily:2027-03-01')));
    // The dead sender's try counts as one.
    expect(row).toMatchObject({ status: 'sent', attempts: 2, nextAttemptAt: null });
  });
});
