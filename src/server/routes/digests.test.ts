import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditLog, members, tasks } from '../../db/schema';

const NOW = new Date('2026-12-07T03:00:00Z'); // Monday 12:00 in Tokyo
let t: TestApp;
let off: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => NOW, publicUrl: 'https://kumiai.union.example' });
  off = await createTestApp({ now: () => NOW, mailer: null });
});
afterAll(async () => {
  await t?.close();
  await off?.close();
});

describe('my notifications', () => {
  it('reads and saves my own digest choice, with field messages for bad input', async () => {
    const { cookie } = await t.addUser('rep');
    const rep = t.as(cookie);
    expect((await rep('GET', '/api/auth/me/notifications')).body).toEqual({
      digest: 'none',
      digestTime: '07:00',
      mail: { configured: true, reason: null },
    });
    const saved = await rep('PATCH', '/api/auth/me/notifications', { digest: 'weekly', digestTime: '18:45' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ digest: 'weekly', digestTime: '18:45' });
    // digestTime is kept when left out.
    expect((await rep('PATCH', '/api/auth/me/notifications', { digest: 'daily' })).body).toMatchObject({
      digest: 'daily',
      digestTime: '18:45',
    });
    for (const body of [
      { digest: 'hourly' },
      { digest: 'daily', digestTime: '24:00' },
      { digest: 'daily', digestTime: '7:00' },
      { digest: 'daily', digestTime: '07:00\n' },
      { digestTime: '07:00' },
      { digest: 'daily', userId: t.admin.id },
    ]) {
      const res = await rep('PATCH', '/api/auth/me/notifications', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    // The admin's own setting is untouched by the rep's.
    expect((await t.api('GET', '/api/auth/me/notifications')).body.digest).toBe('none');
  });

  it('says why mail is off when SMTP_URL is unset', async () => {
    const res = await off.api('GET', '/api/auth/me/notifications');
    expect(res.body.mail).toEqual({ configured: false, reason: expect.stringContaining('SMTP_URL') });
    expect((await off.api('GET', '/api/mail/status')).body.configured).toBe(false);
  });
});

describe('the test mail', () => {
  it("goes to the admin's own address, audited without it; 409 when mail is off", async () => {
    const res = await t.api('POST', '/api/mail/test');
    expect(res.status).toBe(200);
    expect(t.mail.sent.at(-1)).toMatchObject({
      to: 'admin@example.org',
      subject: 'Kumiai テストメール（組合）',
    });
    const [event] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'mail_test'));
    expect(event).toMatchObject({ actorId: t.admin.id, details: { ok: true, own: true } });
    expect(JSON.stringify(event)).not.toContain('@');

    const refused = await off.api('POST', '/api/mail/test');
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('SMTP_URL');
    expect((await off.api('POST', '/api/digests/run', {})).status).toBe(409);
  });
});

describe('POST /api/digests/run', () => {
  it('sends the due digests once, with links to the public URL', async () => {
    const { user, cookie } = await t.addUser('officer', 'digest-officer@example.org');
    await t.as(cookie)('PATCH', '/api/auth/me/notifications', { digest: 'daily', digestTime: '08:00' });
    const [m] = await t.db
      .insert(members)
      .values({ name: '山田 太郎', ownerId: user.id, nextActionDueOn: '2026-12-08', nextAction: '電話' })
      .returning();
    await t.db.insert(tasks).values([
      { title: '資料の準備', dueOn: '2026-12-09', assigneeId: user.id },
      // Made by a workflow rule a day ago, due later: listed as new since the last digest.
      {
        title: '勤続10年のお祝い',
        dueOn: '2027-01-20',
        assigneeId: user.id,
        ruleId: 'tenure_milestone',
        onceKey: 'tenure_milestone:digest-test',
        createdAt: new Date('2026-12-06T03:00:00Z'),
      },
    ]);
    const before = t.mail.sent.length;
    const first = await t.api('POST', '/api/digests/run', { asOf: '2026-12-07T08:00:00+09:00' });
    expect(first.body).toEqual({ sent: 1, empty: 0, failed: 0 });
    const again = await t.api('POST', '/api/digests/run', { asOf: '2026-12-07T09:00:00+09:00' });
    expect(again.body).toEqual({ sent: 0, empty: 0, failed: 0 });
    const mail = t.mail.sent.slice(before);
    expect(mail.map((x) => x.to)).toEqual(['digest-officer@example.org']);
    expect(mail[0]!.text).toContain(`https://kumiai.union.example/members/${m!.id}`);
    expect(mail[0]!.text).toContain('資料の準備');
    expect(mail[0]!.text).toMatch(
      /■ 前回のお知らせ以降に自動作成されたタスク\n・勤続10年のお祝い（期日 2027-01-20）/,
    );
    expect(mail[0]!.text).not.toContain('電話');
  });

  it('rejects a bad asOf with a field message', async () => {
    for (const asOf of ['2026-12-07', 'yesterday', '2026-13-01T00:00:00Z', 7]) {
      const res = await t.api('POST', '/api/digests/run', { asOf });
      expect(res.status, String(asOf)).toBe(400);
      expect(res.body.error.fields.asOf).toBeTruthy();
    }
  });
});
