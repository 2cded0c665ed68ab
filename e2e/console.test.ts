import { describe, expect, it } from 'vitest';
import { ADMIN, apiGet, settle, useKumiai } from './harness';

// Issue 14: a normal visit logs nothing in the console. Signed out, the app asks who is
// signed in (/api/auth/session answers { user: null }, not a 401 that Chromium would log);
// then sign-in and every main page, each loaded fresh. No console error, no uncaught page
// error, and no failed request at all.

const PAGES = [
  '/members',
  'MEMBER',
  '/workplaces',
  '/tasks',
  '/demands',
  '/dashboards/weekly',
  '/dashboards/monthly',
  '/reports/monthly',
];

describe('a normal visit to the demo union', () => {
  const k = useKumiai({ demo: true, admin: ADMIN });

  it('logs no console error, page error or failed request from the signed-out sign-in page to every main page', async () => {
    const page = await k.newPage();
    const errors: string[] = [];
    const failed: string[] = [];
    const probes: number[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`${page.url()}: ${msg.text()} ${msg.location().url}`);
    });
    page.on('pageerror', (err) => errors.push(`${page.url()}: ${err.message}`));
    page.on('requestfailed', (req) => {
      // A request the browser drops on its own (a chunk still loading when the page moves on) is no failure.
      if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
      failed.push(`${req.method()} ${req.url()}: ${req.failure()?.errorText}`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400) failed.push(`${res.status()} ${res.request().method()} ${res.url()}`);
      if (new URL(res.url()).pathname === '/api/auth/session') probes.push(res.status());
    });

    // Signed out: the app probes the session and shows the sign-in page.
    await page.goto('/members');
    await page.waitForURL('**/login');
    await page.getByRole('button', { name: 'ログイン' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(probes, 'the signed-out session probe').toEqual([200]);

    await page.getByLabel('メールアドレス').fill(ADMIN.email);
    await page.getByLabel('パスワード').fill(ADMIN.password);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.waitForURL('**/members');
    await settle(page);

    const member = (await apiGet<{ items: { id: string }[] }>(page, '/api/members?limit=1')).items[0]!;
    for (const path of PAGES) {
      await page.goto(path === 'MEMBER' ? `/members/${member.id}` : path);
      await settle(page);
      // Charts load their library and draw after the data: wait for them too.
      await page.waitForFunction(() =>
        [...document.querySelectorAll('.dash-chart')].every((c) => c.querySelector('svg')),
      );
    }
    expect(probes.every((status) => status === 200)).toBe(true);
    expect(errors, 'console and page errors').toEqual([]);
    expect(failed, 'failed requests').toEqual([]);
  });
});
