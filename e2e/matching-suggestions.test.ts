import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  apiGet,
  apiPost,
  expectNoSeriousViolations,
  officerWithSeason,
  settle,
  signIn,
  useKumiai,
} from './harness';

// Issue 16 in the browser: an officer registers 「夜勤手当の引き上げ」 and members whose
// 主な職場の悩み・要求 speak of night shifts; on the demand page the suggestions show the matching words
// marked, one is linked (紐付ける, confirmed) and appears among the linked members, another is
// turned down (提案しない) and stays gone after a reload; on a member page a suggested demand is
// linked from its row.

const OFFICER = { email: 'officer-match@example.org', password: 'officer-password-1', name: '佐藤 書記長' };
const DEMAND_TITLE = '夜勤手当の引き上げ';

type Created = { id: string };

describe('suggestions from what members wrote (関係しそうな組合員・関係しそうな要求)', () => {
  const k = useKumiai({ admin: ADMIN });
  const ids = { demand: '', aoki: '', baba: '', chiba: '' };

  // A 500 says nothing in the browser: show what the server logged, if it logged an error.
  afterAll(() => {
    const lines =
      k.server
        ?.output()
        .split('\n')
        .filter((l) => /"level":[56]0|Error/.test(l)) ?? [];
    if (lines.length) console.log(`kumiai serve logged errors:\n${lines.join('\n')}`);
  });

  beforeAll(async () => {
    // The admin sets up an officer, a workplace and a current season; the officer registers the
    // demand and the members through the API.
    const { officer, workplaceIds, close } = await officerWithSeason(k, OFFICER, ['第一病棟']);
    const workplace = { id: workplaceIds[0]! };
    ids.demand = (
      await apiPost<Created>(officer, '/api/demands', {
        title: DEMAND_TITLE,
        description: '夜勤手当を1回あたり3,000円引き上げること。',
      })
    ).id;
    const member = async (name: string, concerns: string) =>
      (await apiPost<Created>(officer, '/api/members', { name, workplaceId: workplace.id, concerns })).id;
    ids.aoki = await member('青木 一郎', '夜勤明けの手当をもう少し上げてほしい');
    ids.baba = await member('馬場 一子', '深夜勤務の手当が低すぎる');
    ids.chiba = await member('千葉 三郎', '夜勤の手当が少なくて生活が苦しい');
    await member('田中 四郎', '社員駐車場がいつも満車で困る');
    await close();
  });

  it('links a suggested member after a confirmation, turns another down for good, and passes axe', async () => {
    const page = await k.newPage();
    await signIn(page, OFFICER.email, OFFICER.password);
    await page.goto(`/demands/${ids.demand}`);
    await settle(page);
    await page.getByRole('heading', { level: 1, name: DEMAND_TITLE }).waitFor();
    const section = page.getByRole('region', { name: /関係しそうな組合員（提案）/ });
    const aoki = section.locator(`[data-member-id="${ids.aoki}"]`);
    await aoki.waitFor();

    // Why: the member's own words with the matching one marked, where they are, the score in words.
    await expect
      .poll(async () => (await aoki.locator('mark').allTextContents()).some((w) => w.includes('夜勤')))
      .toBe(true);
    expect(await aoki.getByText('主な職場の悩み・要求').count()).toBe(1);
    expect(await aoki.getByText(/^一致度 \d+%$/).count()).toBe(1);
    expect(await aoki.getByRole('link', { name: '青木 一郎' }).getAttribute('href')).toBe(
      `/members/${ids.aoki}`,
    );
    // 深夜勤務 reaches 夜勤 through a synonym rule, and says so.
    const baba = section.locator(`[data-member-id="${ids.baba}"]`);
    await baba.waitFor();
    expect(await baba.getByText(/^同義語: .*深夜勤務/).count()).toBe(1);

    await expectNoSeriousViolations(page, 'the demand page with suggestions');

    await section.getByRole('checkbox', { name: '青木 一郎を選択' }).check();
    await section.getByText('1人を選択中').waitFor();
    await section.getByRole('button', { name: '紐付ける', exact: true }).click();
    const confirm = section.getByRole('alertdialog', { name: `1人を『${DEMAND_TITLE}』に紐付けますか？` });
    await confirm.getByRole('button', { name: 'はい、紐付ける' }).click();
    await section.getByText('1人を紐付けました（関連組合員数 1人）').waitFor();

    const linked = page.getByRole('region', { name: '職場別の関連組合員' });
    await linked.getByRole('link', { name: '青木 一郎' }).waitFor();
    await expect.poll(() => page.getByTestId('related-member-count').textContent()).toBe('1人');
    await aoki.waitFor({ state: 'detached' });

    // 提案しない: gone now, and after a reload.
    await section.getByRole('checkbox', { name: '馬場 一子を選択' }).check();
    await section.getByRole('button', { name: '提案しない', exact: true }).click();
    await section
      .getByRole('alertdialog', { name: /^1人を『夜勤手当の引き上げ』に今後提案しないようにしますか？/ })
      .getByRole('button', { name: 'はい、提案しない' })
      .click();
    await section.getByText('1人を今後この要求に提案しません').waitFor();
    await baba.waitFor({ state: 'detached' });
    // Not linked either.
    expect(await linked.getByRole('link', { name: '馬場 一子' }).count()).toBe(0);

    await page.reload();
    await settle(page);
    await section.locator(`[data-member-id="${ids.chiba}"]`).waitFor();
    expect(await section.locator(`[data-member-id="${ids.baba}"]`).count()).toBe(0);
    expect(await section.locator(`[data-member-id="${ids.aoki}"]`).count()).toBe(0);
    await linked.getByRole('link', { name: '青木 一郎' }).waitFor();
  });

  it('links a suggested demand from a member page', async () => {
    const page = await k.newPage();
    await signIn(page, OFFICER.email, OFFICER.password);
    const before = (await apiGet<{ relatedMemberCount: number }>(page, `/api/demands/${ids.demand}`))
      .relatedMemberCount;
    await page.goto(`/members/${ids.chiba}`);
    await settle(page);
    await page.getByRole('heading', { level: 1, name: '千葉 三郎' }).waitFor();
    const section = page.getByRole('region', { name: /関係しそうな要求/ });
    const row = section.locator(`[data-demand-id="${ids.demand}"]`);
    await row.waitFor();
    expect(await row.getByRole('link', { name: DEMAND_TITLE }).getAttribute('href')).toBe(
      `/demands/${ids.demand}`,
    );
    await expect
      .poll(async () => (await row.locator('mark').allTextContents()).some((w) => w.includes('夜勤')))
      .toBe(true);
    expect(await row.getByText(/^一致度 \d+%$/).count()).toBe(1);

    await row.getByRole('button', { name: `『${DEMAND_TITLE}』に紐付ける` }).click();
    await section.getByText(`『${DEMAND_TITLE}』に紐付けました`).waitFor();
    await row.waitFor({ state: 'detached' });
    const linked = page.getByRole('region', { name: /^関連する要求/ });
    await linked.getByRole('link', { name: DEMAND_TITLE }).waitFor();

    // The demand counts the member now.
    await page.goto(`/demands/${ids.demand}`);
    await settle(page);
    await expect.poll(() => page.getByTestId('related-member-count').textContent()).toBe(`${before + 1}人`);
    await page
      .getByRole('region', { name: '職場別の関連組合員' })
      .getByRole('link', { name: '千葉 三郎' })
      .waitFor();
  });
});
