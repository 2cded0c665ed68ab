import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, settle, signIn, useKumiai } from './harness';

// An officer exports the member list, edits one cell in a spreadsheet and imports the file
// back: the dry run must match every row to its member (the ID column) and show the one edit.

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kumiai-round-trip-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('export → edit → import, in the browser', () => {
  const k = useKumiai({ demo: true, admin: ADMIN });

  it('re-imports an exported member list as unchanged, and shows the one edited cell before → after', async () => {
    const page = await k.newPage();
    await signIn(page);
    await page.goto('/members');
    await settle(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /CSV（Excelで開けるUTF-8形式）/ }).click(),
    ]);
    const exported = join(dir, 'members.csv');
    await download.saveAs(exported);
    const text = (await readFile(exported, 'utf8')).replace(/^\uFEFF/, '');
    const rows = parse(text) as string[][];
    const header = rows[0]!;
    expect(header[0]).toBe('ID');
    const total = rows.length - 1;
    expect(total).toBeGreaterThan(100);

    // Unchanged: nothing to create, nothing to update.
    await page.goto('/import');
    await settle(page);
    await page.getByLabel('ファイル', { exact: true }).setInputFiles(exported);
    await page.getByRole('button', { name: '確認する（書き込みません）' }).click();
    const counts = page.getByRole('definition');
    await page.getByText('members.csvの確認結果').waitFor({ timeout: 60_000 });
    expect(await counts.allInnerTexts()).toEqual(['0行', '0行', `${total}行`, '0行']);

    // One cell edited as in a spreadsheet: exactly that member is updated.
    const jobType = header.indexOf('職種');
    expect(jobType).toBeGreaterThan(0);
    const before = rows[1]![jobType] ?? '';
    rows[1]![jobType] = '保全技術職';
    const edited = join(dir, 'edited.csv');
    await writeFile(edited, `\uFEFF${stringify(rows, { record_delimiter: '\r\n' })}`);
    await page.goto('/import');
    await settle(page);
    await page.getByLabel('ファイル', { exact: true }).setInputFiles(edited);
    await page.getByRole('button', { name: '確認する（書き込みません）' }).click();
    await page.getByText('edited.csvの確認結果').waitFor({ timeout: 60_000 });
    expect(await counts.allInnerTexts()).toEqual(['0行', '1行', `${total - 1}行`, '0行']);
    const change = page.getByRole('table').getByRole('row').filter({ hasText: '保全技術職' });
    await change.waitFor();
    if (before) expect(await change.innerText()).toContain(before);
  });
});
