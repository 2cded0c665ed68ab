import { describe, expect, it } from 'vitest';
import { ADMIN, apiPost, PHONE, settle, signedInContext, signIn, useKumiai } from './harness';

// Issue 17: an officer records a member's phone numbers, e-mail address and preferred channel
// in the member form; the member page offers them as tel:/mailto: links (big enough to tap on
// a phone), after saving and after a reload; removing a number saves. An executive's member
// page shows no contact details at all.

// A fresh suffix per attempt: a retry must not collide with the users of the first.
const tag = () => Math.random().toString(36).slice(2, 8);
const OFFICER = { email: 'contacts-officer@example.org', password: 'officer-password-1', name: '連絡 専従' };
const EXECUTIVE = { email: 'contacts-exec@example.org', password: 'executive-password-1', name: '連絡 執行' };

describe('members’ contact details in the browser', () => {
  const k = useKumiai({ admin: ADMIN });

  it('an officer adds two phones, an e-mail and a channel, taps them after save and reload, and removes a phone', async () => {
    const adminContext = await signedInContext(k, ADMIN.email, ADMIN.password);
    const suffix = tag();
    OFFICER.email = `contacts-officer-${suffix}@example.org`;
    EXECUTIVE.email = `contacts-exec-${suffix}@example.org`;
    for (const [user, role] of [
      [OFFICER, 'officer'],
      [EXECUTIVE, 'executive'],
    ] as const) {
      await apiPost(adminContext.request, '/api/users', {
        email: user.email,
        displayName: user.name,
        role,
        password: user.password,
      });
    }
    const member = await apiPost<{ id: string }>(adminContext.request, '/api/members', { name: '電話 太郎' });
    await adminContext.close();

    // On a phone (the menu holds the sign-out button there): signed in through the API.
    const phone = await k.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
    const login = await phone.request.post('/api/auth/login', {
      data: { email: OFFICER.email, password: OFFICER.password },
    });
    expect(login.ok()).toBe(true);
    const page = await phone.newPage();
    await page.goto(`/members/${member.id}`);
    await settle(page);
    await page.getByRole('button', { name: '編集' }).click();

    const phones = page.getByRole('group', { name: '電話番号' });
    await phones.getByRole('button', { name: '+ 電話番号を追加' }).click();
    await page.getByLabel('電話番号（1件目）').fill('０９０－１２３４－５６７８');
    await phones.getByLabel('種類（任意）（1件目）').fill('携帯');
    await phones.getByRole('button', { name: '+ 電話番号を追加' }).click();
    await page.getByLabel('電話番号（2件目）').fill('03 1234 5678');
    const emails = page.getByRole('group', { name: 'メールアドレス' });
    await emails.getByRole('button', { name: '+ メールアドレスを追加' }).click();
    await page.getByLabel('メールアドレス（1件目）').fill('Taro.Denwa@Example.JP');
    await page.getByLabel('希望連絡手段').selectOption({ label: 'LINE' });
    await page.getByRole('button', { name: '保存' }).click();

    const card = page.getByRole('region', { name: '連絡先' });
    const checkCard = async () => {
      const mobile = card.getByRole('link', { name: '090-1234-5678 に電話をかける' });
      expect(await mobile.getAttribute('href')).toBe('tel:+819012345678');
      const office = card.getByRole('link', { name: '03-1234-5678 に電話をかける' });
      expect(await office.getAttribute('href')).toBe('tel:+81312345678');
      const mail = card.getByRole('link', { name: 'Taro.Denwa@example.jp にメールを送る' });
      expect(await mail.getAttribute('href')).toBe('mailto:Taro.Denwa@example.jp');
      await card.getByText('携帯').waitFor();
      await card.getByText('LINE').waitFor();
      // Tap targets on a phone: at least 44 × 44 CSS pixels.
      for (const link of [mobile, office, mail]) {
        const box = await link.boundingBox();
        expect(box!.height).toBeGreaterThanOrEqual(44);
        expect(box!.width).toBeGreaterThanOrEqual(44);
      }
    };
    await checkCard();
    await page.reload();
    await settle(page);
    await checkCard();

    // Remove the first number.
    await page.getByRole('button', { name: '編集' }).click();
    await page.getByRole('button', { name: '1件目の電話番号を削除' }).click();
    await page.getByRole('button', { name: '保存' }).click();
    await card.getByRole('link', { name: '03-1234-5678 に電話をかける' }).waitFor();
    expect(await card.getByRole('link', { name: /090-1234-5678/ }).count()).toBe(0);
    const saved = await (await page.request.get(`/api/members/${member.id}`)).json();
    expect(saved).toMatchObject({
      phones: [{ number: '0312345678' }],
      emails: [{ address: 'Taro.Denwa@example.jp' }],
      preferredChannel: 'line',
    });

    // A bad number is named beside its field, and nothing is saved (the 400 is expected).
    k.allow({ status: 400, url: /\/api\/members\/[0-9a-f-]{36}$/ });
    await page.getByRole('button', { name: '編集' }).click();
    await page.getByLabel('電話番号（1件目）').fill('090-1234-567');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('alert').filter({ hasText: '電話番号（1件目）' }).first().waitFor();
    await page.getByRole('button', { name: 'キャンセル' }).click();

    // The executive's page of the same member: no contact details anywhere.
    const execPage = await k.newPage();
    await signIn(execPage, EXECUTIVE.email, EXECUTIVE.password);
    await execPage.goto(`/members/${member.id}`);
    await settle(execPage);
    await execPage.getByRole('heading', { level: 1, name: '電話 太郎' }).waitFor();
    expect(await execPage.getByRole('region', { name: '連絡先' }).count()).toBe(0);
    const text = await execPage.locator('body').innerText();
    for (const s of ['1234-5678', 'Taro.Denwa', '希望連絡手段', 'LINE']) expect(text).not.toContain(s);
    expect(await execPage.locator('a[href^="tel:"], a[href^="mailto:"]').count()).toBe(0);
  });
});
