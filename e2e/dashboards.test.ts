import { describe, expect, it } from 'vitest';
import { ADMIN, settle, signIn, useKumiai } from './harness';

// Issue 5: both dashboards open on the demo union, their charts render, and
// every figure leads to the members behind it.

describe('dashboards on a demo union', () => {
  const k = useKumiai({ demo: true, admin: ADMIN });

  it('shows the weekly dashboard with follow-ups, at-risk alerts and a workplace map that drills down to members', async () => {
    const page = await k.newPage();
    await signIn(page);
    await page.goto('/dashboards/weekly');
    await settle(page);
    await page.getByRole('heading', { level: 1, name: '専従役員・書記長の週次ダッシュボード' }).waitFor();
    await page.getByRole('heading', { name: /脱退リスクアラート/ }).waitFor();
    // A cell of the map opens the member list filtered by workplace and engagement.
    const cell = page.locator('a[href*="/members?"][href*="engagement=at_risk"]').first();
    await cell.waitFor();
    const href = await cell.getAttribute('href');
    expect(href).toContain('workplaceId=');
    await cell.click();
    await page.waitForURL(/\/members\?.*engagement=at_risk/);
    await settle(page);
    await page.getByRole('heading', { level: 1, name: /組合員/ }).waitFor();
  });

  it('renders the monthly charts (ECharts, loaded on demand) with their tables, and links to the printable report', async () => {
    const page = await k.newPage();
    await signIn(page);
    await page.goto('/dashboards/monthly');
    await settle(page);
    await page.getByRole('heading', { level: 1, name: '執行委員会向け月次ダッシュボード' }).waitFor();
    const charts = page.locator('[data-testid="chart"]');
    await expect.poll(() => charts.count()).toBeGreaterThanOrEqual(3);
    // Every chart draws: ECharts puts a canvas or an SVG inside its container.
    await expect
      .poll(() => page.locator('[data-testid="chart"] canvas, [data-testid="chart"] svg').count(), {
        timeout: 15_000,
      })
      .toBeGreaterThanOrEqual(await charts.count());
    for (const label of await charts.evaluateAll((els) =>
      els.map((el) => el.getAttribute('aria-label') ?? ''),
    )) {
      expect(label.length, 'each chart has a spoken summary').toBeGreaterThan(10);
    }
    const report = page.getByRole('link', { name: /印刷用レポート/ });
    const href = await report.getAttribute('href');
    expect(href).toMatch(/\/reports\/monthly\?month=\d{4}-\d{2}/);
    await page.goto(href!);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page
      .getByText(/今月の変化/)
      .first()
      .waitFor();
  });
});
