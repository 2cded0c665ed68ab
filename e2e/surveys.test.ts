import http from 'node:http';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  apiGet,
  type E2E,
  expectNoSeriousViolations,
  PHONE,
  settle,
  signIn,
  useKumiai,
} from './harness';

// Issue 15 §3, in the browser: an officer builds a survey from the demand list, invites a
// workplace, prints the slips (QR codes), a member answers from a slip's link on a phone,
// the response rate moves, a rep's paper answer is entered, the results are applied and the
// demand's 関連組合員数 grows. The same for an anonymous survey, where the database holds
// nothing tying an answer to a member. The server runs on its own PostgreSQL database so the
// test can read what was stored while it runs.

const OFFICER = { email: 'sato@demo.kumiai.example', password: 'kumiai-demo-2026' };
const BASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dbName = `kumiai_e2e_surveys_${process.pid}_${Date.now()}`;
const dbUrl = (() => {
  const url = new URL(BASE_URL);
  url.pathname = `/${dbName}`;
  return url.toString();
})();

async function admin<T>(run: (client: pg.Client) => Promise<T>, url = BASE_URL): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
await admin((c) => c.query(`CREATE DATABASE "${dbName}"`)).catch((err: unknown) => {
  throw new Error(`the survey browser tests read the server's database on PostgreSQL (${BASE_URL}): ${err}`);
});

type List<T> = { items: T[]; total: number };
type Demand = { id: string; title: string; relatedMemberCount: number };
type Workplace = { id: string; name: string; memberCount: number };
type Member = { id: string; name: string; unionRole: string; status: string; workplaceId: string | null };

/** The bytes on the wire for one file (fetch would decompress them). */
function transferred(url: string, encoding: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
        // Files under 1 KB are sent as they are (the build compresses nothing smaller).
        if (res.statusCode !== 200) return reject(new Error(`${url}: ${res.statusCode}`));
        let n = 0;
        res.on('data', (chunk: Buffer) => {
          n += chunk.length;
        });
        res.on('end', () => resolve(n));
      })
      .on('error', reject);
  });
}

async function signedInPage(k: E2E, who = OFFICER): Promise<Page> {
  const page = await k.newPage();
  await signIn(page, who.email, who.password);
  return page;
}

/** The smallest workplace with at least 3 active members (a short slip run), and those members. */
async function smallWorkplace(page: Page, skip: string[] = []) {
  const workplaces = await apiGet<List<Workplace>>(page, '/api/workplaces?limit=500');
  for (const w of [...workplaces.items].sort((a, b) => a.memberCount - b.memberCount)) {
    if (skip.includes(w.id) || w.memberCount < 3) continue;
    const members = await apiGet<List<Member>>(
      page,
      `/api/members?workplaceId=${w.id}&status=active&limit=500`,
    );
    // Organizing targets are not members of the union yet: they are not invited.
    const invitable = members.items.filter((m) => m.unionRole !== 'organizing_target');
    if (invitable.length >= 3) return { workplace: w, members: invitable };
  }
  throw new Error('the demo union has no workplace of 3 or more active members');
}

/** Builds a survey from the demand list through the builder; returns its id. */
async function buildSurvey(page: Page, title: string, anonymous: boolean): Promise<string> {
  await page.goto('/demands');
  await settle(page);
  await page.getByRole('link', { name: '要求アンケートを作成' }).click();
  await page.waitForURL(/\/surveys\/new/);
  const form = page.getByRole('form', { name: 'アンケートを作成' });
  // The season's demands, preselected once they are known.
  await form.getByText(/^[1-9]\d*件を選択中$/).waitFor();
  if (anonymous) await expectNoSeriousViolations(page, 'the survey builder');
  await form.getByLabel('タイトル').fill(title);
  await form.getByRole('radio', { name: anonymous ? /^匿名/ : /^記名/ }).check();
  await form.getByRole('button', { name: '作成する' }).click();
  await page.waitForURL(/\/surveys\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  return new URL(page.url()).pathname.split('/').pop()!;
}

async function inviteWorkplace(page: Page, workplace: Workplace): Promise<number> {
  const invite = page.getByRole('region', { name: '対象者を招待' });
  await invite.getByRole('radio', { name: '選んだ職場の組合員' }).check();
  await invite.getByRole('checkbox', { name: workplace.name, exact: true }).check();
  await invite.getByRole('button', { name: '招待する' }).click();
  const done = invite.getByText(/人を新たに招待しました$/);
  await done.waitFor();
  return Number(/(\d+)人/.exec((await done.textContent()) ?? '')?.[1]);
}

/** The slips page: one slip with a QR code per invited member; returns their links by member id. */
async function checkSlips(page: Page, surveyId: string, invited: number): Promise<Map<string, string>> {
  await page
    .getByRole('region', { name: 'リンクと案内票' })
    .getByRole('link', { name: '案内票を印刷' })
    .click();
  await page.waitForURL(`**/surveys/${surveyId}/slips`);
  const slips = page.getByTestId('slip');
  await expect.poll(() => slips.count()).toBe(invited);
  expect(await page.locator('[data-testid="slip"] svg[role="img"] path').count()).toBe(invited);
  const links = new Map<string, string>();
  for (const slip of await slips.all()) {
    const link = (await slip.locator('.slip-link').textContent()) ?? '';
    expect(link).toMatch(/\/s\/[A-Za-z0-9_-]{32}$/);
    links.set((await slip.getAttribute('data-member-id')) ?? '', link);
  }
  expect(new Set(links.values()).size).toBe(invited);
  return links;
}

/** Opens a slip's link on a phone-sized page and answers with these demands. */
async function answerOnPhone(k: E2E, link: string, demandTitles: string[], anonymous: boolean) {
  const context = await k.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(new URL(link).pathname);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.getByRole('heading', { name: anonymous ? '匿名のアンケート' : '記名のアンケート' }).waitFor();
  await expectNoSeriousViolations(page, 'the public answer page');
  for (const title of demandTitles) await page.getByRole('checkbox', { name: title }).check();
  await page.getByRole('button', { name: '回答を送信する' }).click();
  await page.getByText('回答を保存しました。').waitFor();
  // Still answerable: the button now changes the answer.
  await page.getByRole('button', { name: '回答を変更する' }).waitFor();
  // Nothing scrolls sideways on a phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await context.close();
}

async function enterPaperAnswer(page: Page, memberName: string, demandTitle: string) {
  await page.getByRole('button', { name: `${memberName}さんの紙の回答を入力` }).click();
  const panel = page.getByRole('region', { name: `${memberName}さんの紙の回答` });
  await panel.getByRole('checkbox', { name: demandTitle }).check();
  await panel.getByRole('button', { name: '回答を保存' }).click();
  await page.getByText(`${memberName}さんの回答を保存しました`).waitFor();
}

describe('the demand survey in the browser', () => {
  const k = useKumiai({ demo: true, admin: ADMIN, env: { DATABASE_URL: dbUrl } });
  afterAll(async () => {
    await k.server?.stop();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)).catch(() => {});
  });

  it('keeps the public answer page small: no chart library, under 80 KB of JS and CSS compressed', async () => {
    k.allow({ status: 404, url: /\/api\/public\/surveys\// });
    const html = await (await fetch(`${k.server.url}/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`)).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const encoding of ['br', 'gzip']) {
      let bytes = 0;
      for (const asset of assets) {
        bytes += await transferred(`${k.server.url}${asset}`, encoding);
        expect(asset).not.toMatch(/echarts|chart/i);
      }
      expect(bytes, `${encoding}: ${assets.join(', ')}`).toBeLessThan(80 * 1024);
    }
    // What the browser loads for the page: nothing beyond those files (no lazy chart chunk).
    const page = await k.newPage({ viewport: PHONE });
    const loaded: string[] = [];
    page.on('request', (req) => {
      if (req.url().includes('/assets/')) loaded.push(new URL(req.url()).pathname);
    });
    await page.goto('/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    await page.getByRole('heading', { name: 'このリンクは使えません' }).waitFor();
    expect(loaded.every((a) => assets.includes(a))).toBe(true);
    await expectNoSeriousViolations(page, 'the public page of an unknown link');
  });

  it('identified: build, invite, print slips, answer on a phone, track, paper answer, apply, 関連組合員数 grows', {
    timeout: 240_000,
  }, async () => {
    const page = await signedInPage(k);
    const { workplace, members } = await smallWorkplace(page);
    const surveyId = await buildSurvey(page, 'E2E 記名アンケート', false);
    await expectNoSeriousViolations(page, 'the survey page');
    const survey = await apiGet<{ demands: { id: string; title: string }[] }>(
      page,
      `/api/surveys/${surveyId}`,
    );
    const [first, second] = survey.demands;
    expect(first && second).toBeTruthy();

    const invited = await inviteWorkplace(page, workplace);
    expect(invited).toBe(members.length);
    await page.getByTestId('progress-total').getByText(`${invited}人中 0人が回答（回答率 0%）`).waitFor();

    const links = await checkSlips(page, surveyId, invited);
    await expectNoSeriousViolations(page, 'the slips page');
    // Printed: A4 sheets with every slip, no slip cut across two sheets.
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    const doc = await getDocumentProxy(new Uint8Array(pdf));
    expect(doc.numPages).toBe(Math.ceil(invited / 8));
    const { text } = await extractText(doc, { mergePages: true });
    // Chromium's PDF text may use compatibility forms of kanji: compared after NFKC.
    const flat = (t: string) => t.normalize('NFKC').replace(/\s/g, '');
    for (const m of members) expect(flat(text)).toContain(flat(m.name));
    await page.emulateMedia({ media: 'screen' });

    // Two respondents who count toward 関連組合員数 (organizing targets do not).
    const counting = members.filter((m) => m.unionRole !== 'organizing_target');
    expect(counting.length).toBeGreaterThanOrEqual(2);
    const [onPhone, onPaper] = counting as [Member, Member];

    const before = await apiGet<Demand>(page, `/api/demands/${first!.id}`);
    const linked = await apiGet<List<{ id: string }>>(page, `/api/demands/${first!.id}/members?limit=500`);
    const already = new Set(linked.items.map((m) => m.id));
    const expected = before.relatedMemberCount + [onPhone, onPaper].filter((m) => !already.has(m.id)).length;

    await page.goto(`/surveys/${surveyId}`);
    await settle(page);
    await answerOnPhone(k, links.get(onPhone.id)!, [first!.title, second!.title], false);
    // The survey page refreshes itself: the rate moves without a reload.
    await page
      .getByTestId('progress-total')
      .getByText(`${invited}人中 1人が回答`, { exact: false })
      .waitFor({ timeout: 25_000 });

    await enterPaperAnswer(page, onPaper.name, first!.title);
    await page
      .getByTestId('progress-total')
      .getByText(`${invited}人中 2人が回答`, { exact: false })
      .waitFor({ timeout: 25_000 });

    const apply = page.getByRole('region', { name: '結果を要求に反映' });
    await apply.getByRole('button', { name: '結果を要求に反映' }).click();
    await apply
      .getByText('回答者2人が選んだ要求への紐付けを、最大でのべ3件作ります', { exact: false })
      .waitFor();
    await apply.getByRole('button', { name: '反映する' }).click();
    await apply.getByText(/2人の回答を反映し、新たに\d+件の紐付けを作りました/).waitFor();

    await page.goto(`/demands/${first!.id}`);
    await settle(page);
    await expect.poll(() => page.getByTestId('related-member-count').textContent()).toBe(`${expected}人`);
    const support = page.getByRole('region', { name: 'アンケートでの支持' });
    await support.locator(`li[data-survey-id="${surveyId}"]`).getByText('回答者2人中 2人（100%）').waitFor();

    await page.goto(`/surveys/${surveyId}/results`);
    await settle(page);
    const ranking = page.getByRole('table', { name: '要求の順位' });
    await expect
      .poll(() =>
        ranking.locator(`tr[data-demand-id="${first!.id}"] [data-testid="demand-count"]`).textContent(),
      )
      .toBe('2人');
    await expectNoSeriousViolations(page, 'the results page');
  });

  it('edits, revokes and re-issues a link, closes the survey now and reopens it', {
    timeout: 240_000,
  }, async () => {
    const page = await signedInPage(k);
    const { workplace, members } = await smallWorkplace(page);
    const surveyId = await buildSurvey(page, 'E2E 締切アンケート', false);

    // 編集: the title (sent with the version read).
    await page.getByRole('button', { name: '編集', exact: true }).click();
    const form = page.getByRole('form', { name: 'アンケートを編集' });
    await form.getByLabel('タイトル').fill('E2E 締切アンケート（改）');
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { level: 1, name: 'E2E 締切アンケート（改）' }).waitFor();
    await page.getByRole('status').getByText('保存しました').waitFor();

    const invited = await inviteWorkplace(page, workplace);
    const links = await checkSlips(page, surveyId, invited);
    const [revoked, other] = members as [Member, Member];
    const oldLink = links.get(revoked.id)!;

    // 無効にする: the slip disappears and the link answers like an unknown one.
    await page.goto(`/surveys/${surveyId}`);
    await settle(page);
    await page.getByRole('button', { name: `${revoked.name}さんのリンクを無効にする` }).click();
    await page.getByText(`${revoked.name}さんのリンクを無効にしました`).waitFor();
    k.allow({ status: 404, url: /\/api\/public\/surveys\// });
    const phone = await (await k.newContext({ viewport: PHONE })).newPage();
    await phone.goto(new URL(oldLink).pathname);
    await phone.getByRole('heading', { name: 'このリンクは使えません' }).waitFor();

    // 再発行: a new link that works; the old one stays dead.
    await page.getByRole('button', { name: `${revoked.name}さんのリンクを再発行` }).click();
    await page.getByText(`${revoked.name}さんのリンクを再発行しました。古いリンクは使えません。`).waitFor();
    const after = await checkSlips(page, surveyId, invited);
    const newLink = after.get(revoked.id)!;
    expect(newLink).not.toBe(oldLink);
    expect(after.get(other.id)).toBe(links.get(other.id));
    await phone.goto(new URL(newLink).pathname);
    await phone.getByRole('heading', { name: '記名のアンケート' }).waitFor();
    await phone.goto(new URL(oldLink).pathname);
    await phone.getByRole('heading', { name: 'このリンクは使えません' }).waitFor();

    // 今すぐ締め切る: the member's page says so and takes no answer; 受付を再開 opens it again.
    await page.goto(`/surveys/${surveyId}`);
    await settle(page);
    await page.getByRole('button', { name: '今すぐ締め切る' }).click();
    await page.getByRole('button', { name: '締め切る', exact: true }).click();
    await page.getByRole('status').getByText('締め切りました').waitFor();
    await expect.poll(() => page.getByTestId('survey-status').textContent()).toBe('締切');
    await phone.goto(new URL(newLink).pathname);
    await phone.getByText('このアンケートは締め切られました。').waitFor();
    expect(await phone.getByRole('button', { name: /回答を/ }).count()).toBe(0);

    await page.getByRole('button', { name: '受付を再開' }).click();
    await page.getByRole('status').getByText('受付を再開しました').waitFor();
    await expect.poll(() => page.getByTestId('survey-status').textContent()).toBe('受付中');
    await phone.reload();
    await phone.getByRole('button', { name: '回答を送信する' }).waitFor();
  });

  it('shows a rep their workplaces only: the response rate, who has not answered, and their slips', {
    timeout: 180_000,
  }, async () => {
    const REP = { email: 'tanaka@demo.kumiai.example', password: 'kumiai-demo-2026' };
    const officer = await signedInPage(k);
    const surveyId = await buildSurvey(officer, 'E2E 職場委員の確認', false);
    // Everyone is invited.
    await officer
      .getByRole('region', { name: '対象者を招待' })
      .getByRole('button', { name: '招待する' })
      .click();
    await officer.getByText(/人を新たに招待しました$/).waitFor();
    const all = await apiGet<{ workplaces: { workplaceName: string | null; invited: number }[] }>(
      officer,
      `/api/surveys/${surveyId}/progress`,
    );
    expect(all.workplaces.length).toBeGreaterThan(2);

    const page = await signedInPage(k, REP);
    const me = await apiGet<{ workplaceIds: string[] }>(page, '/api/auth/me');
    const workplaces = await apiGet<List<Workplace>>(officer, '/api/workplaces?limit=500');
    const mine = workplaces.items.filter((w) => me.workplaceIds.includes(w.id)).map((w) => w.name);
    expect(mine.length).toBeGreaterThan(0);
    await page
      .getByRole('navigation', { name: 'メニュー' })
      .getByRole('link', { name: 'アンケート' })
      .click();
    await page.getByRole('link', { name: 'E2E 職場委員の確認' }).click();
    await page.getByRole('heading', { level: 1, name: 'E2E 職場委員の確認' }).waitFor();
    const tracking = page.getByRole('region', { name: '回答状況' });
    await tracking.locator('tr[data-workplace]').first().waitFor();
    const rows = await tracking
      .locator('tr[data-workplace]')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-workplace')));
    expect(rows.sort()).toEqual([...mine].sort());
    // Who has not answered: only members of the rep's workplaces; nothing about answers.
    const nonrespondents = page.getByRole('region', { name: '未回答の組合員' });
    await nonrespondents.getByRole('listitem').first().waitFor();
    const shown = await nonrespondents.getByRole('listitem').locator('small').allTextContents();
    expect(shown.length).toBeGreaterThan(0);
    for (const name of shown) expect(mine).toContain(name.trim());
    // Tracking, not building: no edit, invite, revoke or apply; results are the officers'.
    expect(await page.getByRole('button', { name: '編集', exact: true }).count()).toBe(0);
    expect(await page.getByRole('region', { name: '対象者を招待' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: '結果を要求に反映' }).count()).toBe(0);
    await expectNoSeriousViolations(page, "a rep's survey page");
    // Their slips: their workplaces' members only.
    await page
      .getByRole('region', { name: 'リンクと案内票' })
      .getByRole('link', { name: '案内票を印刷' })
      .click();
    await page.getByTestId('slip').first().waitFor();
    const groups = await page
      .locator('.slips-group')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-workplace')));
    expect(groups.sort()).toEqual([...mine].sort());
  });

  it('anonymous: the same up to the results, no apply, and nothing in the database ties an answer to a member', {
    timeout: 240_000,
  }, async () => {
    const page = await signedInPage(k);
    const { workplace, members } = await smallWorkplace(page);
    await page.goto('/surveys');
    await settle(page);
    await expectNoSeriousViolations(page, 'the survey list');
    const surveyId = await buildSurvey(page, 'E2E 匿名アンケート', true);
    const survey = await apiGet<{ demands: { id: string; title: string }[] }>(
      page,
      `/api/surveys/${surveyId}`,
    );
    const first = survey.demands[0]!;
    const invited = await inviteWorkplace(page, workplace);
    const links = await checkSlips(page, surveyId, invited);
    const [onPhone, onPaper] = members as [Member, Member];

    await page.goto(`/surveys/${surveyId}`);
    await settle(page);
    await answerOnPhone(k, links.get(onPhone.id)!, [first.title], true);
    await page
      .getByTestId('progress-total')
      .getByText(`${invited}人中 1人が回答`, { exact: false })
      .waitFor({ timeout: 25_000 });
    await enterPaperAnswer(page, onPaper.name, first.title);
    await page
      .getByTestId('progress-total')
      .getByText(`${invited}人中 2人が回答`, { exact: false })
      .waitFor({ timeout: 25_000 });

    // Who has not answered is known (to ask in person); never what anyone answered.
    const nonrespondents = page.getByRole('region', { name: '未回答の組合員' });
    await expect.poll(() => nonrespondents.getByRole('listitem').count()).toBe(invited - 2);
    await expect(nonrespondents.getByText(onPhone.name).count()).resolves.toBe(0);

    const apply = page.getByRole('region', { name: '結果を要求に反映' });
    await apply.getByText(/匿名のアンケートは、回答を組合員と結びつけないため要求に反映できません/).waitFor();
    expect(await apply.getByRole('button').count()).toBe(0);

    // An anonymous survey shows no figures while open (they would reveal the latest answer),
    // nor once closed with fewer than k (5) respondents.
    await page.goto(`/surveys/${surveyId}/results`);
    await settle(page);
    await page
      .getByTestId('results-withheld')
      .getByText(/締め切った後に表示します/)
      .waitFor();
    await page.goto(`/surveys/${surveyId}`);
    await settle(page);
    await page.getByRole('button', { name: '今すぐ締め切る' }).click();
    await page.getByRole('button', { name: '締め切る', exact: true }).click();
    await page.getByText('回答のある匿名のアンケートは、締め切った後に再開できません。').waitFor();
    expect(await page.getByRole('button', { name: '受付を再開' }).count()).toBe(0);
    k.allow({ status: 409, url: /\/results$/ });
    await page.goto(`/surveys/${surveyId}/results`);
    await settle(page);
    await page
      .getByTestId('results-withheld')
      .getByText('回答者が5人未満のため、匿名のアンケートの集計は表示しません。')
      .waitFor();
    expect(await page.getByRole('table').count()).toBe(0);

    const stored = await admin(
      (c) =>
        c.query<{ total: string; with_member: string }>(
          'SELECT count(*) AS total, count(member_id) AS with_member FROM survey_responses WHERE survey_id = $1',
          [surveyId],
        ),
      dbUrl,
    );
    expect(stored.rows[0]).toEqual({ total: '2', with_member: '0' });
    // The named survey of the other test did keep its members.
    const named = await admin(
      (c) =>
        c.query<{ n: string }>(
          `SELECT count(r.member_id) AS n FROM survey_responses r JOIN surveys s ON s.id = r.survey_id WHERE s.anonymous = false`,
        ),
      dbUrl,
    );
    expect(Number(named.rows[0]?.n)).toBeGreaterThanOrEqual(2);
  });
});
