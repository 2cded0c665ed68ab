import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN, apiGet, settle, signIn, useKumiai } from './harness';

// Issue 14: a demand's title is corrected, the list switches between bargaining seasons
// (交渉シーズン), seasons are created, corrected and deleted, and an admin deletes a demand
// after a confirmation that counts what goes with it; an officer gets no delete button.

type Demand = { id: string; title: string; version: number; seasonId: string | null };
type Season = { id: string; name: string; startsOn: string; endsOn: string; version: number };

async function json<T>(page: Page, method: 'post' | 'patch', path: string, data: unknown): Promise<T> {
  const res = await page.request[method](path, { data });
  expect(res.status(), `${method.toUpperCase()} ${path}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Waits until the demand list shows exactly these titles (in any order). */
async function expectListed(page: Page, titles: string[]) {
  const shown = async () =>
    (await page.locator('table.dm-table tbody th[scope="row"] a').allTextContents()).sort();
  await expect.poll(shown, { timeout: 15_000 }).toEqual([...titles].sort());
}

describe('demands and bargaining seasons in the browser', () => {
  const k = useKumiai({ admin: ADMIN });

  it('creates and corrects a season, switches seasons in the list, edits a title, and deletes a demand after confirming', async () => {
    const page = await k.newPage();
    await signIn(page);
    // Names of their own, so a retry on the same server finds one of each.
    const tag = Math.random().toString(36).slice(2, 6);
    const currentName = `春闘${tag}`;

    // A season created in シーズンを管理: it contains today, so it becomes the current one.
    await page.goto('/demands');
    await settle(page);
    await page.getByRole('button', { name: 'シーズンを管理' }).click();
    const manager = page.getByRole('region', { name: '交渉シーズン' });
    await manager.getByRole('button', { name: 'シーズンを登録' }).click();
    const add = manager.getByRole('form', { name: 'シーズンを登録' });
    await add.getByLabel(/シーズン名/).fill(currentName);
    await add.getByLabel(/開始日/).fill(day(-30));
    await add.getByLabel(/終了日/).fill(day(30));
    await add.getByRole('button', { name: '登録する', exact: true }).click();
    await manager.getByRole('status').filter({ hasText: 'シーズンを保存しました' }).waitFor();
    // Its end date corrected.
    await manager.getByRole('button', { name: `${currentName}を編集` }).click();
    const edit = manager.getByRole('form', { name: `${currentName}を編集` });
    await edit.getByLabel(/終了日/).fill(day(90));
    await edit.getByRole('button', { name: '保存', exact: true }).click();
    await manager.getByRole('status').filter({ hasText: 'シーズンを保存しました' }).waitFor();
    const seasons = await apiGet<{ items: Season[]; currentId: string | null }>(page, '/api/seasons');
    const current = seasons.items.find((s) => s.name === currentName)!;
    expect(current).toMatchObject({ startsOn: day(-30), endsOn: day(90), version: 2 });
    expect(seasons.currentId).toBe(current.id);

    // An unused season is deleted from the same panel.
    const spare = await json<Season>(page, 'post', '/api/seasons', {
      name: `予備${tag}`,
      startsOn: day(-400),
      endsOn: day(-380),
    });
    await page.reload();
    await settle(page);
    await page.getByRole('button', { name: 'シーズンを管理' }).click();
    await manager.getByRole('button', { name: `予備${tag}を削除` }).click();
    await manager.getByRole('button', { name: `予備${tag}を削除` }).click();
    await manager.getByRole('status').filter({ hasText: 'シーズンを削除しました' }).waitFor();
    const afterDelete = await apiGet<{ items: Season[] }>(page, '/api/seasons');
    expect(afterDelete.items.some((s) => s.id === spare.id)).toBe(false);

    // A past season, and a demand in each.
    const pastName = `秋闘${tag}`;
    const past = await json<Season>(page, 'post', '/api/seasons', {
      name: pastName,
      startsOn: day(-200),
      endsOn: day(-31),
    });
    const now = await json<Demand>(page, 'post', '/api/demands', { title: `賃上げ${tag}` });
    expect(now.seasonId).toBe(current.id);
    const old = await json<Demand>(page, 'post', '/api/demands', {
      title: `一時金${tag}`,
      seasonId: past.id,
    });

    // The list shows the current season; past seasons and すべて are a choice away.
    await page.goto('/demands');
    await expectListed(page, [`賃上げ${tag}`]);
    const season = page.getByLabel('交渉シーズン');
    expect(await season.inputValue()).toBe('');
    await season.selectOption({ label: pastName });
    await page.waitForURL(`**/demands?season=${past.id}`);
    await expectListed(page, [`一時金${tag}`]);
    await season.selectOption({ label: 'すべて' });
    await page.waitForURL('**/demands?season=all');
    // (A retry on the same server may list the first attempt's demands too.)
    await expect
      .poll(() => page.locator('table.dm-table tbody th[scope="row"] a').allTextContents(), {
        timeout: 15_000,
      })
      .toEqual(expect.arrayContaining([`一時金${tag}`, `賃上げ${tag}`]));

    // The title corrected on the demand's page.
    await page.goto(`/demands/${now.id}`);
    await settle(page);
    await page.getByRole('button', { name: '名称・内容を編集' }).click();
    const form = page.getByRole('form', { name: '要求の名称・内容を編集' });
    await form.getByLabel(/要求事項の名称/).fill(`ベースアップ${tag}`);
    await form.getByLabel('内容').fill('月額12,000円');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `ベースアップ${tag}` }).waitFor();
    expect(await apiGet<Demand & { description: string }>(page, `/api/demands/${now.id}`)).toMatchObject({
      title: `ベースアップ${tag}`,
      description: '月額12,000円',
      version: 2,
    });

    // Delete the past demand: the confirmation counts its link and log entry; cancel first.
    const member = await json<{ id: string }>(page, 'post', '/api/members', { name: `要求 花子${tag}` });
    const link = await page.request.put(`/api/demands/${old.id}/members/${member.id}`);
    expect(link.status()).toBe(200);
    await json(page, 'post', `/api/demands/${old.id}/notes`, { kind: 'negotiation', body: '第1回交渉' });
    await page.goto(`/demands/${old.id}`);
    await settle(page);
    await page.getByRole('button', { name: 'この要求を削除' }).click();
    const dialog = page.getByRole('alertdialog', { name: '要求の削除' });
    await dialog.getByText('紐付いている組合員1人の紐付けと、経営側の回答・交渉の経緯1件も').waitFor();
    await dialog.getByRole('button', { name: 'キャンセル' }).click();
    expect((await page.request.get(`/api/demands/${old.id}`)).status()).toBe(200);
    await page.getByRole('button', { name: 'この要求を削除' }).click();
    await dialog.getByRole('button', { name: '削除する' }).click();
    await page.waitForURL('**/demands');
    await page
      .getByRole('status')
      .filter({ hasText: `「一時金${tag}」を削除しました` })
      .waitFor();
    expect((await page.request.get(`/api/demands/${old.id}`)).status()).toBe(404);
    // The member stays; only the link went.
    expect((await page.request.get(`/api/members/${member.id}`)).status()).toBe(200);

    // An officer corrects demands but has no delete button.
    const email = `officer-${tag}@example.org`;
    await json(page, 'post', '/api/users', {
      email,
      displayName: `役員 ${tag}`,
      role: 'officer',
      password: 'officer-password-1',
    });
    const officer = await k.newPage();
    await signIn(officer, email, 'officer-password-1');
    await officer.goto(`/demands/${now.id}`);
    await settle(officer);
    await officer.getByRole('heading', { level: 1, name: `ベースアップ${tag}` }).waitFor();
    expect(await officer.getByRole('button', { name: '名称・内容を編集' }).count()).toBe(1);
    expect(await officer.getByRole('button', { name: 'この要求を削除' }).count()).toBe(0);
  });
});
