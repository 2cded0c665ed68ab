import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { ADMIN, settle, signIn, useKumiai } from './harness';

// Issue 14: a handover asks for confirmation with the counts it will move, and
// its printed briefing starts with a one-page summary (at-risk members, open
// cases, next actions due) before the members' briefings, each on a new page.

type Member = { id: string; name: string; workplaceName: string | null; engagement: string };

describe('handover on a demo union', () => {
  const k = useKumiai({ demo: true, admin: ADMIN });

  it('confirms with the counts, hands over, and prints the summary first and each member on a new page', async () => {
    const page = await k.newPage();
    await signIn(page);
    const api = <T>(path: string) =>
      page.evaluate(async (url) => {
        const res = await fetch(url);
        if (!res.ok) throw new Error(`${url}: ${res.status}`);
        return res.json();
      }, path) as Promise<T>;

    // Three of 佐藤 健一's members at risk: what the officer hands over to 鈴木 美穂.
    const staff = await api<{ items: { id: string; displayName: string }[] }>('/api/staff');
    const sato = staff.items.find((u) => u.displayName === '佐藤 健一')!;
    const owned = await api<{ total: number }>(`/api/members?ownerId=${sato.id}&limit=1`);
    const atRisk = await api<{ items: Member[] }>(
      `/api/members?ownerId=${sato.id}&engagement=at_risk&limit=3`,
    );
    const chosen = atRisk.items;
    expect(chosen.length).toBe(3);

    await page.goto('/handovers');
    await settle(page);
    await page.getByLabel(/^前任/).selectOption({ label: '佐藤 健一' });
    await page.getByRole('button', { name: '引き継ぎ内容を選ぶ' }).click();
    const form = page.getByRole('form', { name: '佐藤 健一さんの担当を引き継ぐ' });
    await form.getByLabel(/^後任/).selectOption({ label: '鈴木 美穂（専従役員）' });
    await form.getByRole('radio', { name: /組合員と職場を選ぶ/ }).check();
    const members = form.getByRole('group', { name: /^組合員/ });
    for (const m of chosen) {
      await members
        .getByRole('checkbox', {
          name: m.workplaceName ? `${m.name}（${m.workplaceName}）` : m.name,
          exact: true,
        })
        .check();
    }
    await form.getByRole('button', { name: '引き継ぐ', exact: true }).click();

    // The confirmation: the server's counts, and nothing moved yet.
    const confirm = page.getByTestId('handover-confirm');
    await confirm.getByRole('heading', { name: '引き継ぎの確認' }).waitFor();
    const counts = await confirm.getByRole('listitem').allTextContents();
    expect(counts[0]).toBe('組合員 3人（うち脱退リスクあり 3人）');
    expect(counts[1]).toBe('職場 0か所');
    expect(counts[2]).toMatch(/^未完了のタスク \d+件$/);
    expect(counts[3]).toMatch(/^対応中の案件 \d+件/);
    expect(counts[4]).toMatch(/^期日のある次のアクション \d+件/);
    expect((await api<{ total: number }>(`/api/members?ownerId=${sato.id}&limit=1`)).total).toBe(owned.total);

    await confirm.getByRole('button', { name: 'この内容で引き継ぐ' }).click();
    await page.waitForURL(/\/handovers\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: /佐藤 健一 → 鈴木 美穂/ }).waitFor();
    expect((await api<{ total: number }>(`/api/members?ownerId=${sato.id}&limit=1`)).total).toBe(
      owned.total - 3,
    );

    // The report starts with the summary: the three at-risk members, before any briefing.
    const overview = page.getByTestId('handover-overview');
    await overview.getByRole('heading', { name: '脱退リスクありの組合員（3人）' }).waitFor();
    for (const m of chosen) await overview.getByRole('link', { name: m.name }).first().waitFor();
    await expect.poll(() => page.getByTestId('briefing').count()).toBe(3);
    const overviewFirst = await page.evaluate(() => {
      const overviewEl = document.querySelector('[data-testid="handover-overview"]')!;
      const firstBriefing = document.querySelector('[data-testid="briefing"]')!;
      return Boolean(overviewEl.compareDocumentPosition(firstBriefing) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    expect(overviewFirst).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: '印刷' }).isEnabled()).toBe(true);

    // Printed as Chromium prints it: the summary on page 1, each member's briefing from the top of a new page.
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const doc = await getDocumentProxy(new Uint8Array(pdf));
    const { text } = await extractText(doc, { mergePages: false });
    // NFKC: the PDF's text maps some kanji to their Kangxi radical forms; spacing is the PDF's.
    const pages = text.map((t) => t.normalize('NFKC').replace(/\s+/g, ''));
    expect(pages[0]).toContain('まず確認すること');
    expect(pages[0]).toContain('脱退リスクありの組合員(3人)');
    expect(pages[0]).toContain('引き継ぎの概要');
    expect(pages[0]).not.toContain('3人中1人目');
    const starts = [1, 2, 3].map((n) => pages.findIndex((p) => p.startsWith(`3人中${n}人目`)));
    const outline = pages.map((p, i) => `page ${i + 1}: ${p.slice(0, 40)}`).join('\n');
    expect(starts[0], outline).toBeGreaterThanOrEqual(1);
    expect(starts[1]).toBeGreaterThan(starts[0]!);
    expect(starts[2]).toBeGreaterThan(starts[1]!);
    // Each briefing holds its member's name on the page it starts.
    const names = await page.locator('.briefing-name').allTextContents();
    names.forEach((name, i) => {
      expect(pages[starts[i]!]).toContain(name.replace(/\s+/g, ''));
    });
  });
});
