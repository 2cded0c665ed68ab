import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN, apiPost, PHONE, signedInContext, tokyoToday, useKumiai } from './harness';

// Issue 19, the rep's phone app: installable (Chromium's own installability check, the one
// Lighthouse's installable-manifest audit reads), and working without signal — on a phone-sized
// context with Playwright's offline emulation: load online, go offline, capture each kind of
// item, reload while offline (the view and the outbox are still there), go online, and every
// item lands exactly once; an engagement changed by someone else meanwhile comes back as a
// conflict the user resolves; signing out warns about unsent items and wipes the device.

/** The demo union's rep (e2e/access.test.ts). */
const REP = { email: 'tanaka@demo.kumiai.example', password: 'kumiai-demo-2026' };
const OFFICER = { password: 'field-officer-pw-1', name: '現場 役員' };

type Created = { id: string; version: number };
type Member = Created & { engagement: string };
type Listed<T> = { items: T[] } | T[];
const itemsOf = <T>(answer: Listed<T>): T[] => (Array.isArray(answer) ? answer : answer.items);

async function getJson<T>(request: APIRequestContext, path: string): Promise<T> {
  const res = await request.get(path);
  if (!res.ok()) throw new Error(`GET ${path} answered ${res.status()}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** What the device keeps: the field database's outbox, read in the page. */
async function deviceOutbox(page: Page): Promise<{ item: Record<string, unknown>; state: string }[]> {
  return page.evaluate(
    () =>
      new Promise<{ item: Record<string, unknown>; state: string }[]>((resolve, reject) => {
        const open = indexedDB.open('kumiai-field');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const read = db.transaction('outbox').objectStore('outbox').getAll();
          read.onsuccess = () => {
            db.close();
            resolve(read.result);
          };
          read.onerror = () => reject(read.error);
        };
      }),
  );
}

describe('the field app', () => {
  const k = useKumiai({ admin: ADMIN });

  it('installs, records without signal, lands each item once, resolves a conflict and wipes on sign-out', async () => {
    // The officer's portfolio: one workplace they own, three members, a task of theirs.
    // A new officer per attempt (the file's one retry runs on the same server).
    const email = `field-officer-${Date.now()}@example.org`;
    const adminContext = await signedInContext(k, ADMIN.email, ADMIN.password);
    const admin = adminContext.request;
    const officer = await apiPost<Created>(admin, '/api/users', {
      email,
      displayName: OFFICER.name,
      role: 'officer',
      password: OFFICER.password,
    });
    const workplace = await apiPost<Created>(admin, '/api/workplaces', {
      name: `第二倉庫 ${email.slice(14, 27)}`,
      ownerId: officer.id,
    });
    const member = async (name: string) =>
      apiPost<Member>(admin, '/api/members', { name, workplaceId: workplace.id, engagement: 'regular' });
    const yamada = await member('山田 夜勤');
    const suzuki = await member('鈴木 早番');
    const sato = await member('佐藤 遅番');
    const task = await apiPost<Created>(admin, '/api/tasks', {
      title: '夜勤の声を聞く',
      assigneeId: officer.id,
      dueOn: tokyoToday(),
      subjectType: 'member',
      subjectId: yamada.id,
    });

    const context: BrowserContext = await k.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const login = await context.request.post('/api/auth/login', {
      data: { email, password: OFFICER.password },
    });
    expect(login.ok()).toBe(true);
    // Offline, the browser may still try the worker's update check; nothing of the app asks the API.
    k.allow({ status: 0, url: /\/(api\/|sw\.js)/ });
    const page = await context.newPage();

    // Online: the pack arrives, the service worker installs with the app shell.
    await page.goto('/field');
    await page.getByRole('heading', { level: 1, name: '現場' }).waitFor();
    await page.getByRole('heading', { name: /第二倉庫/ }).waitFor();
    await page.getByRole('status').filter({ hasText: '未送信 0件' }).waitFor();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });

    // Installable: Chromium finds no installability error, and reads the manifest without error.
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    // Playwright's contexts are incognito-like profiles, where Chromium never offers to install;
    // that one says nothing of the app (Lighthouse runs in a normal profile).
    expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
    const manifest = (await cdp.send('Page.getAppManifest')) as {
      url: string;
      errors: unknown[];
      data?: string;
    };
    expect(manifest.url).toMatch(/\/manifest\.webmanifest$/);
    expect(manifest.errors).toEqual([]);
    const parsed = JSON.parse(manifest.data ?? '{}') as { name: string; start_url: string; display: string };
    expect(parsed).toMatchObject({ name: '組合 Kumiai', start_url: '/field', display: 'standalone' });
    await cdp.detach();

    // No signal.
    await context.setOffline(true);
    await page.getByText(/オフライン/).waitFor();

    const card = (name: string) => page.getByRole('article', { name });
    // A quick note on 山田 — tapped twice, saved once.
    await card('山田 夜勤').getByRole('button', { name: 'メモ' }).click();
    await card('山田 夜勤').getByLabel('メモ').fill('夜勤明けに残業代の話を聞いた');
    await card('山田 夜勤').getByRole('button', { name: '端末に保存' }).dblclick();
    await page.getByRole('status').filter({ hasText: '未送信 1件' }).waitFor();
    // An engagement change of 鈴木 with its reason.
    await card('鈴木 早番').getByRole('button', { name: '関与度を変更' }).click();
    await card('鈴木 早番').getByLabel('関与度').selectOption('rare');
    await card('鈴木 早番').getByLabel('理由').fill('三か月来ていない');
    await card('鈴木 早番').getByRole('button', { name: '端末に保存' }).click();
    await page.getByRole('status').filter({ hasText: '未送信 2件' }).waitFor();
    // A workplace meeting with its attendance: 山田 and 佐藤 came.
    const place = page.getByRole('region', { name: /第二倉庫/ });
    await place.getByRole('button', { name: '職場会を記録' }).click();
    await place.getByRole('checkbox', { name: '山田 夜勤' }).check();
    await place.getByRole('checkbox', { name: '佐藤 遅番' }).check();
    await place
      .getByRole('group', { name: /出席者/ })
      .getByText('(2)')
      .waitFor();
    await place.getByRole('button', { name: '端末に保存' }).click();
    await page.getByRole('status').filter({ hasText: '未送信 3件' }).waitFor();
    // The workplace's atmosphere.
    await place.getByRole('button', { name: '雰囲気を変更' }).click();
    await place.getByLabel('雰囲気', { exact: true }).selectOption('active');
    await place.getByRole('button', { name: '端末に保存' }).click();
    await page.getByRole('status').filter({ hasText: '未送信 4件' }).waitFor();
    // Completing a task.
    await page.getByRole('button', { name: '完了にする: 夜勤の声を聞く' }).click();
    await page.getByRole('status').filter({ hasText: '未送信 5件' }).waitFor();

    // Shown at once, marked unsent.
    await card('山田 夜勤').getByText('夜勤明けに残業代の話を聞いた').waitFor();
    await page.getByText('完了（未送信）').waitFor();

    // Reload without signal: the app shell comes from the service worker, the data from IndexedDB.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '現場' }).waitFor();
    await page.getByRole('status').filter({ hasText: '未送信 5件' }).waitFor();
    await card('山田 夜勤').getByText('夜勤明けに残業代の話を聞いた').waitFor();
    await page.getByRole('heading', { name: /ほぼ参加なし/ }).waitFor();
    await page.getByText('出席 2／3人').waitFor();
    const kept = await deviceOutbox(page);
    expect(kept.map((e) => e.item.kind).sort()).toEqual([
      'atmosphere',
      'engagement',
      'meeting',
      'note',
      'task_done',
    ]);
    for (const e of kept) {
      expect(e.item.clientId).toMatch(/^[0-9a-f-]{36}$/);
      expect(Number.isNaN(Date.parse(String(e.item.deviceTime)))).toBe(false);
    }

    // Meanwhile someone changes 鈴木's engagement on the web.
    const current = await getJson<Member>(admin, `/api/members/${suzuki.id}`);
    const changed = await admin.patch(`/api/members/${suzuki.id}`, {
      data: { engagement: 'at_risk', engagementReason: '本人と面談', version: current.version },
    });
    expect(changed.ok()).toBe(true);

    // Signal again: the outbox is sent by itself.
    await context.setOffline(false);
    await page.getByRole('status').filter({ hasText: '未送信 0件' }).waitFor();
    const conflicts = page.getByRole('region', { name: /競合/ });
    await conflicts
      .getByText(/鈴木 早番の関与度: あなたの変更「ほぼ参加なし」／現在の値「脱退リスクあり」/)
      .waitFor();

    // Everything else landed exactly once.
    const notes = itemsOf(
      await getJson<Listed<{ body: string }>>(admin, `/api/members/${yamada.id}/notes`),
    ).filter((n) => n.body === '夜勤明けに残業代の話を聞いた');
    expect(notes).toHaveLength(1);
    const meetings = itemsOf(
      await getJson<Listed<{ attendeeIds: string[] }>>(admin, `/api/workplaces/${workplace.id}/meetings`),
    );
    expect(meetings).toHaveLength(1);
    expect([...(meetings[0]?.attendeeIds ?? [])].sort()).toEqual([yamada.id, sato.id].sort());
    expect((await getJson<{ atmosphere: string }>(admin, `/api/workplaces/${workplace.id}`)).atmosphere).toBe(
      'active',
    );
    expect((await getJson<{ status: string }>(admin, `/api/tasks/${task.id}`)).status).toBe('done');
    expect((await getJson<Member>(admin, `/api/members/${suzuki.id}`)).engagement).toBe('at_risk');
    // Sending the same items again (a retry after a lost answer) writes nothing.
    const again = await context.request.post('/api/sync', {
      data: { items: kept.filter((e) => e.item.kind !== 'engagement').map((e) => e.item) },
    });
    expect(again.ok()).toBe(true);
    const replies = ((await again.json()) as { results: { status: string }[] }).results;
    expect(replies.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect(
      itemsOf(await getJson<Listed<unknown>>(admin, `/api/workplaces/${workplace.id}/meetings`)),
    ).toHaveLength(1);

    // The officer keeps their own change: it is sent anew, based on the value now.
    await conflicts.getByRole('button', { name: '自分の変更で上書き' }).click();
    await conflicts.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: '未送信 0件' }).waitFor();
    await expect
      .poll(async () => (await getJson<Member>(admin, `/api/members/${suzuki.id}`)).engagement)
      .toBe('rare');

    // Signing out with an unsent item warns first; cancelling keeps everything.
    await context.setOffline(true);
    await page.getByText(/オフライン/).waitFor();
    await card('佐藤 遅番').getByRole('button', { name: 'メモ' }).click();
    await card('佐藤 遅番').getByLabel('メモ').fill('送る前にログアウトしかけた');
    await card('佐藤 遅番').getByRole('button', { name: '端末に保存' }).click();
    await page.getByRole('status').filter({ hasText: '未送信 1件' }).waitFor();
    let warning = '';
    page.once('dialog', (dialog) => {
      warning = dialog.message();
      void dialog.dismiss();
    });
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await expect.poll(() => warning).toContain('未送信の記録が1件あります');
    expect(page.url()).toMatch(/\/field$/);
    await context.setOffline(false);
    await page.getByRole('status').filter({ hasText: '未送信 0件' }).waitFor();

    // Signing out wipes the device: no field database, no cache.
    expect((await page.evaluate(() => caches.keys())).length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.waitForURL(/\/login/);
    const left = await page.evaluate(async () => ({
      databases: (await indexedDB.databases()).map((d) => d.name),
      caches: await caches.keys(),
    }));
    expect(left.databases).not.toContain('kumiai-field');
    expect(left.caches).toEqual([]);
    await adminContext.close();
  });
});

describe('a rep on a phone', () => {
  const k = useKumiai({ demo: true, admin: ADMIN });

  it('lands in the field app, with their workplaces, recording meetings and the atmosphere', async () => {
    const context = await k.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('メールアドレス').fill(REP.email);
    await page.getByLabel('パスワード').fill(REP.password);
    await page.getByRole('button', { name: 'ログイン' }).tap();
    await page.waitForURL(/\/field$/);
    await page.getByRole('heading', { level: 1, name: '現場' }).waitFor();
    const me = await getJson<{ workplaceIds: string[] }>(context.request, '/api/auth/me');
    const pack = await getJson<{
      workplaces: { id: string; name: string }[];
      members: { workplaceId: string | null }[];
    }>(context.request, '/api/sync/pack');
    expect(pack.workplaces.map((w) => w.id).sort()).toEqual([...me.workplaceIds].sort());
    const first = page
      .getByRole('region', {
        name: new RegExp(`^${pack.workplaces[0]!.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `),
      })
      .first();
    await first.getByRole('button', { name: '職場会を記録' }).waitFor();
    // Reps change their workplaces' atmosphere too (atmosphere.change).
    await first.getByRole('button', { name: '雰囲気を変更' }).waitFor();

    // Two workplaces, 171 members: no member card is drawn until its workplace is opened, and
    // then 30 at a time (the first load stays small, docs/performance.md).
    const size = pack.members.filter((m) => m.workplaceId === pack.workplaces[0]!.id).length;
    expect(size).toBeGreaterThan(30);
    expect(await page.getByRole('article').count()).toBe(0);
    await first.getByRole('button', { name: '組合員を表示' }).tap();
    await first.getByRole('button', { name: '組合員を閉じる', expanded: true }).waitFor();
    await expect.poll(() => first.getByRole('article').count()).toBe(30);
    await first
      .getByRole('button', { name: `さらに${Math.min(30, size - 30)}人を表示（残り${size - 30}人）` })
      .tap();
    await expect.poll(() => first.getByRole('article').count()).toBe(Math.min(60, size));
    // A card works as before: its note form opens.
    await first.getByRole('article').first().getByRole('button', { name: 'メモ' }).tap();
    await first.getByRole('article').first().getByLabel('メモ').waitFor();
    expect(await page.getByRole('article').count()).toBe(Math.min(60, size));
  });
});
