import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN, apiPost, settle, signedInContext, signIn, useKumiai } from './harness';

// Issue 17: every user's own account page (name, language, password, sessions, API tokens) and
// two-step sign-in with an authenticator app; admins require it for roles and reset it.

const OFFICER = {
  email: 'tanaka@example.org',
  password: 'officer-password-1',
  name: '田中 一郎',
};
const NEW_PASSWORD = 'a-new-password-2';

/** The authenticator app: the code for `secret`, `steps` periods from now. */
function appCode(secret: string, steps = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: Date.now() + steps * 30_000,
  });
}

async function openAccount(page: Page, name: string) {
  await page.getByRole('link', { name: `${name}（アカウント）` }).click();
  await page.waitForURL('**/account');
  await settle(page);
}

describe('own account and two-step sign-in', () => {
  const k = useKumiai({ admin: ADMIN });

  it('a user changes name, language and password, ends a session, manages tokens, sets up two-step sign-in and signs in with a code; an admin resets it and can require it', async () => {
    const admin = await signedInContext(k, ADMIN.email, ADMIN.password);
    const officer = await apiPost<{ id: string }>(admin.request, '/api/users', {
      email: OFFICER.email,
      displayName: OFFICER.name,
      role: 'officer',
      password: OFFICER.password,
    });

    // Another device of the officer's, signed in before the password changes.
    const elsewhere = await signedInContext(k, OFFICER.email, OFFICER.password);
    const page = await k.newPage();
    await signIn(page, OFFICER.email, OFFICER.password);
    await openAccount(page, OFFICER.name);
    await expect(page.getByRole('heading', { level: 1, name: 'アカウント' }).isVisible()).resolves.toBe(true);

    // Name and language: English applies to the whole app, then back to Japanese.
    const profile = page.getByRole('region', { name: '名前と表示言語' });
    await profile.getByLabel('表示名').fill('田中 一郎（書記次長）');
    await profile.getByLabel('表示言語').selectOption('en');
    await profile.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { level: 1, name: 'Account' }).waitFor();
    await page.locator('.topbar').getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByRole('link', { name: '田中 一郎（書記次長） (account)' }).waitFor();
    const english = page.getByRole('region', { name: 'Name and language' });
    await english.getByLabel('Language').selectOption('ja');
    await english.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: 'アカウント' }).waitFor();
    const me = await (await page.request.get('/api/auth/me')).json();
    expect(me).toMatchObject({ displayName: '田中 一郎（書記次長）', language: 'ja' });

    // Password: the current one is checked; the other device is signed out.
    const password = page.getByRole('region', { name: 'パスワードの変更' });
    await password.getByLabel('現在のパスワード').fill('not-my-password');
    await password.getByLabel(/^新しいパスワード\s*\*?$/).fill(NEW_PASSWORD);
    await password.getByLabel('新しいパスワード（確認）').fill(NEW_PASSWORD);
    k.allow({ status: 400, url: /\/api\/auth\/password$/ });
    await password.getByRole('button', { name: 'パスワードを変更' }).click();
    await password.getByText('正しくありません').waitFor();
    await password.getByLabel('現在のパスワード').fill(OFFICER.password);
    await password.getByRole('button', { name: 'パスワードを変更' }).click();
    await password.getByText(/パスワードを変更しました/).waitFor();
    expect((await elsewhere.request.get('/api/auth/me')).status()).toBe(401);

    // Sessions: a new device appears in the list, and ending it signs it out.
    const phone = await signedInContext(k, OFFICER.email, NEW_PASSWORD);
    await page.reload();
    await settle(page);
    const sessions = page.getByRole('region', { name: 'サインイン中の端末' });
    const endButtons = sessions.getByRole('button', { name: /のサインインを終了する$/ });
    await endButtons.first().waitFor();
    expect(await endButtons.count()).toBe(1);
    await sessions.getByText('この端末').waitFor();
    await sessions.getByRole('button', { name: /のサインインを終了する$/ }).click();
    await sessions.getByText('サインインを終了しました。').waitFor();
    expect((await phone.request.get('/api/auth/me')).status()).toBe(401);

    // API tokens: created (shown once), listed, revoked.
    const tokens = page.getByRole('region', { name: 'APIトークン' });
    await tokens.getByLabel('トークンの名前').fill('集計スクリプト');
    await tokens.getByRole('button', { name: 'トークンを作成' }).click();
    const secretToken = (await tokens.locator('.account-new-token').textContent()) ?? '';
    expect(secretToken).toMatch(/^kumiai_/);
    const byToken = await page.request.get('/api/auth/me', {
      headers: { authorization: `Bearer ${secretToken}` },
    });
    expect(byToken.status()).toBe(200);
    page.once('dialog', (dialog) => void dialog.accept());
    await tokens.getByRole('button', { name: 'トークン「集計スクリプト」を無効にする' }).click();
    await tokens.getByText('APIトークンはありません。').waitFor();

    // Two-step sign-in: the QR code and key, a code from the app, recovery codes once.
    const twoStep = page.getByRole('region', { name: '2段階認証' });
    await twoStep.getByRole('button', { name: '2段階認証を設定する' }).click();
    await twoStep.getByRole('img', { name: '認証アプリに登録するQRコード' }).waitFor();
    const secret = (await twoStep.locator('.totp-secret').textContent()) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await twoStep.getByLabel('確認コード').fill(appCode(secret));
    await twoStep.getByRole('button', { name: '有効にする' }).click();
    const recovery = twoStep.getByRole('list', { name: '回復コード' });
    await recovery.waitFor();
    const codes = await recovery.getByRole('listitem').allTextContents();
    expect(codes).toHaveLength(10);
    await twoStep.getByRole('button', { name: '保管しました' }).click();
    await twoStep.getByText(/2段階認証は有効です/).waitFor();

    // Signing out and back in: the password, then a code (the next step's: the last one is used).
    // The top bar's open-task count can be in flight when the session ends.
    k.allow({ status: 401, url: /\/api\/tasks\?assignee=me/ });
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.waitForURL('**/login');
    await page.getByLabel('メールアドレス').fill(OFFICER.email);
    await page.getByLabel('パスワード').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByRole('heading', { name: /2段階認証/ }).waitFor();
    expect((await page.context().cookies()).some((c) => c.name === 'kumiai_session')).toBe(false);
    await page.getByLabel('確認コード').fill(appCode(secret, 1));
    await page.getByRole('button', { name: 'サインイン' }).click();
    await page.getByRole('button', { name: 'ログアウト' }).waitFor();
    await settle(page);

    // A recovery code works once instead of the app.
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.waitForURL('**/login');
    await page.getByLabel('メールアドレス').fill(OFFICER.email);
    await page.getByLabel('パスワード').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByRole('button', { name: '回復コードを使う' }).click();
    await page.getByLabel('回復コード').fill(codes[0]!);
    await page.getByRole('button', { name: 'サインイン' }).click();
    await page.getByRole('button', { name: 'ログアウト' }).waitFor();
    await settle(page);

    // The admin: the officer's second factor is on; reset it, and require it for officers.
    const adminPage = await k.newPage();
    await signIn(adminPage);
    await adminPage.goto(`/settings?tab=users&user=${officer.id}`);
    await settle(adminPage);
    const editor = adminPage.getByRole('region', { name: /田中 一郎（書記次長）/ });
    await editor.getByText(/^有効（/).waitFor();
    adminPage.once('dialog', (dialog) => void dialog.accept());
    await editor.getByRole('button', { name: '2段階認証をリセット' }).click();
    await editor.getByText('2段階認証をリセットしました。').waitFor();
    await adminPage.goto('/settings?tab=organization');
    await settle(adminPage);
    const required = adminPage.getByRole('form', { name: '2段階認証を必須にする役割' });
    await required.getByRole('checkbox', { name: '専従役員' }).check();
    await required.getByRole('button', { name: '保存' }).click();
    await required.getByText('保存しました。').waitFor();

    // The officer, without an app now, must set it up before anything else (the page's own
    // requests meanwhile may meet the 403).
    k.allow({ status: 403, url: /\/api\// });
    await page.goto('/members');
    await page.getByRole('heading', { name: /2段階認証の設定が必要です/ }).waitFor();
    await page.getByRole('button', { name: '2段階認証を設定する' }).click();
    const again = (await page.locator('.totp-secret').textContent()) ?? '';
    await page.getByLabel('確認コード').fill(appCode(again));
    await page.getByRole('button', { name: '有効にする' }).click();
    await page.getByRole('button', { name: '保管しました' }).click();
    await page.getByRole('button', { name: 'ログアウト' }).waitFor();
    await page.goto('/members');
    await settle(page);

    // Turning it off (with the password) while the role requires it: back to the set-up screen.
    await openAccount(page, '田中 一郎（書記次長）');
    const own = page.getByRole('region', { name: '2段階認証' });
    await own.getByLabel(/^パスワード/).fill(NEW_PASSWORD);
    await own.getByRole('button', { name: '無効にする' }).click();
    await page.getByRole('heading', { name: /2段階認証の設定が必要です/ }).waitFor();

    const events = await (await admin.request.get(`/api/audit-log?recordId=${officer.id}&limit=100`)).json();
    const actions = (events.items as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['password_changed', 'totp_enabled', 'totp_reset', 'totp_disabled']),
    );
    await Promise.all([admin.close(), elsewhere.close(), phone.close()]);
  }, 120_000);
});
