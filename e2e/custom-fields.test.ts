import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN, apiGet, apiPost, expectNoSeriousViolations, settle, signIn, useKumiai } from './harness';

// Issue 17, custom fields: an admin adds a 単一選択 field and a 1行テキスト field to members under
// 設定 › カスタム項目 (and moves one), fills both in a member's form, sees them on the member page,
// filters the member list by the choice and shows it as a column, renames the field (the value
// stays), deletes it after a confirmation (the value is no longer shown) and restores it (shown
// again). The workplace form takes a workplace field too.

// A fresh suffix per attempt: a retry must not collide with the fields of the first.
const tag = () =>
  Math.random()
    .toString(36)
    .slice(2, 7)
    .replace(/[^a-z0-9]/g, 'x');

type Member = { id: string; customFields: Record<string, unknown> };

/** The value next to a term of the page's facts list. */
const fact = (page: Page, term: string): Locator =>
  page.locator('dt', { hasText: new RegExp(`^${term}$`) }).locator('xpath=following-sibling::dd[1]');

describe('custom fields in the browser', () => {
  const k = useKumiai({ admin: ADMIN });

  it('an admin defines fields, fills them on a member, filters and shows them in the list, renames, deletes and restores', async () => {
    const t = tag();
    const key = `shift_${t}`;
    const shiftJa = `勤務形態${t}`;
    const memoJa = `メモ${t}`;
    const page = await k.newPage();
    await signIn(page);
    const yamada = await apiPost<Member>(page.request, '/api/members', { name: `山田 夜勤${t}` });
    const suzuki = await apiPost<Member>(page.request, '/api/members', { name: `鈴木 日勤${t}` });

    // 設定 › カスタム項目: a choice field with two options, then a text field.
    await page.goto('/settings?tab=customFields');
    await settle(page);
    const section = page.getByRole('region', { name: '会員の項目' });
    await section.getByRole('button', { name: '+ 会員の項目を追加' }).click();
    await section.getByRole('textbox', { name: 'キー', exact: true }).fill(key);
    await section.getByRole('textbox', { name: '日本語ラベル', exact: true }).fill(shiftJa);
    await section.getByRole('textbox', { name: '英語ラベル', exact: true }).fill(`Shift ${t}`);
    await section.getByRole('combobox', { name: '種類', exact: true }).selectOption({ label: '単一選択' });
    await section.getByLabel('選択肢1の値').fill('day');
    await section.getByLabel('選択肢1の日本語ラベル').fill('日勤');
    await section.getByLabel('選択肢1の英語ラベル').fill('Day');
    await section.getByRole('button', { name: '+ 選択肢を追加' }).click();
    await section.getByLabel('選択肢2の値').fill('night');
    await section.getByLabel('選択肢2の日本語ラベル').fill('夜勤');
    await section.getByLabel('選択肢2の英語ラベル').fill('Night');
    await expectNoSeriousViolations(page, 'カスタム項目 (a new choice field)');
    await section.getByRole('button', { name: '追加', exact: true }).click();
    await section.getByText(`「${shiftJa}」を追加しました`).waitFor();

    await section.getByRole('button', { name: '+ 会員の項目を追加' }).click();
    await section.getByRole('textbox', { name: 'キー', exact: true }).fill(`memo_${t}`);
    await section.getByRole('textbox', { name: '日本語ラベル', exact: true }).fill(memoJa);
    await section.getByRole('textbox', { name: '英語ラベル', exact: true }).fill(`Memo ${t}`);
    await section.getByRole('combobox', { name: '種類', exact: true }).selectOption({ label: '1行テキスト' });
    await section.getByRole('button', { name: '追加', exact: true }).click();
    await section.getByText(`「${memoJa}」を追加しました`).waitFor();

    // The order: the text field up above the choice, then back down.
    const labels = () => section.getByRole('rowheader').allTextContents();
    const gap = async () => {
      const now = await labels();
      return now.indexOf(`${memoJa}Memo ${t}`) - now.indexOf(`${shiftJa}Shift ${t}`);
    };
    await expect.poll(gap).toBe(1);
    await section.getByRole('button', { name: `「${memoJa}」を上へ` }).click();
    await section.getByText(`「${memoJa}」の順番を変えました`).waitFor();
    await expect.poll(gap).toBe(-1);
    await section.getByRole('button', { name: `「${memoJa}」を下へ` }).click();
    await expect.poll(gap).toBe(1);

    // A workplace field, filled in the workplace form.
    const workplaces = page.getByRole('region', { name: '職場の項目' });
    await workplaces.getByRole('button', { name: '+ 職場の項目を追加' }).click();
    await workplaces.getByRole('textbox', { name: 'キー', exact: true }).fill(`night_ok_${t}`);
    await workplaces.getByRole('textbox', { name: '日本語ラベル', exact: true }).fill(`夜勤あり${t}`);
    await workplaces.getByRole('textbox', { name: '英語ラベル', exact: true }).fill(`Night work ${t}`);
    await workplaces
      .getByRole('combobox', { name: '種類', exact: true })
      .selectOption({ label: 'はい/いいえ' });
    await workplaces.getByRole('button', { name: '追加', exact: true }).click();
    await workplaces.getByText(`「夜勤あり${t}」を追加しました`).waitFor();
    await page.goto('/workplaces');
    await settle(page);
    await page.getByRole('button', { name: '+ 職場を登録' }).click();
    await page.getByLabel(/^職場名/).fill(`第三工場${t}`);
    await page.getByRole('group', { name: 'カスタム項目' }).getByLabel(`夜勤あり${t}`).check();
    await page.getByRole('button', { name: '登録する', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `第三工場${t}` }).waitFor();
    await expect.poll(() => fact(page, `夜勤あり${t}`).textContent()).toBe('はい');

    // The member form: one input per field.
    await page.goto(`/members/${yamada.id}`);
    await settle(page);
    await page.getByRole('button', { name: '編集' }).click();
    const custom = page.getByRole('group', { name: 'カスタム項目' });
    await custom.getByLabel(shiftJa).selectOption({ label: '夜勤' });
    await custom.getByLabel(memoJa).fill('フォーク歴10年');
    await expectNoSeriousViolations(page, 'the member form with custom fields');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => fact(page, shiftJa).textContent()).toBe('夜勤');
    expect(await fact(page, memoJa).textContent()).toBe('フォーク歴10年');
    const saved = await apiGet<Member>(page, `/api/members/${yamada.id}`);
    expect(saved.customFields).toMatchObject({ [key]: 'night', [`memo_${t}`]: 'フォーク歴10年' });

    // The member list: filtered by the choice, with it as a column.
    await page.goto('/members');
    await settle(page);
    await page.getByRole('combobox', { name: shiftJa }).selectOption({ label: '夜勤' });
    const table = page.getByRole('table');
    await table.getByRole('link', { name: `山田 夜勤${t}` }).waitFor();
    await expect.poll(() => table.getByRole('link', { name: `鈴木 日勤${t}` }).count()).toBe(0);
    await page.getByText('表示する列').click();
    // The picker follows the URL (columns=…), which changes in a transition: click, then wait
    // for the column rather than expecting the box to flip at once.
    await page.getByRole('checkbox', { name: shiftJa }).click();
    await table.getByRole('columnheader', { name: shiftJa }).waitFor();
    await expectNoSeriousViolations(page, 'the member list with a custom filter and column');
    const row = table.getByRole('row').filter({ hasText: `山田 夜勤${t}` });
    expect(await row.getByRole('cell').last().textContent()).toBe('夜勤');
    const url = new URL(page.url());
    expect(url.searchParams.get(`cf.${key}`)).toBe('night');
    expect(url.searchParams.get('columns')).toBe(`cf.${key}`);
    expect(suzuki.id).toBeTruthy();

    // Renamed: the value stays.
    await page.goto('/settings?tab=customFields');
    await settle(page);
    await section.getByRole('button', { name: `「${shiftJa}」を編集` }).click();
    await section.getByRole('textbox', { name: '日本語ラベル', exact: true }).fill(`勤務体系${t}`);
    await section.getByRole('button', { name: '保存', exact: true }).click();
    await section.getByText(`「勤務体系${t}」を保存しました`).waitFor();
    await page.goto(`/members/${yamada.id}`);
    await settle(page);
    await expect.poll(() => fact(page, `勤務体系${t}`).textContent()).toBe('夜勤');

    // Deleted after a confirmation: no longer shown (the value is kept).
    await page.goto('/settings?tab=customFields');
    await settle(page);
    await section.getByRole('button', { name: `「勤務体系${t}」を削除` }).click();
    const confirm = section.getByRole('alertdialog', { name: `「勤務体系${t}」を削除しますか？` });
    expect(await confirm.textContent()).toContain('入力済みの値は消えずに残り');
    await expectNoSeriousViolations(page, 'カスタム項目 (the delete confirmation)');
    await confirm.getByRole('button', { name: '削除する' }).click();
    await section.getByText(`「勤務体系${t}」を削除しました（値は残っています）`).waitFor();
    await page.goto(`/members/${yamada.id}`);
    await settle(page);
    await fact(page, memoJa).waitFor();
    expect(await page.locator('dt', { hasText: `勤務体系${t}` }).count()).toBe(0);
    expect((await apiGet<Member>(page, `/api/members/${yamada.id}`)).customFields[key]).toBeUndefined();

    // Restored: shown again with its value.
    await page.goto('/settings?tab=customFields');
    await settle(page);
    await section
      .getByRole('list', { name: '削除した項目（会員）' })
      .getByRole('button', { name: `「勤務体系${t}」を復元` })
      .click();
    await section.getByText(`「勤務体系${t}」を復元しました`).waitFor();
    await page.goto(`/members/${yamada.id}`);
    await settle(page);
    await expect.poll(() => fact(page, `勤務体系${t}`).textContent()).toBe('夜勤');
  });
});
