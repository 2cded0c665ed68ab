import { describe, expect, it } from 'vitest';
import { ADMIN, apiGet, settle, signIn, useKumiai } from './harness';

// Issue 15 §2: on the demo union, a demand's page shows what its 関連組合員数 is made of —
// by workplace with the share, 職種, 等級, engagement, union role — and the links over the
// season; a count opens exactly the members it counts. The monthly dashboard's compact
// breakdown leads to the same drill-down.

type Demand = { id: string; title: string; relatedMemberCount: number };
type Breakdown = {
  total: number;
  workplaces: { workplaceId: string | null; workplaceName: string | null; count: number }[];
  jobTypes: { value: string | null; count: number }[];
  history: { points: { date: string; count: number }[] };
};
type Listed = { items: { id: string; name: string }[]; total: number };

describe('a demand’s breakdown in the browser', () => {
  const k = useKumiai({ demo: true, admin: ADMIN });

  it('shows the breakdown and the history, and a count opens the members it counts', async () => {
    const page = await k.newPage();
    await signIn(page);
    const demands = await apiGet<{ items: Demand[] }>(page, '/api/demands?season=current&limit=500');
    const demand = demands.items[0]!;
    expect(demand.relatedMemberCount).toBeGreaterThan(3);
    const breakdown = await apiGet<Breakdown>(page, `/api/demands/${demand.id}/breakdown`);
    expect(breakdown.total).toBe(demand.relatedMemberCount);
    expect(breakdown.history.points.length).toBeGreaterThan(1);
    const top = breakdown.workplaces[0]!;

    await page.goto(`/demands/${demand.id}`);
    await settle(page);
    const section = page.getByTestId('demand-breakdown');
    await section.getByRole('heading', { name: '関連組合員数の内訳' }).waitFor();
    await expect
      .poll(() => section.getByTestId('breakdown-workplace').locator('tbody tr').count())
      .toBe(breakdown.workplaces.length);
    await section.getByTestId('breakdown-history').getByTestId('chart').waitFor();

    // The top workplace's count lists exactly its counted members.
    const label = `職場「${top.workplaceName ?? '未設定'}」の${top.count}人を一覧で見る`;
    await section.getByRole('link', { name: label }).click();
    const drill = section.getByTestId('breakdown-drill');
    await drill.getByRole('heading', { name: /の関連組合員/ }).waitFor();
    const expected = await apiGet<Listed>(
      page,
      `/api/demands/${demand.id}/members?counted=true&limit=500&${
        top.workplaceId ? `workplaceId=${top.workplaceId}` : 'unset=workplace'
      }`,
    );
    expect(expected.total).toBe(top.count);
    await expect
      .poll(async () =>
        (await drill.getByTestId('breakdown-drill-members').locator('li > a').allTextContents()).sort(),
      )
      .toEqual(expected.items.map((m) => m.name).sort());
    expect(new URL(page.url()).searchParams.get('by')).toBe('workplace');

    // Closing it leaves the page where it was, without the figure in the URL.
    await drill.getByRole('button', { name: '一覧を閉じる' }).click();
    await expect.poll(() => drill.count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('by')).toBeNull();

    // From the monthly dashboard: the demand's compact breakdown opens the same drill-down.
    await page.goto('/dashboards/monthly');
    await settle(page);
    const compact = page.getByTestId('demand-breakdowns').locator(`li[data-demand="${demand.id}"]`);
    await compact
      .getByRole('link', { name: new RegExp(`${demand.title}・職場「`) })
      .first()
      .waitFor();
    await compact
      .getByRole('link', { name: new RegExp(`${demand.title}・職場「`) })
      .first()
      .click();
    const demandPage = page.getByTestId('demand-breakdown');
    await demandPage
      .getByTestId('breakdown-drill')
      .getByRole('heading', { name: /の関連組合員/ })
      .waitFor();
  });
});
