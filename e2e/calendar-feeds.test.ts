import { describe, expect, it } from 'vitest';
import { ADMIN, apiPost, settle, signedInContext, signIn, tokyoToday, useKumiai } from './harness';

// Issue 18: カレンダー連携 on the account page: create a feed, copy its URL (shown once), a
// calendar app fetches it without a session, revoke it (the URL answers 404 from then on).

describe('calendar feeds on the account page', () => {
  const k = useKumiai({ admin: ADMIN });

  it('creates a meetings feed, copies the URL, the feed is fetched, then revoked', async () => {
    const admin = await signedInContext(k, ADMIN.email, ADMIN.password);
    const wp = await apiPost<{ id: string }>(admin.request, '/api/workplaces', { name: '第一製造課' });
    await apiPost(admin.request, `/api/workplaces/${wp.id}/meetings`, {
      heldOn: tokyoToday(),
      title: '昼休み集会',
      attendeeCount: 4,
      invitedCount: 12,
    });

    const context = await k.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    await signIn(page);
    await page.getByRole('link', { name: `${ADMIN.name}（アカウント）` }).click();
    await page.waitForURL('**/account');
    await settle(page);

    const section = page.getByRole('region', { name: 'カレンダー連携' });
    await section.getByLabel('内容').selectOption('meetings');
    await section.getByRole('button', { name: 'URLを作成' }).click();
    const shown = section.getByLabel('カレンダーのURL');
    await shown.waitFor();
    const url = await shown.inputValue();
    expect(url).toMatch(/\/api\/public\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    await expect(
      section.getByRole('link', { name: 'カレンダーアプリで開く（webcal）' }).getAttribute('href'),
    ).resolves.toBe(url.replace(/^http:/, 'webcal:'));
    await section.getByRole('button', { name: 'URLをコピー' }).click();
    await section.getByText('コピーしました。').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

    // A calendar app: no cookie.
    const feed = await fetch(url, { headers: { 'user-agent': 'E2E-Calendar/1.0' } });
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(await feed.text()).toContain('SUMMARY:職場集会: 昼休み集会（第一製造課）');

    // The list shows the fetch; the URL itself is never shown again.
    await page.reload();
    await settle(page);
    const row = section.getByRole('row', { name: /職場集会/ });
    await row.getByText('E2E-Calendar/1.0').waitFor();
    await expect(section.getByLabel('カレンダーのURL').count()).resolves.toBe(0);

    // The single meeting, from the workplace page, as a one-off .ics file.
    await page.goto(`/workplaces/${wp.id}`);
    await settle(page);
    const link = page.getByRole('link', { name: '昼休み集会をカレンダーに追加（.icsファイル）' });
    const href = await link.getAttribute('href');
    const ics = await page.request.get(href!);
    expect(ics.status()).toBe(200);
    expect(ics.headers()['content-type']).toBe('text/calendar; charset=utf-8');
    expect(await ics.text()).toContain('DTSTART;VALUE=DATE:');
    await page.goBack();
    await settle(page);

    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: '職場集会のURLを取り消す' }).click();
    await section.getByText('まだありません。').waitFor();
    expect((await fetch(url)).status).toBe(404);
  });
});
