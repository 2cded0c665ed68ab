import { afterAll, describe, expect, it } from 'vitest';
import { startSmtpServer } from '../test/smtp';
import { ADMIN, apiPost, settle, signedInContext, signIn, useKumiai } from './harness';

// Issue 18: the e-mail digest setting on the account page, and the admin's test mail, against a
// real SMTP server in the test process (the server under test gets its address in SMTP_URL).

const smtp = await startSmtpServer();
afterAll(() => smtp.close());

const OFFICER = { email: 'digest-officer@example.org', password: 'officer-password-1', name: '佐藤 二郎' };

describe('e-mail reminders', () => {
  const k = useKumiai({
    admin: ADMIN,
    env: { SMTP_URL: smtp.url, MAIL_FROM: 'Kumiai <kumiai@union.example>' },
  });

  it('an officer chooses a daily digest at 06:30 and sees it saved; the admin sends a test mail from the settings', async () => {
    const admin = await signedInContext(k, ADMIN.email, ADMIN.password);
    await apiPost(admin.request, '/api/users', {
      email: OFFICER.email,
      displayName: OFFICER.name,
      role: 'officer',
      password: OFFICER.password,
    });
    const page = await k.newPage();
    await signIn(page, OFFICER.email, OFFICER.password);
    await page.goto('/account');
    await settle(page);
    const section = page.getByRole('region', { name: 'メールでのお知らせ' });
    await section.getByRole('radio', { name: '受け取らない' }).waitFor();
    expect(await section.getByRole('radio', { name: '受け取らない' }).isChecked()).toBe(true);
    await section.getByRole('radio', { name: '毎日' }).check();
    await section.getByLabel('時刻（組織のタイムゾーン）').fill('06:30');
    await section.getByRole('button', { name: '保存' }).click();
    await section.getByText('保存しました。毎日 06:30 にお知らせします。').waitFor();
    const saved = await (await page.request.get('/api/auth/me/notifications')).json();
    expect(saved).toMatchObject({ digest: 'daily', digestTime: '06:30', mail: { configured: true } });
    // An officer gets no test-mail button (admins only).
    expect(await section.getByRole('button', { name: 'テストメールを送信' }).count()).toBe(0);

    const adminPage = await k.newPage();
    await signIn(adminPage);
    await adminPage.goto('/settings');
    await settle(adminPage);
    const mail = adminPage.getByRole('region', { name: 'メールの送信' });
    await mail.getByRole('button', { name: 'テストメールを送信' }).click();
    await mail.getByText('テストメールを送信しました。').waitFor();
    const received = smtp.received.filter((r) => r.envelopeTo.includes(ADMIN.email));
    expect(received).toHaveLength(1);
    expect(received[0]!.parsed.subject).toBe('Kumiai テストメール（組合）');
    expect(received[0]!.parsed.text).toContain('テストメールです');
  });
});
