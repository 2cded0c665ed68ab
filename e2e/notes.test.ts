import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN, apiGet, settle, signIn, useKumiai } from './harness';

// Issue 14: a note 相談・連絡履歴 is edited (the timeline says 編集済み), moved from the
// member it was put on by mistake to the right one, and deleted after a confirmation.

type TimelinePage = { items: { kind: string; refId: string; body: string | null; edited: boolean }[] };

async function json<T>(page: Page, method: 'post' | 'patch', path: string, data: unknown): Promise<T> {
  const res = await page.request[method](path, { data });
  expect(res.status(), `${method.toUpperCase()} ${path}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

function timelineOf(page: Page) {
  return page.getByRole('region', { name: '関係の記録（タイムライン）' });
}

describe('notes in the browser', () => {
  const k = useKumiai({ admin: ADMIN });

  it('edits a note (編集済み), moves it to the right member, and deletes it after confirming', async () => {
    const page = await k.newPage();
    await signIn(page);
    // Names of their own, so a retry on the same server finds one of each.
    const tag = Math.random().toString(36).slice(2, 6);
    const rightName = `川口 花子${tag}`;
    const wrong = await json<{ id: string }>(page, 'post', '/api/members', { name: `山田 太郎${tag}` });
    const right = await json<{ id: string }>(page, 'post', '/api/members', { name: rightName });
    const note = await json<{ id: string }>(page, 'post', `/api/members/${wrong.id}/notes`, {
      occurredOn: '2026-03-10',
      channel: 'phone',
      body: '残業の相談',
    });

    // Edit.
    await page.goto(`/members/${wrong.id}`);
    await settle(page);
    const timeline = timelineOf(page);
    await timeline.getByText('残業の相談').waitFor();
    await timeline.getByRole('button', { name: '2026年3月10日のメモを編集' }).click();
    const form = page.getByRole('form', { name: 'メモを編集' });
    await form.getByLabel(/内容/).fill('残業代未払いの相談');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await timeline.getByText('残業代未払いの相談').waitFor();
    await timeline.getByText('編集済み').waitFor();
    expect(await form.count()).toBe(0);

    // Move to the right member.
    await timeline.getByRole('button', { name: '2026年3月10日のメモを別の組合員に移す' }).click();
    await page.getByLabel('移動先の組合員を検索').fill(rightName);
    await page.getByRole('button', { name: `${rightName}さんを移動先に選ぶ` }).click();
    await page.getByText(`このメモを${rightName}さんに移しますか？`).waitFor();
    await page.getByRole('button', { name: '移す', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `メモを${rightName}さんに移しました。` })
      .waitFor();
    await timeline.getByText('残業代未払いの相談').waitFor({ state: 'detached' });
    const here = await apiGet<TimelinePage>(page, `/api/members/${wrong.id}/timeline`);
    expect(here.items.some((i) => i.refId === note.id)).toBe(false);

    await page.goto(`/members/${right.id}`);
    await settle(page);
    const there = timelineOf(page);
    await there.getByText('残業代未払いの相談').waitFor();
    await there.getByText('編集済み').waitFor();

    // Delete: nothing happens until confirmed.
    await there.getByRole('button', { name: '2026年3月10日のメモを削除' }).click();
    await there.getByText('このメモを削除しますか？元に戻せません。').waitFor();
    await there.getByRole('button', { name: 'キャンセル' }).click();
    await there.getByText('残業代未払いの相談').waitFor();
    await there.getByRole('button', { name: '2026年3月10日のメモを削除' }).click();
    await there.getByRole('button', { name: '削除する' }).click();
    await page.getByRole('status').filter({ hasText: 'メモを削除しました。' }).waitFor();
    await there.getByText('残業代未払いの相談').waitFor({ state: 'detached' });
    const gone = await apiGet<TimelinePage>(page, `/api/members/${right.id}/timeline`);
    expect(gone.items.filter((i) => i.kind === 'note')).toEqual([]);
  });
});
