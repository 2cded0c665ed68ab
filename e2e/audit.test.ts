import { describe, expect, it } from 'vitest';
import { ADMIN, settle, signIn, useKumiai } from './harness';

// Issue 14: the audit log says who and what in words, and one view of the weekly
// dashboard writes one read entry per sensitive case it shows.

type Weekly = { followUps: { caseId: string; caseTitle: string; memberName: string; sensitive: boolean }[] };

describe('the audit log in words on a demo union', () => {
  const k = useKumiai({ demo: true, admin: ADMIN });

  it('one weekly dashboard view by an officer is one named entry per sensitive case shown', async () => {
    const officer = await k.newPage();
    await signIn(officer, 'sato@demo.kumiai.example', 'kumiai-demo-2026');
    const answer = officer.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/dashboards/weekly' && r.request().method() === 'GET',
    );
    await officer.goto('/dashboards/weekly');
    const weekly = (await (await answer).json()) as Weekly;
    await settle(officer);
    const shown = new Map(weekly.followUps.filter((f) => f.sensitive).map((f) => [f.caseId, f]));
    expect(shown.size).toBeGreaterThan(0);

    const admin = await k.newPage();
    await signIn(admin);
    await admin.goto('/settings?tab=audit');
    const table = admin.getByRole('table', { name: '監査ログ' });
    await table.waitFor();
    await admin.getByLabel('操作した人').selectOption({ label: '佐藤 健一' });
    await admin.getByLabel('操作', { exact: true }).selectOption({ label: '機微な案件の閲覧' });
    await admin.getByRole('button', { name: '絞り込む', exact: true }).click();
    await admin.waitForURL(/action=read_sensitive/);
    await expect
      .poll(() =>
        admin
          .getByRole('status')
          .filter({ hasText: /^\d+件$/ })
          .textContent(),
      )
      .toBe(`${shown.size}件`);
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(shown.size);

    // Each row in words: who, the case's title and its member, the screen — no raw keys.
    const texts = await rows.allTextContents();
    for (const { caseTitle, memberName } of shown.values()) {
      const row = texts.find((t) => t.includes(caseTitle) && t.includes(`（${memberName}）`));
      expect(row, `${caseTitle} of ${memberName}`).toBeDefined();
      expect(row).toContain('佐藤 健一');
      expect(row).toContain('週次ダッシュボード');
    }
    expect(texts.join('\n')).not.toContain('weekly_dashboard');
  });
});
