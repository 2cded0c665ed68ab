import { describe, expect, it } from 'vitest';
import { ADMIN, apiGet, PHONE, settle, signIn, useKumiai } from './harness';

// Issue 15 §1: on the demo union, the member list filtered by a workplace, 「条件に合う全員」
// linked to a demand in one go — the demand's 関連組合員数 grows by exactly the members who
// count among those newly linked — then a few members ticked one by one unlinked again.

type Demand = { id: string; title: string; relatedMemberCount: number };
type Member = { id: string; name: string; unionRole: string; status: string };
type Page<T> = { items: T[]; total: number };

describe('linking many members to a demand from the member list', () => {
  const k = useKumiai({ demo: true, admin: ADMIN });

  it('links everyone a workplace filter matches, then unlinks two ticked members', async () => {
    const page = await k.newPage();
    await signIn(page);
    const demands = await apiGet<Page<Demand>>(page, '/api/demands?season=current&sort=title&limit=500');
    // The demand with the fewest links, so the workplace surely has members to add.
    const demand = [...demands.items].sort((a, b) => a.relatedMemberCount - b.relatedMemberCount)[0]!;
    const workplaces = await apiGet<Page<{ id: string; name: string; memberCount: number }>>(
      page,
      '/api/workplaces?limit=500',
    );
    const workplace = [...workplaces.items].sort((a, b) => b.memberCount - a.memberCount)[0]!;

    // What the link must do, from the API before it: the workplace's active members not yet linked.
    const listed = await apiGet<Page<Member>>(
      page,
      `/api/members?workplaceId=${workplace.id}&status=active&limit=500`,
    );
    expect(listed.total).toBe(listed.items.length);
    const already = await apiGet<Page<Member>>(
      page,
      `/api/demands/${demand.id}/members?workplaceId=${workplace.id}&limit=500`,
    );
    const linkedIds = new Set(already.items.map((m) => m.id));
    const fresh = listed.items.filter((m) => !linkedIds.has(m.id));
    const counted = fresh.filter((m) => m.unionRole !== 'organizing_target');
    expect(counted.length).toBeGreaterThan(1);
    const before = demand.relatedMemberCount;
    const after = before + counted.length;

    await page.goto(`/members?workplaceId=${workplace.id}`);
    await settle(page);
    await page.getByRole('button', { name: '選択して一括操作' }).click();
    await page.getByRole('button', { name: `条件に合う全員（${listed.total}件）を選択` }).click();
    const bar = page.getByRole('region', { name: '選択した組合員の操作' });
    await bar.getByText(`条件に合う全員（${listed.total}件）を選択中`).waitFor();
    await bar.getByLabel('要求', { exact: true }).selectOption({ label: demand.title });
    await bar.getByRole('button', { name: '要求に紐付け' }).click();
    await bar.getByText(`${listed.total}人を『${demand.title}』に紐付けますか？`).waitFor();
    await bar.getByRole('button', { name: '紐付ける', exact: true }).click();
    await bar
      .getByText(`${fresh.length}人を『${demand.title}』に紐付けました（関連組合員数 ${after}人）`)
      .waitFor();

    await page.goto(`/demands/${demand.id}`);
    await settle(page);
    await expect.poll(() => page.getByTestId('related-member-count').textContent()).toBe(`${after}人`);

    // Two members who count, ticked on the list's first page, unlinked again.
    const firstPage = await apiGet<Page<Member>>(
      page,
      `/api/members?workplaceId=${workplace.id}&status=active&sort=nameKana&limit=50&offset=0`,
    );
    const two = firstPage.items.filter((m) => m.unionRole !== 'organizing_target').slice(0, 2);
    expect(two).toHaveLength(2);
    await page.goto(`/members?workplaceId=${workplace.id}`);
    await settle(page);
    await page.getByRole('button', { name: '選択して一括操作' }).click();
    for (const m of two)
      await page
        .getByRole('checkbox', { name: `${m.name}を選択` })
        .first()
        .check();
    await bar.getByText('2人を選択中').waitFor();
    await bar.getByLabel('要求', { exact: true }).selectOption({ label: demand.title });
    await bar.getByRole('button', { name: '要求から外す' }).click();
    await bar.getByRole('button', { name: '外す', exact: true }).click();
    await bar.getByText(`2人を『${demand.title}』から外しました（関連組合員数 ${after - 2}人）`).waitFor();

    const linkedNow = await apiGet<Page<Member>>(
      page,
      `/api/demands/${demand.id}/members?workplaceId=${workplace.id}&limit=500`,
    );
    const ids = new Set(linkedNow.items.map((m) => m.id));
    expect(two.some((m) => ids.has(m.id))).toBe(false);
    expect(
      listed.items
        .filter((m) => !ids.has(m.id))
        .map((m) => m.id)
        .sort(),
    ).toEqual(two.map((m) => m.id).sort());
    await page.goto(`/demands/${demand.id}`);
    await settle(page);
    await expect.poll(() => page.getByTestId('related-member-count').textContent()).toBe(`${after - 2}人`);
  });

  it('keeps the member cards on a phone while selecting: a checkbox beside each name, nothing scrolling sideways', async () => {
    const context = await k.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    // On a phone the sign-out button is folded into the メニュー.
    await page.goto('/login');
    await page.getByLabel('メールアドレス').fill(ADMIN.email);
    await page.getByLabel('パスワード').fill(ADMIN.password);
    await page.getByRole('button', { name: 'ログイン' }).tap();
    await page.waitForURL((url) => url.pathname !== '/login' && url.pathname !== '/');
    await page.goto('/members');
    await settle(page);
    await page.getByRole('button', { name: '選択して一括操作' }).click();
    const card = page.locator('.member-table tbody tr').first();
    const box = await card.getByRole('checkbox').boundingBox();
    const name = await card.locator('.member-name').boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(24);
    expect(box!.height).toBeGreaterThanOrEqual(24);
    // On the name's line, to its left.
    expect(box!.x + box!.width).toBeLessThanOrEqual(name!.x);
    expect(Math.abs(box!.y + box!.height / 2 - (name!.y + name!.height / 2))).toBeLessThan(name!.height);
    await card.getByRole('checkbox').tap();
    await page.getByRole('region', { name: '選択した組合員の操作' }).getByText('1人を選択中').waitFor();
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  });
});
