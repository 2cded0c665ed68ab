import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN, settle, signIn, useKumiai } from './harness';

// Issue 14: a workplace has a reading (よみ), and 職場名順 is the order of the readings
// (code-point order of the names was 人事総務部, 品質保証課, 営業部).

async function post(page: Page, path: string, data: unknown): Promise<void> {
  const res = await page.request.post(path, { data });
  expect(res.status(), `POST ${path}: ${await res.text()}`).toBe(201);
}

function listedNames(page: Page): Promise<string[]> {
  return page.locator('table.wp-table tbody th[scope="row"] a').allInnerTexts();
}

describe('workplace readings in the browser', () => {
  const k = useKumiai({ admin: ADMIN });

  it('registers and edits a workplace with its よみ, and the list sorts by the readings', async () => {
    const page = await k.newPage();
    await signIn(page);
    // Names of their own, so a retry on the same server finds its own workplaces.
    const tag = Math.random().toString(36).slice(2, 6);
    const establishment = `よみ確認事業所${tag}`;
    const hinshitsu = `品質保証課${tag}`;
    const eigyo = `営業部${tag}`;
    const jinji = `人事総務部${tag}`;
    const soko = `倉庫${tag}`;
    await post(page, '/api/workplaces', { name: hinshitsu, nameKana: 'ひんしつほしょうか', establishment });
    await post(page, '/api/workplaces', { name: eigyo, nameKana: 'えいぎょうぶ', establishment });
    await post(page, '/api/workplaces', { name: soko, establishment });

    // Register 人事総務部 with its reading typed in hiragana: it is kept in katakana.
    await page.goto('/workplaces');
    await settle(page);
    await page.getByRole('button', { name: '職場を登録' }).click();
    const form = page.getByRole('form', { name: '職場を登録' });
    await form.getByLabel('職場名').fill(jinji);
    await form.getByLabel('よみ').fill('じんじそうむぶ');
    await form.getByLabel('所属事業所').fill(establishment);
    await form.getByRole('button', { name: '登録する' }).click();
    await page.getByRole('heading', { level: 1, name: jinji }).waitFor();
    await page.getByRole('region', { name: '基本情報' }).getByText('ジンジソウムブ').waitFor();

    // 職場名順: by the reading, the workplace without one last.
    const list = `/workplaces?establishment=${encodeURIComponent(establishment)}`;
    await page.goto(list);
    await settle(page);
    await expect.poll(() => listedNames(page)).toEqual([eigyo, jinji, hinshitsu, soko]);
    const jinjiRow = page.getByRole('row').filter({ has: page.getByRole('link', { name: jinji }) });
    await jinjiRow.getByText('ジンジソウムブ').waitFor();

    // Give 倉庫 its reading (half-width kana): it moves between 人事総務部 and 品質保証課.
    await page.getByRole('link', { name: soko }).click();
    await page.getByRole('heading', { level: 1, name: soko }).waitFor();
    await page.getByRole('button', { name: '編集' }).click();
    const edit = page.getByRole('form', { name: '職場の情報の編集' });
    await edit.getByLabel('よみ').fill('ｿｳｺ');
    await edit.getByRole('button', { name: '保存' }).click();
    await edit.waitFor({ state: 'detached' });
    await page.getByRole('region', { name: '基本情報' }).getByText('ソウコ').waitFor();

    await page.goto(list);
    await settle(page);
    await expect.poll(() => listedNames(page)).toEqual([eigyo, jinji, soko, hinshitsu]);
  });
});
