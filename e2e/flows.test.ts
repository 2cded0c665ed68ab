import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN, apiGet, settle, setupCodeOf, signIn, useKumiai } from './harness';

// What an officer does every day, in the Japanese UI, through the real server.

const path = (page: Page) => new URL(page.url()).pathname;

/** The number a demand's page shows as its 関連組合員数. */
async function relatedMemberCount(page: Page): Promise<number> {
  const text = await page.getByRole('status', { name: '関連組合員数' }).innerText();
  const match = /\d[\d,]*/.exec(text);
  if (!match) throw new Error(`no number in 関連組合員数: ${JSON.stringify(text)}`);
  return Number(match[0].replace(/,/g, ''));
}

describe('first run on an empty data directory', () => {
  const k = useKumiai();

  it('sends / to /setup, creates the admin without the demo and lands signed in on an empty member list', async () => {
    const page = await k.newPage();
    await page.goto('/');
    await page.waitForURL('**/setup');
    await page.getByRole('heading', { level: 1, name: 'はじめに：管理者の作成' }).waitFor();

    await page.getByLabel('セットアップコード').fill(setupCodeOf(k.server));
    await page.getByLabel('表示名').fill(ADMIN.name);
    await page.getByLabel('メールアドレス').fill(ADMIN.email);
    await page.getByLabel('パスワード').fill(ADMIN.password);
    const demo = page.getByLabel(/デモ用の組合データ/);
    await demo.uncheck();
    expect(await demo.isChecked()).toBe(false);
    await page.getByRole('button', { name: '管理者を作成して始める' }).click();

    await page.waitForURL('**/members');
    await page.getByRole('heading', { level: 1, name: '組合員' }).waitFor();
    await page.getByRole('button', { name: 'ログアウト' }).waitFor();
    await page.getByText(/まだ組合員が登録されていません/).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
  });
});

describe('first run with the demo union', () => {
  const k = useKumiai();

  it('asks for the setup code, then loads a demo with every rule’s tasks and a 12-month rate trend', async () => {
    k.allow({ status: 403, url: /\/api\/setup$/ });
    const page = await k.newPage();
    await page.goto('/setup');
    await page.getByRole('heading', { level: 1, name: 'はじめに：管理者の作成' }).waitFor();
    await page.getByLabel('セットアップコード').fill('AAAA-BBBB-CCCC');
    await page.getByLabel('表示名').fill(ADMIN.name);
    await page.getByLabel('メールアドレス').fill(ADMIN.email);
    await page.getByLabel('パスワード').fill(ADMIN.password);
    expect(await page.getByLabel(/デモ用の組合データ/).isChecked()).toBe(true);
    await page.getByRole('button', { name: '管理者を作成して始める' }).click();
    await page.getByText('正しくありません').waitFor();
    expect(path(page)).toBe('/setup');

    await page.getByLabel('セットアップコード').fill(setupCodeOf(k.server).toLowerCase());
    await page.getByRole('button', { name: '管理者を作成して始める' }).click();
    await page.waitForURL('**/members', { timeout: 60_000 });

    for (const rule of [
      'at_risk_follow_up',
      'case_due_follow_up',
      'tenure_milestone',
      'workplace_gathering',
    ]) {
      const tasks = await apiGet<{ total: number }>(page, `/api/tasks?ruleId=${rule}&limit=1`);
      expect(tasks.total, rule).toBeGreaterThan(0);
    }
    const monthly = await apiGet<{ organizationRateTrend: { source: string }[] }>(
      page,
      '/api/dashboards/monthly',
    );
    expect(
      monthly.organizationRateTrend.filter((p) => p.source === 'snapshot').length,
    ).toBeGreaterThanOrEqual(11);
  });
});

describe('a demo union', () => {
  const k = useKumiai({ demo: true, admin: ADMIN });

  it('keeps a wrong password on /login with an error message', async () => {
    k.allow({ status: 401, url: /\/api\/auth\/login$/ });
    const page = await k.newPage();
    await page.goto('/login');
    await page.getByLabel('メールアドレス').fill(ADMIN.email);
    await page.getByLabel('パスワード').fill('not-the-password');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'メールアドレスまたはパスワードが正しくありません。' })
      .waitFor();
    expect(path(page)).toBe('/login');
    await page.waitForTimeout(300);
    expect(path(page)).toBe('/login');
    expect(await page.getByRole('button', { name: 'ログアウト' }).count()).toBe(0);
  });

  it('records a workplace, a member, a note, an engagement change and a demand link, in Japanese and English', async () => {
    const suffix = Date.now().toString(36).slice(-4);
    const workplaceName = `E2E検証課${suffix}`;
    const memberName = `試験 太郎${suffix}`;
    const noteBody = `残業代の未払いについて相談を受けた（${suffix}）`;
    const reason = `職場集会に来なくなり、退会を口にした（${suffix}）`;

    const page = await k.newPage();
    await signIn(page);
    expect(path(page)).toBe('/members');
    const nav = page.getByRole('navigation', { name: 'メニュー' });

    // A demand's weight before: 関連組合員数 on its page.
    await nav.getByRole('link', { name: '交渉・要求', exact: true }).click();
    await page.waitForURL('**/demands');
    await settle(page);
    // The list links each demand to its own page.
    const firstDemand = page.getByRole('main').locator('a[href^="/demands/"]').first();
    await firstDemand.waitFor();
    const demandTitle = (await firstDemand.innerText()).trim();
    await firstDemand.click();
    await page.waitForURL(/\/demands\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: demandTitle }).waitFor();
    const demandUrl = page.url();
    const before = await relatedMemberCount(page);

    // A new workplace (職場).
    await nav.getByRole('link', { name: '職場', exact: true }).click();
    await page.waitForURL('**/workplaces');
    await page.getByRole('button', { name: '職場を登録' }).click();
    const workplaceForm = page.getByRole('form', { name: '職場を登録' });
    await workplaceForm.getByLabel('職場名').fill(workplaceName);
    await workplaceForm.getByLabel('従業員数').fill('12');
    await workplaceForm.getByRole('button', { name: '登録する' }).click();
    await page.waitForURL(/\/workplaces\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: workplaceName }).waitFor();

    // A new member (組合員) in it.
    await nav.getByRole('link', { name: '組合員', exact: true }).click();
    await page.waitForURL('**/members');
    await page.getByRole('button', { name: '組合員を登録' }).click();
    await page.getByRole('heading', { level: 1, name: '組合員を登録' }).waitFor();
    await page.getByLabel('氏名').fill(memberName);
    await page.getByLabel('フリガナ').fill('しけん たろう');
    const workplaceSelect = page.getByLabel('所属職場');
    await expect
      .poll(() => workplaceSelect.getByRole('option').allInnerTexts(), {
        message: 'the workplace created a moment ago is offered in 所属職場',
        timeout: 5_000,
      })
      .toContain(workplaceName);
    await workplaceSelect.selectOption({ label: workplaceName });
    await page.getByRole('button', { name: '登録する' }).click();
    await page.waitForURL(/\/members\/[0-9a-f-]{36}$/);
    const memberUrl = page.url();
    await page.getByRole('heading', { level: 1, name: memberName }).waitFor();
    const facts = page.getByRole('region', { name: '基本情報' });
    await facts.getByRole('link', { name: workplaceName }).waitFor();

    // A consultation note shows in the timeline.
    const timeline = page.getByRole('region', { name: /関係の記録/ });
    await page.getByRole('button', { name: 'メモを記録' }).click();
    await page.getByLabel('内容').fill(noteBody);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'メモを記録しました。' }).waitFor();
    await timeline.getByRole('listitem').filter({ hasText: noteBody }).waitFor();

    // Engagement → 脱退リスクあり, with a reason: the chip and the history entry.
    await page.getByRole('button', { name: '関与度を変更' }).click();
    await page.getByLabel('新しい関与度').selectOption({ label: '脱退リスクあり' });
    await page.getByLabel(/理由/).fill(reason);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '関与度を変更しました。' }).waitFor();
    await facts.getByText('脱退リスクあり').waitFor();
    const change = timeline.getByRole('listitem').filter({ hasText: reason });
    await change.waitFor();
    expect(await change.innerText()).toContain('脱退リスクあり');

    // Link the member to the demand: its 関連組合員数 goes up by one.
    await page.getByLabel('紐付ける要求').selectOption({ label: demandTitle });
    await page.getByRole('button', { name: '要求に紐付ける' }).click();
    const linked = page
      .getByRole('region', { name: /関連する要求/ })
      .getByRole('link', { name: demandTitle });
    await linked.click();
    await page.waitForURL(demandUrl);
    await page.getByRole('heading', { level: 1, name: demandTitle }).waitFor();
    await expect.poll(() => relatedMemberCount(page), { timeout: 10_000 }).toBe(before + 1);
    // The member is listed under their workplace (a group that may start closed).
    const group = page
      .getByRole('region', { name: '職場別の関連組合員' })
      .getByRole('group')
      .filter({ hasText: workplaceName });
    if (!(await group.evaluate((el) => (el as HTMLDetailsElement).open))) {
      await group.getByText(workplaceName, { exact: true }).click();
    }
    await group.getByRole('link', { name: memberName }).waitFor();

    // English, and it stays English after a reload.
    // The switch reads "English" and is announced as the language setting (表示言語).
    const language = page.getByRole('button', { name: /表示言語|English/ });
    expect(await language.innerText()).toBe('English');
    await language.click();
    const enNav = page.getByRole('navigation', { name: 'Menu' });
    await enNav.getByRole('link', { name: 'Members' }).waitFor();
    await enNav.getByRole('link', { name: 'Workplaces' }).waitFor();
    await enNav.getByRole('link', { name: 'Demands' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.reload();
    await enNav.getByRole('link', { name: 'Members' }).waitFor();
    const toJapanese = page.getByRole('button', { name: /Language|日本語/ });
    await toJapanese.waitFor();
    expect(await toJapanese.innerText()).toBe('日本語');
    await page.getByRole('heading', { level: 1, name: demandTitle }).waitFor();

    // Back returns to the member page (now in English).
    await page.goBack();
    await page.waitForURL(memberUrl);
    await page.getByRole('heading', { level: 1, name: memberName }).waitFor();
    await page.getByRole('region', { name: 'Details' }).getByText('At risk of leaving').waitFor();

    // A shared link opens the same member.
    const shared = await page.context().newPage();
    await shared.goto(memberUrl);
    await shared.getByRole('heading', { level: 1, name: memberName }).waitFor();
    await shared
      .getByRole('region', { name: /Relationship history/ })
      .getByText(noteBody)
      .waitFor();
  });
});
