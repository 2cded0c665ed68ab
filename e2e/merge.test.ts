import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN, apiGet, settle, signIn, useKumiai } from './harness';

// Issue 14, no silent duplicates: registering a member who is already there warns with a
// link to the match (登録 still possible); the two records are then merged from the member
// page (choose the conflicting fields, confirm the counts), and the removed record's URL
// shows the kept member.

type Member = {
  id: string;
  name: string;
  version: number;
  department: string | null;
  employeeNumber: string | null;
};

async function json<T>(page: Page, path: string, data: unknown): Promise<T> {
  const res = await page.request.post(path, { data });
  expect(res.status(), `POST ${path}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

describe('duplicates and merging in the browser', () => {
  const k = useKumiai({ admin: ADMIN });

  it('warns of a duplicate when registering, then merges the two and follows the old URL to the kept member', async () => {
    const page = await k.newPage();
    await signIn(page);
    const tag = Math.random().toString(36).slice(2, 6);
    const number = `00${Math.floor(Math.random() * 90000) + 10000}`;
    const kept = await json<Member>(page, '/api/members', {
      name: `木村 拓也${tag}`,
      nameKana: 'きむら たくや',
      employeeNumber: number,
      department: '営業',
    });
    await json(page, `/api/members/${kept.id}/notes`, {
      occurredOn: '2026-03-02',
      channel: 'visit',
      body: '面談した',
    });

    // Register the same person again (no space, leading zeros dropped): the warning links to the match.
    await page.goto('/members');
    await settle(page);
    await page
      .getByRole('button', { name: /組合員を登録/ })
      .first()
      .click();
    await page.getByLabel(/^氏名/).fill(`木村拓也${tag}`);
    await page.getByLabel('フリガナ').fill('キムラタクヤ');
    await page.getByLabel('社員番号').fill(number.replace(/^0+/, ''));
    await page.getByLabel('所属部署').fill('総務');
    const warning = page.locator('.duplicate-warning');
    await warning.getByText('重複の可能性があります').waitFor();
    const link = warning.getByRole('link', { name: `木村 拓也${tag}` });
    expect(await link.getAttribute('href')).toBe(`/members/${kept.id}`);
    // 登録する still registers (after the warning has been seen).
    await page.getByRole('button', { name: '登録する' }).click();
    await warning.getByText(/もう一度「登録する」を押すと登録します/).waitFor();
    await page.getByRole('button', { name: '登録する' }).click();
    await page.waitForURL(
      (url) => /\/members\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(kept.id),
    );
    const duplicateId = page.url().split('/').pop()!;
    await settle(page);

    // Merge it into the first record from the first record's page.
    await page.goto(`/members/${kept.id}`);
    await settle(page);
    const section = page.getByRole('region', { name: '重複登録の統合' });
    await section.getByRole('button', { name: '統合', exact: true }).click();
    await section.getByRole('button', { name: `この記録を統合する: 木村拓也${tag}` }).click();
    const form = section.getByRole('form', { name: `木村 拓也${tag}さんの記録に統合する` });
    await form.getByRole('table').waitFor();
    // 所属部署 differs: keep the duplicate's 総務.
    await form
      .getByRole('row', { name: /所属部署/ })
      .getByRole('radio', { name: '総務' })
      .check();
    await form.getByRole('button', { name: '確認へ進む' }).click();
    const confirm = form.getByRole('alertdialog', { name: '統合の確認' });
    await confirm.getByText('関与度の履歴 1件').waitFor();
    await confirm.getByText(/所属部署/).waitFor();
    await form.getByRole('button', { name: '統合する' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `「木村拓也${tag}」の記録をこの組合員に統合しました。` })
      .waitFor();
    expect(new URL(page.url()).pathname).toBe(`/members/${kept.id}`);

    const after = await apiGet<Member>(page, `/api/members/${kept.id}`);
    expect(after).toMatchObject({ name: `木村 拓也${tag}`, department: '総務', employeeNumber: number });

    // The removed record's URL shows the kept member.
    await page.goto(`/members/${duplicateId}`);
    await page.waitForURL((url) => url.pathname === `/members/${kept.id}`);
    await page.getByRole('heading', { level: 1, name: `木村 拓也${tag}` }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: '表示しようとした記録は、この組合員に統合されています。' })
      .waitFor();
    const res = await page.request.get(`/api/members/${duplicateId}`, { maxRedirects: 0 });
    expect(res.status()).toBe(308);
    expect(res.headers().location).toBe(`/api/members/${kept.id}`);
  });
});
