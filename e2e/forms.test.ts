import { describe, expect, it } from 'vitest';
import { ADMIN, apiGet, PHONE, settle, signIn, useKumiai } from './harness';

// A form's error summary must be seen: an officer who presses 登録する at the bottom of a
// long form (at phone height, under a sticky top bar) is shown why nothing was saved.

type MemberPage = { items: { employeeNumber: string | null }[] };

describe('a form refused by the server', () => {
  const k = useKumiai({ demo: true, admin: ADMIN });

  it('brings its error summary into view below the sticky top bar', async () => {
    k.allow({ status: 409, url: /\/api\/members$/ });
    const page = await k.newPage();
    await signIn(page);
    await page.setViewportSize(PHONE);
    const taken = (await apiGet<MemberPage>(page, '/api/members?limit=50')).items.find(
      (m) => m.employeeNumber,
    );
    expect(taken, 'the demo has members with an employee number').toBeDefined();

    await page.goto('/members?new=1');
    await settle(page);
    await page.getByLabel('氏名').fill('重複 確認');
    await page.getByLabel('社員番号').fill(taken!.employeeNumber!);
    const submit = page.getByRole('button', { name: '登録する' });
    await submit.scrollIntoViewIfNeeded();
    await submit.click();
    // The same employee number is first a likely duplicate (a warning with a link); pressing
    // 登録する again sends it, and the server refuses it.
    await page.getByText(/もう一度「登録する」を押すと登録します/).waitFor();
    await submit.scrollIntoViewIfNeeded();
    await submit.click();

    const alert = page.getByRole('alert').filter({ hasText: /社員番号/ });
    await alert.waitFor();
    // Let a smooth scroll, if any, finish before measuring.
    await page.waitForTimeout(300);
    const bar = await page.locator('.topbar').boundingBox();
    const box = await alert.boundingBox();
    expect(bar && box).toBeTruthy();
    expect(box!.y, 'the summary starts below the sticky top bar').toBeGreaterThanOrEqual(
      bar!.y + bar!.height - 1,
    );
    expect(box!.y, 'the summary is on screen').toBeLessThan(PHONE.height);
    expect(page.url(), 'nothing was created').toMatch(/\/members\?new=1$/);
  });
});
