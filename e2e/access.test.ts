import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, apiGet, type E2E, settle, signIn, useKumiai } from './harness';

// What a 職場委員 (rep) reaches in the demo union, through the real server and the
// built app: only the members and workplaces of the workplaces set on their user,
// never a sensitive case, never an admin entry; another workplace's member by URL
// is 見つかりません, exactly like a missing one.

const REP = { email: 'tanaka@demo.kumiai.example', password: 'kumiai-demo-2026' };
const SENSITIVE_MARK = '要配慮';

type List<T> = { items: T[]; total: number };
type Staff = { id: string; email: string; role: string; workplaceIds: string[] };
type Workplace = { id: string; name: string };
type Member = { id: string; name: string; workplaceId: string | null; workplaceName: string | null };
type Case = { id: string; title: string; sensitive: boolean };
type TimelineItem = { kind: string; title: string | null; sensitive?: boolean | null };

/** A signed-in API session (cookies in its own context), for what the test must know beforehand. */
async function apiSession(k: E2E, email: string, password: string) {
  const context: BrowserContext = await k.newContext();
  const res = await context.request.post('/api/auth/login', { data: { email, password } });
  if (!res.ok()) throw new Error(`sign-in of ${email} answered ${res.status()}: ${await res.text()}`);
  const page = await context.newPage();
  return { context, get: <T>(path: string) => apiGet<T>(page, path) };
}

/** Every item of a list, page by page (limit 500). */
async function all<T>(get: <U>(path: string) => Promise<U>, path: string): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; ; offset += 500) {
    const sep = path.includes('?') ? '&' : '?';
    const page = await get<List<T>>(`${path}${sep}limit=500&offset=${offset}`);
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) return items;
  }
}

/** The page's text for the checks that nothing sensitive is shown anywhere on it. */
const pageText = (page: Page) => page.locator('body').innerText();

describe('a rep (職場委員) in the demo union', () => {
  const k = useKumiai({ demo: true, admin: ADMIN });
  /** What an admin knows about the rep and the union, to compare the rep's screens with. */
  const known = {
    repId: '',
    workplaceIds: [] as string[],
    workplaceNames: [] as string[],
    /** Active members of the rep's workplaces, as the admin counts them. */
    activeInScope: 0,
    /** Members of the rep's workplaces holding a sensitive case, with those cases' titles. */
    withSensitive: [] as { member: Member; titles: string[] }[],
    /** A member and a workplace outside the rep's workplaces. */
    otherMember: undefined as Member | undefined,
    otherWorkplace: undefined as Workplace | undefined,
  };

  beforeAll(async () => {
    const admin = await apiSession(k, ADMIN.email, ADMIN.password);
    const staff = await all<Staff>(admin.get, '/api/users');
    const rep = staff.find((u) => u.email === REP.email);
    if (!rep) throw new Error(`${REP.email} is not in the demo union`);
    expect(rep.role).toBe('rep');
    known.repId = rep.id;
    known.workplaceIds = [...rep.workplaceIds].sort();
    expect(known.workplaceIds.length, 'the demo rep has workplaces').toBeGreaterThan(0);

    const workplaces = await all<Workplace>(admin.get, '/api/workplaces');
    known.workplaceNames = workplaces
      .filter((w) => known.workplaceIds.includes(w.id))
      .map((w) => w.name)
      .sort();
    known.otherWorkplace = workplaces.find((w) => !known.workplaceIds.includes(w.id));

    const members = await all<Member>(admin.get, '/api/members?status=active');
    const inScope = members.filter((m) => m.workplaceId && known.workplaceIds.includes(m.workplaceId));
    known.activeInScope = inScope.length;
    known.otherMember = members.find((m) => m.workplaceId && !known.workplaceIds.includes(m.workplaceId));

    const cases = await Promise.all(
      inScope.map(async (member) => ({
        member,
        cases: (await admin.get<List<Case>>(`/api/members/${member.id}/cases?limit=100`)).items,
      })),
    );
    known.withSensitive = cases
      .map(({ member, cases }) => ({ member, titles: cases.filter((c) => c.sensitive).map((c) => c.title) }))
      .filter((m) => m.titles.length > 0);
    await admin.context.close();

    expect(known.otherMember, 'the demo union has members outside the rep’s workplaces').toBeDefined();
    expect(known.otherWorkplace, 'the demo union has other workplaces').toBeDefined();
    expect(
      known.withSensitive.length,
      'the demo union has sensitive cases in the rep’s workplaces (else nothing is tested)',
    ).toBeGreaterThan(0);
  });

  it('is told its role, workplaces and permissions by /api/auth/me', async () => {
    const rep = await apiSession(k, REP.email, REP.password);
    const me = await rep.get<Staff & { permissions: string[] }>('/api/auth/me');
    expect(me.id).toBe(known.repId);
    expect(me.role).toBe('rep');
    expect([...me.workplaceIds].sort()).toEqual(known.workplaceIds);
    expect([...me.permissions].sort()).toEqual([
      'atmosphere.change',
      'contacts.read',
      'demands.link',
      'engagement.change',
      'meetings.record',
      'notes.create',
      'surveys.track',
    ]);
  });

  it('lists only the members of its workplaces, with the API’s total, and no admin entry or registration', async () => {
    const rep = await apiSession(k, REP.email, REP.password);
    const apiTotal = (await rep.get<List<Member>>('/api/members?status=active&limit=1')).total;
    expect(apiTotal, 'the rep’s /api/members total = the admin’s count for the rep’s workplaces').toBe(
      known.activeInScope,
    );

    const page = await k.newPage();
    await signIn(page, REP.email, REP.password);
    await page.goto('/members');
    await settle(page);
    await page.getByRole('heading', { level: 1, name: '組合員一覧' }).waitFor();
    expect(await page.locator('.page-header').getByText(`${apiTotal}件`, { exact: true }).count()).toBe(1);

    // Every page of the list: each row in one of the rep's workplaces.
    const seen = new Set<string>();
    let rows = 0;
    for (let offset = 0; offset < apiTotal; offset += 50) {
      if (offset > 0) {
        await page.goto(`/members?offset=${offset}`);
        await settle(page);
      }
      const names = await page.locator('table tbody td.member-workplace').allInnerTexts();
      rows += names.length;
      for (const name of names) seen.add(name.trim());
    }
    expect(rows).toBe(apiTotal);
    for (const name of seen) expect(known.workplaceNames, `a member of ${name} is listed`).toContain(name);

    // No admin entries, and nothing that would only answer 403.
    const nav = page.getByRole('navigation', { name: 'メニュー' });
    expect(await nav.getByRole('link', { name: '設定' }).count()).toBe(0);
    for (const name of ['週次', '月次', '組合員', '職場', '交渉・要求']) {
      expect(await nav.getByRole('link', { name, exact: true }).count(), name).toBe(1);
    }
    await page.goto('/members');
    await settle(page);
    expect(await page.getByRole('button', { name: /組合員を登録/ }).count()).toBe(0);
    await page.goto('/settings');
    await page.getByRole('heading', { level: 1, name: '設定' }).waitFor();
    await page.getByRole('heading', { name: '管理者のみ' }).waitFor();
    expect(await page.getByRole('navigation', { name: '設定の項目' }).count()).toBe(0);
  });

  it('lists only its workplaces', async () => {
    const page = await k.newPage();
    await signIn(page, REP.email, REP.password);
    await page.goto('/workplaces');
    await settle(page);
    const names = (await page.locator('table tbody th[scope="row"] a').allInnerTexts()).map((n) => n.trim());
    expect(names.sort()).toEqual(known.workplaceNames);
    expect(await page.getByRole('button', { name: '職場を登録' }).count()).toBe(0);
  });

  it('changes the atmosphere of its own workplace with a reason (the only workplace field it writes)', async () => {
    const page = await k.newPage();
    await signIn(page, REP.email, REP.password);
    const id = known.workplaceIds[0]!;
    const before = await apiGet<{ atmosphere: string; version: number }>(page, `/api/workplaces/${id}`);
    const next = before.atmosphere === 'indifferent' ? 'normal' : 'indifferent';
    await page.goto(`/workplaces/${id}`);
    await settle(page);
    expect(await page.getByRole('button', { name: '編集' }).count()).toBe(0);
    await page.getByRole('button', { name: '雰囲気を変更' }).click();
    const form = page.locator('form[aria-labelledby="wp-atm-form-title"]');
    await form.getByLabel('新しい雰囲気').selectOption(next);
    await form.getByLabel('変更の理由').fill('昼休みの集まりに来る人が減った');
    await form.getByRole('button', { name: '保存' }).click();
    await form.waitFor({ state: 'detached' });
    const after = await apiGet<{ atmosphere: string; version: number }>(page, `/api/workplaces/${id}`);
    expect(after).toMatchObject({ atmosphere: next, version: before.version + 1 });
    const history = await apiGet<{
      items: { to: string; reason: string | null; changedBy: string | null }[];
    }>(page, `/api/workplaces/${id}/atmosphere-history`);
    expect(history.items.at(-1)).toMatchObject({ to: next, reason: '昼休みの集まりに来る人が減った' });
    await page.getByText('昼休みの集まりに来る人が減った').waitFor();
  });

  it('never sees a sensitive case: not in the API, not on its members’ pages or timelines', async () => {
    const rep = await apiSession(k, REP.email, REP.password);
    for (const { member } of known.withSensitive) {
      const cases = await rep.get<List<Case>>(`/api/members/${member.id}/cases?limit=100`);
      expect(
        cases.items.filter((c) => c.sensitive),
        `cases of ${member.name}`,
      ).toEqual([]);
      const timeline = await all<TimelineItem>(rep.get, `/api/members/${member.id}/timeline`);
      expect(
        timeline.filter((i) => i.sensitive),
        `timeline of ${member.name}`,
      ).toEqual([]);
    }

    const page = await k.newPage();
    await signIn(page, REP.email, REP.password);
    for (const { member, titles } of known.withSensitive.slice(0, 3)) {
      await page.goto(`/members/${member.id}`);
      await settle(page);
      await page.getByRole('heading', { level: 1, name: member.name }).waitFor();
      await page.getByRole('region', { name: '関係の記録（タイムライン）' }).waitFor();
      // The whole timeline, not only its first page.
      const more = page.getByRole('button', { name: 'さらに読み込む' });
      while (await more.count()) {
        await more.click();
        await page.waitForLoadState('networkidle');
      }
      await settle(page);
      const text = await pageText(page);
      expect(text, `${member.name}'s page`).not.toContain(SENSITIVE_MARK);
      for (const title of titles) expect(text, `${member.name}'s page`).not.toContain(title);
      // A rep adds notes and changes engagement; editing the record is not theirs.
      expect(await page.getByRole('button', { name: '編集', exact: true }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'メモを記録' }).count()).toBe(1);
      expect(await page.getByRole('button', { name: '案件を登録' }).count()).toBe(0);
    }
  });

  it('gets 見つかりません for another workplace’s member or workplace opened by URL', async () => {
    const other = known.otherMember!;
    const otherWorkplace = known.otherWorkplace!;
    k.allow(
      { status: 404, url: new RegExp(`/api/members/${other.id}$`) },
      { status: 404, url: new RegExp(`/api/workplaces/${otherWorkplace.id}$`) },
    );
    const page = await k.newPage();
    await signIn(page, REP.email, REP.password);

    await page.goto(`/members/${other.id}`);
    await page.getByRole('heading', { name: '見つかりません' }).waitFor();
    expect(await pageText(page)).not.toContain(other.name);

    await page.goto(`/workplaces/${otherWorkplace.id}`);
    await page.getByRole('heading', { name: '見つかりません' }).waitFor();
    expect(await page.getByRole('heading', { level: 1, name: otherWorkplace.name }).count()).toBe(0);
  });

  it('has no serious or critical axe violation on its member list', async () => {
    const page = await k.newPage();
    await signIn(page, REP.email, REP.password);
    await page.goto('/members');
    await settle(page);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const report = serious
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
      )
      .join('\n');
    expect(serious, `axe on the rep's member list:\n${report}`).toEqual([]);
  });
});
