import { describe, expect, it } from 'vitest';
import { ADMIN, settle, signIn, useKumiai } from './harness';

// Issue 14: next actions are part of the week. On the demo union the weekly
// dashboard lists 今週期日の次のアクション, a member's name opens them, and the
// member list's 次のアクションの期日 filter lists the same members.

describe('next actions on a demo union', () => {
  const k = useKumiai({ demo: true, admin: ADMIN });

  it('shows the week’s next actions on the dashboard, opens a member, and filters the member list', async () => {
    const page = await k.newPage();
    await signIn(page);
    await page.goto('/dashboards/weekly');
    await settle(page);
    const heading = page.getByRole('heading', { level: 2, name: /今週期日の次のアクション/ });
    await heading.waitFor();
    const section = page.locator('#dash-next-actions');
    const rows = section.getByTestId('next-action');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);

    // The member list's 今週 filter lists the ones due from today to Sunday (the dashboard's not-overdue rows).
    const notOverdue = await section
      .locator('[data-testid="next-action"]:not(.dash-row-overdue) th a')
      .allTextContents();
    await section.getByRole('link', { name: '今週期日のものを組合員一覧で開く' }).click();
    await page.waitForURL(/\/members\?nextActionDue=this_week/);
    await settle(page);
    const select = page.getByLabel('次のアクションの期日');
    expect(await select.inputValue()).toBe('this_week');
    for (const name of notOverdue.slice(0, 5)) {
      await page.getByRole('link', { name, exact: true }).first().waitFor();
    }

    // The filter changes with the select, kept in the URL.
    await select.selectOption('overdue');
    await page.waitForURL(/nextActionDue=overdue/);
    await settle(page);

    // Back on the dashboard, a member's name opens the member.
    await page.goto('/dashboards/weekly');
    await settle(page);
    const first = page.locator('#dash-next-actions [data-testid="next-action"] th a').first();
    const name = (await first.textContent())!;
    await first.click();
    await page.waitForURL(/\/members\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name }).waitFor();
  });
});
