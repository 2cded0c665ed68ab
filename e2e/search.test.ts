import { describe, expect, it } from 'vitest';
import { ADMIN, expectNoSeriousViolations, PHONE, settle, signIn, useKumiai } from './harness';

// Issue 17, search everywhere: the top bar's box on every page, results as you type grouped
// 組合員 / 職場 / 要求 / タスク, opened with the keyboard (/ and Ctrl+K, arrows, Enter) and by
// tapping on a phone.

describe('the top bar search', () => {
  const k = useKumiai({ demo: true, admin: ADMIN });

  it('opens with /, finds a member by a reading typed in hiragana, and opens them with the keyboard', async () => {
    const page = await k.newPage();
    await signIn(page);
    await settle(page);
    const box = page.getByRole('combobox', { name: '検索' });
    await page.locator('body').press('/');
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('なかむらこうじ');
    const list = page.getByRole('listbox', { name: '検索結果' });
    await list.waitFor();
    const members = list.getByRole('group', { name: '組合員' });
    await members.getByRole('option', { name: /中村 浩二/ }).waitFor();
    await expectNoSeriousViolations(page, 'search results open');
    await page.keyboard.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe(
      await members.getByRole('option').first().getAttribute('id'),
    );
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/members\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: /中村 浩二/ }).waitFor();
    expect(await box.inputValue()).toBe('');
  });

  it('opens with Ctrl+K on any page and groups workplaces, demands and tasks', async () => {
    const page = await k.newPage();
    await signIn(page);
    await page.goto('/tasks');
    await settle(page);
    await page.keyboard.press('Control+k');
    const box = page.getByRole('combobox', { name: '検索' });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('物流');
    const workplaces = page.getByRole('group', { name: '職場' });
    await workplaces.getByRole('option', { name: /物流センター倉庫課/ }).click();
    await page.waitForURL(/\/workplaces\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: /物流センター倉庫課/ }).waitFor();
    // Escape closes the list and keeps what was typed.
    await box.click();
    await page.keyboard.type('物流');
    await page.getByRole('listbox', { name: '検索結果' }).waitFor();
    await page.keyboard.press('Escape');
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    expect(await box.inputValue()).toBe('物流');
  });

  it('works on a phone: the box is in the top bar, a tap opens a member', async () => {
    const page = await k.newPage({ viewport: PHONE, hasTouch: true, isMobile: true });
    await page.goto('/login');
    await page.getByLabel('メールアドレス').fill(ADMIN.email);
    await page.getByLabel('パスワード').fill(ADMIN.password);
    await page.getByRole('button', { name: 'ログイン' }).tap();
    await page.waitForURL((url) => url.pathname !== '/login' && url.pathname !== '/');
    await settle(page);
    const box = page.getByRole('combobox', { name: '検索' });
    await box.tap();
    await page.keyboard.type('中村浩二');
    const option = page.getByRole('option', { name: /中村 浩二/ });
    await option.waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await expectNoSeriousViolations(page, 'search results on a phone');
    await option.tap();
    await page.waitForURL(/\/members\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: /中村 浩二/ }).waitFor();
  });
});
