import { describe, expect, it } from 'vitest';
import { ADMIN, apiGet, apiPost, settle, signIn, useKumiai } from './harness';

// Issue 17, bulk actions: on the demo union, three members ticked on the list get a new
// engagement with one reason (the confirmation states 3), everyone a workplace filter matches
// gets a note (「条件に合う全員」; pressed twice after a lost answer, still one note each), and two tasks ticked in the inbox are completed, then
// 元に戻す reopens exactly those two. On the workplace list, two workplaces ticked get a new
// 担当者 (the confirmation states 2).

type Member = { id: string; name: string; engagement: string; version: number };
type Page<T> = { items: T[]; total: number };
type Task = { id: string; title: string; status: string };

describe('bulk actions from the member and workplace lists and the task inbox', () => {
  const k = useKumiai({ demo: true, admin: ADMIN });

  it('changes three members’ engagement with one reason, then adds a note to everyone a filter matches', async () => {
    const page = await k.newPage();
    await signIn(page);
    const workplaces = await apiGet<Page<{ id: string; memberCount: number }>>(
      page,
      '/api/workplaces?limit=500',
    );
    const workplace = [...workplaces.items]
      .sort((a, b) => a.memberCount - b.memberCount)
      .find((w) => w.memberCount > 3)!;
    const listed = await apiGet<Page<Member>>(
      page,
      `/api/members?workplaceId=${workplace.id}&status=active&sort=nameKana&limit=500`,
    );
    const three = listed.items.filter((m) => m.engagement !== 'at_risk').slice(0, 3);
    expect(three).toHaveLength(3);

    await page.goto(`/members?workplaceId=${workplace.id}`);
    await settle(page);
    await page.getByRole('button', { name: '選択して一括操作' }).click();
    for (const m of three)
      await page
        .getByRole('checkbox', { name: `${m.name}を選択` })
        .first()
        .check();
    const bar = page.getByRole('region', { name: '選択した組合員の一括操作' });
    await bar.getByRole('button', { name: '関与度を変更' }).click();
    const dialog = bar.getByRole('dialog', { name: '3人の関与度を変更します' });
    await dialog.getByLabel('新しい関与度').selectOption('at_risk');
    await dialog.getByLabel('変更の理由（全員に記録されます）').fill('職場集会に3回続けて不参加');
    await dialog.getByRole('button', { name: '実行する' }).click();
    await bar.getByText('3人の関与度を変更しました').waitFor();
    for (const m of three) {
      const now = await apiGet<Member>(page, `/api/members/${m.id}`);
      expect(now.engagement).toBe('at_risk');
      expect(now.version).toBe(m.version + 1);
      const history = await apiGet<Page<{ reason: string | null }> | { reason: string | null }[]>(
        page,
        `/api/members/${m.id}/engagement-history`,
      );
      const rows = Array.isArray(history) ? history : history.items;
      expect(rows.some((h) => h.reason === '職場集会に3回続けて不参加')).toBe(true);
    }

    // Everyone the filter matches: a note on each.
    await page.goto(`/members?workplaceId=${workplace.id}`);
    await settle(page);
    await page.getByRole('button', { name: '選択して一括操作' }).click();
    await page.getByRole('button', { name: `条件に合う全員（${listed.total}件）を選択` }).click();
    await bar.getByRole('button', { name: 'メモを追加' }).click();
    const noteDialog = bar.getByRole('dialog', { name: `${listed.total}人にメモを追加します` });
    await noteDialog.getByLabel('メモ', { exact: true }).fill('春闘アンケートの用紙を配布した');
    // The first request reaches the server and is carried out, but its answer is lost on the
    // way back; pressing 実行する again sends the same Idempotency-Key and gets the first outcome.
    let carriedOut = 0;
    k.allow({ status: 0, url: /\/api\/members\/bulk$/ });
    await page.route('**/api/members/bulk', async (route) => {
      await route.fetch();
      carriedOut++;
      await route.abort('connectionreset');
    });
    await noteDialog.getByRole('button', { name: '実行する' }).click();
    await bar.getByRole('alert').getByText('サーバーから応答がありませんでした').waitFor();
    expect(carriedOut).toBe(1);
    await page.unroute('**/api/members/bulk');
    await noteDialog.getByRole('button', { name: '実行する' }).click();
    await bar.getByText(`${listed.total}人にメモを追加しました`).waitFor();
    for (const m of [listed.items[0]!, listed.items.at(-1)!]) {
      const notes = await apiGet<Page<{ body: string }>>(page, `/api/members/${m.id}/notes?limit=100`);
      expect(notes.items.filter((n) => n.body === '春闘アンケートの用紙を配布した')).toHaveLength(1);
    }
  });

  it('completes two ticked tasks in the inbox, and 元に戻す reopens exactly those', async () => {
    const page = await k.newPage();
    await signIn(page);
    const me = await apiGet<{ id: string }>(page, '/api/auth/me');
    const made: Task[] = [];
    for (const title of ['一括完了テスト 一', '一括完了テスト 二', '一括完了テスト 三']) {
      made.push(
        await apiPost<Task>(page.request, '/api/tasks', { title, assigneeId: me.id, dueOn: '2099-01-01' }),
      );
    }
    await page.goto('/tasks?q=一括完了テスト');
    await settle(page);
    await page.getByRole('button', { name: '選択して一括操作' }).click();
    await page.getByRole('checkbox', { name: '一括完了テスト 一を選択' }).check();
    await page.getByRole('checkbox', { name: '一括完了テスト 二を選択' }).check();
    const bar = page.getByRole('region', { name: '選択したタスクの一括操作' });
    await bar.getByText('2件を選択中').waitFor();
    await bar.getByRole('button', { name: '完了', exact: true }).click();
    await bar
      .getByRole('dialog', { name: '2件のタスクを完了にします' })
      .getByRole('button', { name: '実行する' })
      .click();
    await bar.getByText('2件のタスクを完了にしました').waitFor();
    const status = async () =>
      Promise.all(made.map(async (t) => (await apiGet<Task>(page, `/api/tasks/${t.id}`)).status));
    expect(await status()).toEqual(['done', 'done', 'open']);
    await bar.getByRole('button', { name: '元に戻す' }).click();
    await bar.getByText('2件のタスクを未完了に戻しました').waitFor();
    expect(await status()).toEqual(['open', 'open', 'open']);
  });

  it('changes the owner of two ticked workplaces', async () => {
    const page = await k.newPage();
    await signIn(page);
    type Workplace = { id: string; name: string; ownerId: string | null; version: number };
    const listed = await apiGet<Page<Workplace>>(page, '/api/workplaces?sort=name&limit=50');
    const staff = await apiGet<Page<{ id: string; displayName: string; role: string }>>(page, '/api/staff');
    const owner = staff.items.find(
      (u) => u.role === 'officer' && listed.items.slice(0, 2).every((w) => w.ownerId !== u.id),
    )!;
    expect(owner).toBeTruthy();
    const two = listed.items.slice(0, 2);

    await page.goto('/workplaces');
    await settle(page);
    await page.getByRole('button', { name: '選択して一括操作' }).click();
    for (const w of two) await page.getByRole('checkbox', { name: `${w.name}を選択` }).check();
    const bar = page.getByRole('region', { name: '選択した職場の一括操作' });
    await bar.getByText('2件を選択中').waitFor();
    await bar.getByRole('button', { name: '担当者を変更' }).click();
    const dialog = bar.getByRole('dialog', { name: '2件の職場の担当者を変更します' });
    await dialog.getByLabel('新しい担当者').selectOption(owner.id);
    await dialog.getByRole('button', { name: '実行する' }).click();
    await bar.getByText('2件の職場の担当者を変更しました').waitFor();
    for (const w of two) {
      const now = await apiGet<Workplace>(page, `/api/workplaces/${w.id}`);
      expect(now.ownerId).toBe(owner.id);
      expect(now.version).toBe(w.version + 1);
    }
    const third = listed.items[2];
    if (third)
      expect((await apiGet<Workplace>(page, `/api/workplaces/${third.id}`)).version).toBe(third.version);
  });
});
