import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  apiGet,
  DESKTOP,
  type E2E,
  ensureScreenshotDir,
  expectNoSeriousViolations,
  PHONE,
  SCREENSHOT_DIR,
  settle,
  useKumiai,
} from './harness';

// Every page, in Japanese: no serious or critical axe violation, nothing wider
// than a phone's screen, and a full-page screenshot at 1280×800 and 390×844 in
// e2e/screenshots/<page>-<desktop|phone>.png for a human to look at. CI (CI=true, a
// clean clone thrown away afterwards) takes none: nobody looks, and encoding 40 full
// pages is a good part of this file's time; KUMIAI_SCREENSHOTS=1 takes them anyway.
const SCREENSHOTS = !process.env.CI || process.env.KUMIAI_SCREENSHOTS === '1';

type Size = 'desktop' | 'phone';

async function contextFor(k: E2E, size: Size, signedIn: boolean): Promise<BrowserContext> {
  const context = await k.newContext(
    // Reduced motion: charts draw at once, so screenshots show them complete.
    size === 'desktop'
      ? { viewport: DESKTOP, reducedMotion: 'reduce' }
      : { viewport: PHONE, isMobile: true, hasTouch: true, reducedMotion: 'reduce' },
  );
  if (signedIn) {
    const res = await context.request.post('/api/auth/login', {
      data: { email: ADMIN.email, password: ADMIN.password },
    });
    if (!res.ok()) throw new Error(`sign-in answered ${res.status()}: ${await res.text()}`);
  }
  return context;
}

/** Nothing may make the whole page scroll sideways on a phone (tables scroll inside .table-wrap). */
async function expectNoHorizontalOverflow(page: Page, name: string): Promise<void> {
  const { scrollWidth, clientWidth, culprits } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const culprits: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const rect = el.getBoundingClientRect();
      if (rect.right > width + 1 && rect.width > 0) {
        // Only the outermost offenders: a child of an offender says nothing new.
        const parent = el.parentElement;
        if (parent && parent.getBoundingClientRect().right > width + 1) continue;
        const cls =
          el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : '';
        culprits.push(`${el.tagName.toLowerCase()}${cls} (right edge ${Math.round(rect.right)}px)`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, clientWidth: width, culprits };
  });
  expect(
    scrollWidth,
    `${name} on a ${PHONE.width}px phone is ${scrollWidth}px wide; too wide: ${culprits.slice(0, 8).join(', ')}`,
  ).toBeLessThanOrEqual(clientWidth + 1);
}

async function checkPage(k: E2E, name: string, path: string, signedIn = true): Promise<void> {
  if (SCREENSHOTS) await ensureScreenshotDir();
  for (const size of ['desktop', 'phone'] as const) {
    const context = await contextFor(k, size, signedIn);
    const page = await context.newPage();
    await page.goto(path);
    await settle(page);
    if (SCREENSHOTS)
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${size}.png`), fullPage: true });
    if (size === 'desktop') await expectNoSeriousViolations(page, name);
    else await expectNoHorizontalOverflow(page, name);
    await context.close();
  }
}

describe('first run', () => {
  const k = useKumiai();

  it('/setup', async () => {
    await checkPage(k, 'setup', '/setup', false);
  });
});

describe('a demo union', () => {
  const k = useKumiai({ demo: true, admin: ADMIN });
  const ids = { member: '', workplace: '', demand: '' };

  beforeAll(async () => {
    const context = await contextFor(k, 'desktop', true);
    const page = await context.newPage();
    type List = { items: { id: string }[] };
    const [members, workplaces, demands] = await Promise.all([
      apiGet<List>(page, '/api/members?limit=1'),
      apiGet<List>(page, '/api/workplaces?limit=1'),
      apiGet<List>(page, '/api/demands?limit=1'),
    ]);
    ids.member = members.items[0]!.id;
    ids.workplace = workplaces.items[0]!.id;
    ids.demand = demands.items[0]!.id;
    await context.close();
  });

  it('/login', async () => {
    await checkPage(k, 'login', '/login', false);
  });

  it('/members', async () => {
    await checkPage(k, 'members', '/members');
  });

  it('/members?new=1 (the new member form)', async () => {
    await checkPage(k, 'member-new', '/members?new=1');
  });

  it('/members/:id', async () => {
    await checkPage(k, 'member', `/members/${ids.member}`);
  });

  it('/workplaces', async () => {
    await checkPage(k, 'workplaces', '/workplaces');
  });

  it('/workplaces/:id', async () => {
    await checkPage(k, 'workplace', `/workplaces/${ids.workplace}`);
  });

  it('/demands', async () => {
    await checkPage(k, 'demands', '/demands');
  });

  it('/demands/:id', async () => {
    await checkPage(k, 'demand', `/demands/${ids.demand}`);
  });

  it('/tasks', async () => {
    await checkPage(k, 'tasks', '/tasks?view=all');
  });

  it('/settings', async () => {
    await checkPage(k, 'settings', '/settings');
  });

  it('/dashboards/weekly', async () => {
    await checkPage(k, 'weekly', '/dashboards/weekly');
  });

  it('/dashboards/monthly', async () => {
    await checkPage(k, 'monthly', '/dashboards/monthly');
  });

  it('/reports/monthly', async () => {
    await checkPage(k, 'report', '/reports/monthly');
  });

  it('/members/:id/briefing (引き継ぎ資料)', async () => {
    await checkPage(k, 'briefing', `/members/${ids.member}/briefing`);
  });

  it('/handovers', async () => {
    await checkPage(k, 'handovers', '/handovers');
  });

  it('/import', async () => {
    await checkPage(k, 'import', '/import');
  });

  it('/settings?tab=audit (監査ログ)', async () => {
    await checkPage(k, 'audit', '/settings?tab=audit');
  });

  it('/field (現場, the field app)', async () => {
    await checkPage(k, 'field', '/field');
  });

  it('is usable from the keyboard: a skip link first, then a visible focus on every stop', async () => {
    const context = await contextFor(k, 'desktop', true);
    const page = await context.newPage();
    await page.goto('/members');
    await settle(page);

    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: '本文へ移動' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    // The next stops are inside the page body, each with a focus ring a sighted keyboard user can see.
    const invisible: string[] = [];
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const ring =
          (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0) ||
          style.boxShadow !== 'none';
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30);
        return { ring, inMain: Boolean(el.closest('main')), what: `${el.tagName.toLowerCase()} "${name}"` };
      });
      if (!stop) break;
      expect(stop.inMain, `focus left the page body at ${stop.what}`).toBe(true);
      if (!stop.ring) invisible.push(stop.what);
    }
    expect(invisible, 'focused without a visible focus ring').toEqual([]);
  });
});
