import type { APIRequestContext } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  apiGet,
  apiPost,
  expectNoSeriousViolations,
  officerWithSeason,
  PHONE,
  settle,
  signIn,
  useKumiai,
} from './harness';

// Issue 16 in the browser: three members speak of the car park (駐車場), which no demand of the
// season holds. An officer sees the topic among 要求になっていない声 on the monthly dashboard,
// registers it as a demand (要求として登録: the title edited, the members counted in the
// confirmation) and lands on the new demand with them linked. On 設定 › 同義語・関連語 the officer
// adds a row to the synonym table, saves it (it is there after a reload), and dismisses an
// addition two accepted suggestions pointed to.

const OFFICER = { email: 'officer-voices@example.org', password: 'officer-password-1', name: '佐藤 書記長' };
const NIGHT_SHIFT = '夜勤手当の引き上げ';
const PARKING_TITLE = '従業員駐車場の確保';

type Created = { id: string };
type Suggestions = { items: { memberId: string }[]; pending: number };
type SynonymTable = {
  groups: { kind: string; terms: string[] }[];
  isDefault: boolean;
  version: number;
  candidates: { term: string; demandTerm: string; count: number }[];
};

async function getJson<T>(request: APIRequestContext, path: string): Promise<T> {
  const res = await request.get(path);
  if (!res.ok()) throw new Error(`GET ${path} answered ${res.status()}: ${await res.text()}`);
  return (await res.json()) as T;
}

describe('voices no demand holds, and the synonym table (要求になっていない声・同義語・関連語)', () => {
  const k = useKumiai({ admin: ADMIN });
  const ids = { parking: [] as string[], candidate: { term: '', demandTerm: '' } };

  beforeAll(async () => {
    // The admin sets up an officer, two workplaces and a current season; the officer registers a
    // demand and the members through the API.
    const { officer, workplaceIds, close } = await officerWithSeason(k, OFFICER, [
      'A 病棟',
      'B 物流センター',
    ]);
    const ward = { id: workplaceIds[0]! };
    const depot = { id: workplaceIds[1]! };
    const demand = await apiPost<Created>(officer, '/api/demands', {
      title: NIGHT_SHIFT,
      description: '夜勤手当を1回あたり3,000円引き上げること。',
    });
    const member = async (name: string, workplaceId: string, concerns: string) =>
      (await apiPost<Created>(officer, '/api/members', { name, workplaceId, concerns })).id;
    ids.parking = [
      await member('青木 一郎', ward.id, '駐車場が足りなくて毎朝路上で待たされる'),
      await member('青木 二郎', ward.id, '社員駐車場がいつも満車で困る'),
      await member('馬場 一子', depot.id, '駐車場が遠くて雨の日の通勤がつらい'),
    ];
    const nightShift = [
      await member('夜間 太郎', ward.id, '夜勤中の仮眠がほとんど取れないのに手当が安い'),
      await member('夜間 次郎', depot.id, '夜勤の仮眠時間に手当がつかない'),
    ];

    // Two accepted suggestions join a member's word to the demand's word twice: a suggested
    // addition to the synonym table.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const s = await getJson<Suggestions>(officer, `/api/demands/${demand.id}/suggestions`);
      if (s.items.filter((i) => nightShift.includes(i.memberId)).length === 2) break;
      if (Date.now() > deadline) throw new Error(`not suggested: ${JSON.stringify(s)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    for (const id of nightShift) {
      await apiPost(officer, `/api/demands/${demand.id}/suggestions/accept`, { memberIds: [id] });
    }
    const table = await getJson<SynonymTable>(officer, '/api/settings/synonyms');
    const candidate = table.candidates.find((c) => c.count >= 2);
    if (!candidate) throw new Error(`no suggested addition: ${JSON.stringify(table.candidates)}`);
    ids.candidate = { term: candidate.term, demandTerm: candidate.demandTerm };
    await close();
  });

  it('shows the car park among the voices on the monthly dashboard and registers it as a demand with its members', async () => {
    const page = await k.newPage();
    await signIn(page, OFFICER.email, OFFICER.password);
    await page.goto('/dashboards/monthly');
    await settle(page);
    const voices = page.getByRole('region', { name: '要求になっていない声' });
    const topic = voices.locator('li.voice-topic').filter({
      has: page.getByRole('heading', { level: 3, name: /駐車場/ }),
    });
    await topic.waitFor({ timeout: 30_000 });
    expect(await topic.getByTestId('voice-counts').textContent()).toBe('組合員 3人');
    const where = await topic.getByTestId('voice-workplaces').textContent();
    expect(where).toContain('A 病棟 2人');
    expect(where).toContain('B 物流センター 1人');
    const quotes = await topic.getByRole('list', { name: '声の例' }).getByRole('listitem').allTextContents();
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes.length).toBeLessThanOrEqual(3);
    for (const q of quotes) expect(q).toMatch(/^「.*駐車場.*」（主な職場の悩み・要求）$/);

    await topic.getByRole('button', { name: '要求として登録' }).click();
    const form = topic.getByRole('form', { name: /を要求として登録$/ });
    const title = form.getByLabel(/要求事項の名称/);
    expect(await title.inputValue()).toContain('駐車場');
    await expect
      .poll(() => form.getByTestId('voice-confirm').textContent())
      .toBe('3人の組合員を紐付けます。');
    await expectNoSeriousViolations(page, 'the monthly dashboard with 要求として登録 open');
    await title.fill(PARKING_TITLE);
    await form.getByLabel('要求の優先度').selectOption({ label: '高' });
    await form.getByRole('button', { name: '登録して紐付ける' }).click();

    await page.waitForURL(/\/demands\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: PARKING_TITLE }).waitFor();
    await expect.poll(() => page.getByTestId('related-member-count').textContent()).toBe('3人');
    const demandId = new URL(page.url()).pathname.split('/').pop()!;
    const linked = await apiGet<{ items: { id: string }[] }>(
      page,
      `/api/demands/${demandId}/members?limit=50`,
    );
    expect(linked.items.map((m) => m.id).sort()).toEqual([...ids.parking].sort());
    const made = await apiGet<{ priority: string }>(page, `/api/demands/${demandId}`);
    expect(made.priority).toBe('high');

    // The demand holds the car park now: the topic is gone from the dashboard.
    await page.goto('/dashboards/monthly');
    await settle(page);
    await voices.getByRole('heading', { level: 2 }).waitFor();
    await expect
      .poll(() => voices.getByRole('heading', { level: 3, name: /駐車場/ }).count(), { timeout: 20_000 })
      .toBe(0);
  });

  it('edits the synonym table from the dashboard’s link, keeps it after a reload, and dismisses a suggested addition', async () => {
    const page = await k.newPage();
    await signIn(page, OFFICER.email, OFFICER.password);
    await page.goto('/dashboards/monthly');
    await settle(page);
    await page.getByRole('link', { name: '同義語・関連語の設定' }).click();
    await page.waitForURL(/\/settings\?tab=synonyms$/);
    await settle(page);
    const editor = page.getByRole('form', { name: '同義語・関連語' });
    await editor.getByRole('table', { name: '同義語・関連語の表' }).waitFor();
    expect(await editor.getByTestId('synonyms-source').textContent()).toBe(
      '初期設定の一覧を使っています（まだ誰も保存していません）。',
    );
    await expectNoSeriousViolations(page, '設定 › 同義語・関連語');

    const before = await apiGet<SynonymTable>(page, '/api/settings/synonyms');
    const n = before.groups.length + 1;
    await editor.getByRole('button', { name: '行を追加' }).click();
    const terms = editor.getByRole('textbox', { name: `${n}行目の語`, exact: true });
    await terms.fill('駆け込み寺、相談窓口');
    await editor
      .getByRole('combobox', { name: `${n}行目の種類`, exact: true })
      .selectOption({ label: '関連（≈）' });
    await editor.getByRole('button', { name: '保存', exact: true }).click();
    await editor.getByText('保存しました。提案はこの表で計算し直しています。').waitFor();

    await page.reload();
    await settle(page);
    await editor.getByRole('table', { name: '同義語・関連語の表' }).waitFor();
    expect(await editor.getByTestId('synonyms-source').textContent()).toMatch(
      /^組合で編集した一覧を使っています/,
    );
    expect(await editor.getByRole('textbox', { name: `${n}行目の語`, exact: true }).inputValue()).toBe(
      '駆け込み寺、相談窓口',
    );
    expect(await editor.getByRole('combobox', { name: `${n}行目の種類`, exact: true }).inputValue()).toBe(
      'related',
    );
    const after = await apiGet<SynonymTable>(page, '/api/settings/synonyms');
    expect(after.version).toBe(before.version + 1);
    expect(after.groups.at(-1)).toEqual({ kind: 'related', terms: ['駆け込み寺', '相談窓口'] });

    // The suggested addition, dismissed: gone, and still gone after a reload.
    const pair = `${ids.candidate.term} ≈ ${ids.candidate.demandTerm}`;
    const candidates = page.getByRole('region', { name: '追加の候補' });
    await candidates.getByText(pair, { exact: true }).waitFor();
    await candidates.getByRole('button', { name: `${pair}を却下` }).click();
    await candidates
      .getByRole('status')
      .filter({ hasText: `${pair}を却下しました` })
      .waitFor();
    await expect.poll(() => candidates.getByText(pair, { exact: true }).count()).toBe(0);
    await page.reload();
    await settle(page);
    await candidates.getByRole('heading', { name: '追加の候補' }).waitFor();
    expect(await candidates.getByText(pair, { exact: true }).count()).toBe(0);
    const final = await apiGet<SynonymTable>(page, '/api/settings/synonyms');
    expect(
      final.candidates.some(
        (c) => c.term === ids.candidate.term && c.demandTerm === ids.candidate.demandTerm,
      ),
    ).toBe(false);
  });

  it('fits a phone: the synonym table reads row by row without scrolling sideways', async () => {
    const context = await k.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const login = await context.request.post('/api/auth/login', {
      data: { email: OFFICER.email, password: OFFICER.password },
    });
    expect(login.ok()).toBe(true);
    const page = await context.newPage();
    await page.goto('/settings?tab=synonyms');
    await settle(page);
    await page.getByRole('table', { name: '同義語・関連語の表' }).waitFor();
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth + 1);
    await expectNoSeriousViolations(page, '設定 › 同義語・関連語 on a phone');
  });
});
