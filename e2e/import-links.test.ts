import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, apiGet, settle, signIn, useKumiai } from './harness';

// Issue 15 §1: on the demo union, an officer imports a CSV of 社員番号 and 要求 (a demand's
// title in the current season) on the import page: the check lists the row error and the
// counts per demand, and 取り込む (skipping the bad row) links exactly the members of the file.

type Demand = { id: string; title: string; relatedMemberCount: number };
type Member = { id: string; name: string; employeeNumber: string | null };
type Page<T> = { items: T[]; total: number };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kumiai-import-links-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('importing links of members to demands, in the browser', () => {
  const k = useKumiai({ demo: true, admin: ADMIN });

  it('checks the file, then links the valid rows with 取り込む', async () => {
    const page = await k.newPage();
    await signIn(page);
    const demands = await apiGet<Page<Demand>>(page, '/api/demands?season=current&sort=title&limit=500');
    const titles = new Map<string, number>();
    for (const d of demands.items) titles.set(d.title, (titles.get(d.title) ?? 0) + 1);
    // A demand whose title is unique in the season, with the fewest links.
    const demand = demands.items
      .filter((d) => titles.get(d.title) === 1)
      .sort((a, b) => a.relatedMemberCount - b.relatedMemberCount)[0]!;
    const linked = await apiGet<Page<Member>>(page, `/api/demands/${demand.id}/members?limit=500`);
    const linkedIds = new Set(linked.items.map((m) => m.id));
    const members = await apiGet<Page<Member>>(page, '/api/members?status=active&limit=200');
    const chosen = members.items.filter((m) => m.employeeNumber && !linkedIds.has(m.id)).slice(0, 3);
    expect(chosen).toHaveLength(3);

    const csv = join(dir, '紐付け.csv');
    await writeFile(
      csv,
      `\uFEFF社員番号,氏名,要求\r\n${chosen.map((m) => `${m.employeeNumber},${m.name},${demand.title}`).join('\r\n')}\r\nZZ-404,不明,${demand.title}\r\n`,
    );

    await page.goto('/import');
    await settle(page);
    await page.getByRole('radio', { name: '要求への組合員の紐付け' }).check();
    await page.getByLabel('ファイル', { exact: true }).setInputFiles(csv);
    await page.getByRole('button', { name: '確認する（書き込みません）' }).click();
    await page.getByText('紐付け.csvの確認結果').waitFor({ timeout: 60_000 });
    const counts = page.getByLabel('件数');
    expect(await counts.getByRole('definition').allInnerTexts()).toEqual(['3行', '0行', '1行']);
    const perDemand = page.getByRole('table', { name: '要求ごとの件数' });
    await perDemand.getByRole('row').filter({ hasText: demand.title }).getByText('3人').waitFor();
    const errors = page.getByRole('table', { name: /エラー 1件/ });
    await errors.getByText('この社員番号の組合員はいません').waitFor();
    const apply = page.getByRole('button', { name: '取り込む', exact: true });
    expect(await apply.isDisabled()).toBe(true);

    await page.getByRole('checkbox', { name: 'エラーのある行を飛ばして、ほかの行を取り込む' }).check();
    await apply.click();
    await page.getByRole('heading', { name: '取り込みました' }).waitFor({ timeout: 60_000 });
    await page.getByText('紐付け 3件・紐付け済み 0件・飛ばした行 1行').waitFor();

    const after = await apiGet<Page<Member>>(page, `/api/demands/${demand.id}/members?limit=500`);
    const afterIds = new Set(after.items.map((m) => m.id));
    for (const m of chosen) expect(afterIds.has(m.id), m.name).toBe(true);
    expect(after.total).toBe(linked.total + 3);

    // The same file again: every pair is already linked.
    await page.getByRole('button', { name: '別のファイルを取り込む' }).click();
    await page.getByRole('radio', { name: '要求への組合員の紐付け' }).check();
    await page.getByLabel('ファイル', { exact: true }).setInputFiles(csv);
    await page.getByRole('button', { name: '確認する（書き込みません）' }).click();
    await page.getByText('紐付け.csvの確認結果').waitFor({ timeout: 60_000 });
    expect(await counts.getByRole('definition').allInnerTexts()).toEqual(['0行', '3行', '1行']);
  });
});
