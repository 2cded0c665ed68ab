// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import DemandListPage from '../demands/DemandListPage';
import { signedInAs } from '../members/test-fixtures';
import { TaskItem } from '../tasks/TaskItem';
import { buildTask } from '../tasks/test-fixtures';
import { buildDemand, page, recordRequest, type Seen } from '../workplaces/test-fixtures';
import NewSurveyPage from './NewSurveyPage';
import ResultsPage from './ResultsPage';
import SlipsPage from './SlipsPage';
import SurveyPage from './SurveyPage';
import { SurveySupport } from './SurveySupport';
import { buildInvitation, buildResults, buildSurvey, D1, D2, D3, WP1, WP2 } from './test-fixtures';

afterEach(cleanup);

const SEASON = '00000000-0000-4000-c000-000000000001';
const seasons = {
  items: [
    {
      id: SEASON,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      version: 1,
      name: '2027春闘',
      startsOn: '2026-11-01',
      endsOn: '2027-06-30',
      demandCount: 3,
    },
  ],
  currentId: SEASON,
};
const setup = { needsSetup: false, organizationName: 'ひかり労働組合', timezone: 'Asia/Tokyo' };
const demands = [
  buildDemand({ id: D1, title: 'ベースアップ', relatedMemberCount: 30 }),
  buildDemand({ id: D2, title: '年間休日の増加', relatedMemberCount: 20 }),
  buildDemand({ id: D3, title: '社員食堂の改善', relatedMemberCount: 5 }),
];

const path = (url: string) => url.split('?')[0] ?? url;
const query = (url: string) => new URL(url, 'http://x').searchParams;

describe('the survey builder', () => {
  function server(seen: Seen[], onPost: (req: Seen) => unknown) {
    return (url: string, init?: RequestInit) => {
      const req = recordRequest(seen, url, init);
      if (req.method === 'POST') return onPost(req);
      if (path(url) === '/api/seasons') return seasons;
      if (path(url) === '/api/setup') return setup;
      if (path(url) === '/api/demands') return page(demands);
      return apiError(404, 'not_found');
    };
  }

  it('comes from the demand list with the season’s demands chosen, and sends what was built', async () => {
    const seen: Seen[] = [];
    const created = buildSurvey();
    renderWeb(<NewSurveyPage />, {
      me: signedInAs('officer'),
      route: `/surveys/new?preselect=1&season=${SEASON}`,
      path: '/surveys/new',
      fetch: server(seen, () => new Response(JSON.stringify(created), { status: 201 })),
    });
    const form = await screen.findByRole('form', { name: 'アンケートを作成' });
    const f = within(form);
    await f.findByText('3件を選択中');
    expect((f.getByLabelText(/タイトル/) as HTMLInputElement).value).toBe('2027春闘 要求アンケート');
    expect(query(seen.find((r) => path(r.url) === '/api/demands')!.url).get('season')).toBe(SEASON);
    // The anonymity choice explains itself.
    expect(f.getByText(/回答は組合員と結びつけずに保存します/)).toBeTruthy();
    expect(f.getByText(/結果を要求に反映すると、選んだ要求にその組合員が紐付き/)).toBeTruthy();
    // The free-text question is asked by default, with its default wording.
    expect((f.getByRole('checkbox', { name: '自由記述の設問' }) as HTMLInputElement).checked).toBe(true);

    const user = userEvent.setup();
    await user.click(f.getByRole('radio', { name: /^記名/ }));
    // The third demand moves to the top; the second is left out.
    await user.click(f.getByRole('button', { name: '「社員食堂の改善」を上へ' }));
    await user.click(f.getByRole('button', { name: '「社員食堂の改善」を上へ' }));
    await user.click(f.getByRole('checkbox', { name: /年間休日の増加/ }));
    await user.click(f.getByRole('checkbox', { name: '上位3つを順位づけ' }));
    await user.click(f.getByRole('button', { name: '+ 設問を追加' }));
    await user.type(f.getByLabelText(/^設問文/), '勤続年数');
    await user.type(f.getByLabelText(/選択肢（1行に1つ）/), '5年未満{enter}5年以上');
    const closes = f.getByLabelText(/締切日/);
    await user.clear(closes);
    await user.type(closes, '2027-02-28');
    await user.click(f.getByRole('button', { name: '作成する' }));

    await waitFor(() => expect(seen.some((r) => r.method === 'POST')).toBe(true));
    const post = seen.find((r) => r.method === 'POST')!;
    expect(post.url).toBe('/api/surveys');
    expect(post.body).toEqual({
      title: '2027春闘 要求アンケート',
      seasonId: SEASON,
      anonymous: false,
      demandIds: [D3, D1],
      rankTop: 3,
      freeText: true,
      questions: [{ kind: 'single', label: '勤続年数', options: ['5年未満', '5年以上'], required: false }],
      closesOn: '2027-02-28',
    });
  });

  it('shows the server’s 400 field messages beside the fields they name', async () => {
    const seen: Seen[] = [];
    renderWeb(<NewSurveyPage />, {
      me: signedInAs('officer'),
      route: '/surveys/new',
      path: '/surveys/new',
      fetch: server(seen, () =>
        apiError(400, 'validation_failed', {
          title: 'is required',
          anonymous: 'is required',
          demandIds: 'must offer at least one demand',
          'questions.0.options': 'a choice question needs at least 2 options',
        }),
      ),
    });
    const form = await screen.findByRole('form', { name: 'アンケートを作成' });
    const f = within(form);
    const user = userEvent.setup();
    await user.clear(f.getByLabelText(/タイトル/));
    await user.click(f.getByRole('button', { name: '+ 設問を追加' }));
    await user.click(f.getByRole('button', { name: '作成する' }));

    const title = f.getByLabelText(/タイトル/);
    await waitFor(() => expect(title.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = (el: Element) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
    expect(describedBy(title)).toContain('入力してください');
    expect(describedBy(f.getByRole('group', { name: /選択肢にする要求/ }))).toContain(
      '要求を1つ以上選んでください',
    );
    expect(describedBy(f.getByRole('group', { name: /回答の扱い/ }))).toContain('入力してください');
    expect(describedBy(f.getByLabelText(/選択肢（1行に1つ）/))).toContain('選択肢を2つ以上入力してください');
    // Nothing was chosen without preselect: the body says so and the server decides.
    expect(seen.find((r) => r.method === 'POST')?.body).toMatchObject({ title: '', demandIds: [] });
    expect(seen.find((r) => r.method === 'POST')?.body).not.toHaveProperty('anonymous');
  });

  it('is not offered to an executive', async () => {
    renderWeb(<NewSurveyPage />, {
      me: signedInAs('executive'),
      route: '/surveys/new',
      path: '/surveys/new',
      fetch: server([], () => ({})),
    });
    await screen.findByText('見つかりません');
    expect(screen.queryByRole('form')).toBeNull();
  });
});

describe('the survey page', () => {
  const progress = {
    invited: 30,
    answered: 12,
    workplaces: [
      { workplaceId: WP1, workplaceName: '製造一課', invited: 20, answered: 10, rate: 0.5 },
      { workplaceId: WP2, workplaceName: '営業課', invited: 10, answered: 2, rate: 0.2 },
    ],
  };
  const yamada = buildInvitation({ memberName: '山田 太郎' });
  const suzuki = buildInvitation({ memberName: '鈴木 花子', answered: true });

  function server(
    seen: Seen[],
    survey: ReturnType<typeof buildSurvey>,
    extra: (req: Seen) => unknown = () => undefined,
  ) {
    return (url: string, init?: RequestInit) => {
      const req = recordRequest(seen, url, init);
      const answer = extra(req);
      if (answer !== undefined) return answer;
      const p = path(url);
      if (p === '/api/setup') return setup;
      if (p === `/api/surveys/${survey.id}`) return survey;
      if (p === `/api/surveys/${survey.id}/progress`) return progress;
      if (p === `/api/surveys/${survey.id}/results`) return buildResults({ surveyId: survey.id });
      if (p === `/api/surveys/${survey.id}/invitations`) return page([yamada, suzuki]);
      if (p === `/api/surveys/${survey.id}/nonrespondents`)
        return page([
          {
            id: yamada.memberId,
            name: '山田 太郎',
            nameKana: null,
            workplaceId: WP1,
            workplaceName: '製造一課',
            invitationId: yamada.id,
          },
        ]);
      if (p === '/api/workplaces')
        return page([
          { id: WP1, name: '製造一課' },
          { id: WP2, name: '営業課' },
        ]);
      return apiError(404, 'not_found');
    };
  }

  it('tracks responses per workplace and lists who has not answered', async () => {
    const survey = buildSurvey({ invited: 30, answered: 12 });
    const seen: Seen[] = [];
    renderWeb(<SurveyPage />, {
      me: signedInAs('officer'),
      route: `/surveys/${survey.id}`,
      path: '/surveys/:id',
      fetch: server(seen, survey),
    });
    await screen.findByRole('heading', { level: 1, name: survey.title });
    const tracking = within(screen.getByRole('region', { name: '回答状況' }));
    await tracking.findByText('30人中 12人が回答（回答率 40%）');
    expect(tracking.getByText('10/20人（50%）')).toBeTruthy();
    expect(tracking.getByText('2/10人（20%）')).toBeTruthy();
    const nonrespondents = within(screen.getByRole('region', { name: '未回答の組合員' }));
    expect(await nonrespondents.findByRole('link', { name: '山田 太郎' })).toBeTruthy();
    expect(nonrespondents.queryByText('鈴木 花子')).toBeNull();
    // Links: the CSV and the slips, all and by workplace.
    const links = within(screen.getByRole('region', { name: 'リンクと案内票' }));
    expect(links.getByRole('link', { name: 'リンク一覧をダウンロード（CSV）' }).getAttribute('href')).toBe(
      `/api/surveys/${survey.id}/invitations.csv`,
    );
    expect(links.getByRole('link', { name: '案内票を印刷' }).getAttribute('href')).toBe(
      `/surveys/${survey.id}/slips`,
    );
    expect((await links.findByRole('link', { name: '営業課の案内票' })).getAttribute('href')).toBe(
      `/surveys/${survey.id}/slips?workplaceId=${WP2}`,
    );
  });

  it('invites chosen workplaces and says how many were invited', async () => {
    const survey = buildSurvey();
    const seen: Seen[] = [];
    renderWeb(<SurveyPage />, {
      me: signedInAs('officer'),
      route: `/surveys/${survey.id}`,
      path: '/surveys/:id',
      fetch: server(seen, survey, (req) =>
        req.method === 'POST' && path(req.url).endsWith('/invitations') ? { invited: 20 } : undefined,
      ),
    });
    const invite = within(await screen.findByRole('region', { name: '対象者を招待' }));
    const user = userEvent.setup();
    await user.click(invite.getByRole('radio', { name: '選んだ職場の組合員' }));
    await user.click(invite.getByRole('button', { name: '招待する' }));
    expect(invite.getByText('職場を1つ以上選んでください')).toBeTruthy();
    await user.click(await invite.findByRole('checkbox', { name: '製造一課' }));
    await user.click(invite.getByRole('button', { name: '招待する' }));
    await invite.findByText('20人を新たに招待しました');
    expect(seen.find((r) => r.method === 'POST')?.body).toEqual({ workplaceIds: [WP1] });
  });

  it('applies a named survey’s results after a confirmation stating the links, then says what was done', async () => {
    const survey = buildSurvey({ invited: 30, answered: 20 });
    const seen: Seen[] = [];
    renderWeb(<SurveyPage />, {
      me: signedInAs('officer'),
      route: `/surveys/${survey.id}`,
      path: '/surveys/:id',
      fetch: server(seen, survey, (req) =>
        req.method === 'POST' && path(req.url).endsWith('/apply') ? { linked: 21, members: 20 } : undefined,
      ),
    });
    const apply = within(await screen.findByRole('region', { name: '結果を要求に反映' }));
    const user = userEvent.setup();
    await user.click(await apply.findByRole('button', { name: '結果を要求に反映' }));
    // 15 + 8 + 2 choices by 20 respondents.
    expect(apply.getByText(/回答者20人が選んだ要求への紐付けを、最大でのべ25件作ります/)).toBeTruthy();
    await user.click(apply.getByRole('button', { name: '反映する' }));
    await apply.findByText(/20人の回答を反映し、新たに21件の紐付けを作りました/);
    expect(seen.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual([
      `/api/surveys/${survey.id}/apply`,
    ]);
  });

  it('offers no apply for an anonymous survey, and takes a paper answer without ever reading one', async () => {
    const survey = buildSurvey({ anonymous: true, invited: 30, answered: 12 });
    const seen: Seen[] = [];
    renderWeb(<SurveyPage />, {
      me: signedInAs('officer'),
      route: `/surveys/${survey.id}`,
      path: '/surveys/:id',
      fetch: server(seen, survey, (req) =>
        req.method === 'PUT'
          ? { answer: { demandIds: [D2], freeText: null, answers: {} }, status: 'open' }
          : undefined,
      ),
    });
    const apply = within(await screen.findByRole('region', { name: '結果を要求に反映' }));
    expect(apply.queryByRole('button')).toBeNull();
    expect(
      apply.getByText(/匿名のアンケートは、回答を組合員と結びつけないため要求に反映できません/),
    ).toBeTruthy();

    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '山田 太郎さんの紙の回答を入力' }));
    const panel = within(screen.getByRole('region', { name: '山田 太郎さんの紙の回答' }));
    expect(panel.getByText(/あとから表示することはできません/)).toBeTruthy();
    await user.click(panel.getByRole('checkbox', { name: /年間休日の増加/ }));
    await user.click(panel.getByRole('button', { name: '回答を保存' }));
    await screen.findByText('山田 太郎さんの回答を保存しました');
    const put = seen.find((r) => r.method === 'PUT')!;
    expect(put.url).toBe(`/api/surveys/${survey.id}/members/${yamada.memberId}/answer`);
    expect(put.body).toEqual({ demandIds: [D2], freeText: null, answers: {} });
    expect(seen.some((r) => r.method === 'GET' && r.url.includes('/answer'))).toBe(false);
  });

  it('shows a named survey’s paper answer to change it', async () => {
    const survey = buildSurvey({ invited: 30, answered: 12 });
    renderWeb(<SurveyPage />, {
      me: signedInAs('rep'),
      route: `/surveys/${survey.id}`,
      path: '/surveys/:id',
      fetch: server([], survey, (req) =>
        req.method === 'GET' && req.url.endsWith(`/members/${suzuki.memberId}/answer`)
          ? { answer: { demandIds: [D1, D3], freeText: '人を増やして', answers: {}, channel: 'web' } }
          : undefined,
      ),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '鈴木 花子さんの紙の回答を入力' }));
    const panel = within(screen.getByRole('region', { name: '鈴木 花子さんの紙の回答' }));
    await waitFor(() =>
      expect((panel.getByRole('checkbox', { name: /ベースアップ/ }) as HTMLInputElement).checked).toBe(true),
    );
    expect((panel.getByRole('checkbox', { name: /年間休日の増加/ }) as HTMLInputElement).checked).toBe(false);
    expect((panel.getByLabelText(/その他の要求/) as HTMLTextAreaElement).value).toBe('人を増やして');
    // A rep tracks; building, inviting, revoking and applying are not theirs.
    expect(screen.queryByRole('button', { name: '編集' })).toBeNull();
    expect(screen.queryByRole('region', { name: '対象者を招待' })).toBeNull();
    expect(screen.queryByRole('button', { name: /リンクを無効にする/ })).toBeNull();
    expect(screen.queryByRole('region', { name: '結果を要求に反映' })).toBeNull();
  });

  it('closes a survey now after a confirmation, sending the version it read', async () => {
    const survey = buildSurvey({ version: 4 });
    const closed = { ...survey, status: 'closed', closedAt: '2026-12-07T00:00:00.000Z', version: 5 };
    const seen: Seen[] = [];
    let patched = false;
    renderWeb(<SurveyPage />, {
      me: signedInAs('officer'),
      route: `/surveys/${survey.id}`,
      path: '/surveys/:id',
      fetch: server(seen, survey, (req) => {
        if (req.method === 'PATCH') patched = true;
        return patched && path(req.url) === `/api/surveys/${survey.id}` ? closed : undefined;
      }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '今すぐ締め切る' }));
    await user.click(screen.getByRole('button', { name: '締め切る' }));
    await screen.findByText('締め切りました');
    expect(seen.find((r) => r.method === 'PATCH')?.body).toEqual({ closed: true, version: 4 });
    expect(await screen.findByRole('button', { name: '受付を再開' })).toBeTruthy();
  });
});

describe('the slips', () => {
  it('prints one slip per member with a live link, a QR code each, grouped by workplace', async () => {
    const survey = buildSurvey({ invited: 4 });
    const a = buildInvitation({ memberName: '青木 一郎', workplaceId: WP1, workplaceName: '製造一課' });
    const b = buildInvitation({ memberName: '井上 二郎', workplaceId: WP1, workplaceName: '製造一課' });
    const gone = buildInvitation({ memberName: '上田 三郎', link: null, revoked: true });
    const c = buildInvitation({ memberName: '江藤 四郎', workplaceId: WP2, workplaceName: '営業課' });
    renderWeb(<SlipsPage />, {
      me: signedInAs('rep'),
      route: `/surveys/${survey.id}/slips`,
      path: '/surveys/:id/slips',
      fetch: (url) => {
        if (path(url) === '/api/setup') return setup;
        if (path(url) === `/api/surveys/${survey.id}`) return survey;
        if (path(url) === `/api/surveys/${survey.id}/invitations`) return page([a, b, gone, c]);
        return apiError(404, 'not_found');
      },
    });
    await screen.findByText('3人分。職場ごとに改ページして印刷します。');
    const groups = screen.getAllByRole('region');
    expect(groups.map((g) => g.getAttribute('aria-label'))).toEqual(['製造一課', '営業課']);
    const first = within(groups[0]!).getAllByTestId('slip');
    expect(first).toHaveLength(2);
    const slip = within(first[0]!);
    await slip.findByText('ひかり労働組合');
    expect(slip.getByText('青木 一郎 さん')).toBeTruthy();
    expect(slip.getByText(survey.title)).toBeTruthy();
    expect(slip.getByText('回答の締切：2099年2月28日')).toBeTruthy();
    expect(slip.getByText(a.link!)).toBeTruthy();
    const qr = slip.getByRole('img', { name: '青木 一郎さんの回答用 QR コード' });
    expect(qr.tagName.toLowerCase()).toBe('svg');
    expect(qr.querySelector('path')?.getAttribute('d')?.length).toBeGreaterThan(100);
    // Different links, different codes.
    const codeOf = (el: HTMLElement) => within(el).getByRole('img').querySelector('path')?.getAttribute('d');
    expect(codeOf(first[0]!)).not.toBe(codeOf(first[1]!));
    expect(within(groups[1]!).getAllByTestId('slip')).toHaveLength(1);
    expect(screen.queryByText('上田 三郎 さん')).toBeNull();
  });
});

describe('the results', () => {
  it('marks the hidden cells of an anonymous survey and explains them', async () => {
    const survey = buildSurvey({
      anonymous: true,
      freeText: false,
      freeTextLabel: null,
      status: 'closed',
      closedAt: '2027-03-01T00:00:00.000Z',
    });
    const results = buildResults({
      surveyId: survey.id,
      anonymous: true,
      breakdowns: {
        workplace: [
          {
            key: WP1,
            label: '製造一課',
            respondents: 12,
            counts: { [D1]: 9, [D2]: null, [D3]: null },
            hidden: false,
          },
          {
            key: WP2,
            label: '営業課',
            respondents: null,
            counts: { [D1]: null, [D2]: null, [D3]: null },
            hidden: true,
          },
        ],
        jobType: [],
        grade: [],
        unionRole: [],
      },
    });
    renderWeb(<ResultsPage />, {
      me: signedInAs('executive'),
      route: `/surveys/${survey.id}/results`,
      path: '/surveys/:id/results',
      fetch: (url) => {
        if (path(url) === '/api/setup') return setup;
        if (path(url) === `/api/surveys/${survey.id}`) return survey;
        if (path(url) === `/api/surveys/${survey.id}/results`) return results;
        return apiError(404, 'not_found');
      },
    });
    const ranking = await screen.findByRole('table', { name: '要求の順位' });
    const rows = within(ranking).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('link').textContent)).toEqual([
      'ベースアップ',
      '年間休日の増加',
      '社員食堂の改善',
    ]);
    expect(within(rows[0]!).getByText('15人')).toBeTruthy();
    expect(within(rows[0]!).getByText('75%')).toBeTruthy();

    const table = screen.getAllByRole('table', { name: '職場別' })[0]!;
    const shop = within(within(table).getByRole('row', { name: /製造一課/ }));
    expect(shop.getByText('12人')).toBeTruthy();
    expect(shop.getByText('9人')).toBeTruthy();
    expect(shop.getAllByTestId('hidden-cell')).toHaveLength(2);
    const sales = within(within(table).getByRole('row', { name: /営業課/ }));
    expect(sales.getAllByTestId('hidden-cell')).toHaveLength(4);
    expect(sales.queryByText(/\d+人$/)).toBeNull();
    expect(within(sales.getAllByTestId('hidden-cell')[0]!).getByText('（5人未満のため非表示）')).toBeTruthy();
    expect(
      screen.getByText(/回答者が5人未満のグループと、合計から人数を割り出せる数は表示しません/),
    ).toBeTruthy();
    // CSV and Excel of the same figures.
    expect(screen.getByRole('link', { name: '結果をダウンロード（CSV）' }).getAttribute('href')).toBe(
      `/api/surveys/${survey.id}/results.csv`,
    );
    expect(screen.getByRole('link', { name: '結果をダウンロード（Excel）' }).getAttribute('href')).toBe(
      `/api/surveys/${survey.id}/results.xlsx`,
    );
  });

  it('says why an anonymous survey withholds its figures: open (not even asked), or too few respondents', async () => {
    const open = buildSurvey({ anonymous: true });
    const closed = buildSurvey({ anonymous: true, status: 'closed', closedAt: '2027-03-01T00:00:00.000Z' });
    const seen: Seen[] = [];
    const fetch = (url: string, init?: RequestInit) => {
      recordRequest(seen, url, init);
      if (path(url) === '/api/setup') return setup;
      if (path(url) === `/api/surveys/${open.id}`) return open;
      if (path(url) === `/api/surveys/${closed.id}`) return closed;
      if (path(url) === `/api/surveys/${closed.id}/results`)
        return apiError(409, 'results_withheld', undefined, { reason: 'too_few_respondents', minCell: 5 });
      return apiError(404, 'not_found');
    };
    renderWeb(<ResultsPage />, {
      me: signedInAs('officer'),
      route: `/surveys/${open.id}/results`,
      path: '/surveys/:id/results',
      fetch,
    });
    await screen.findByText(/匿名のアンケートの集計は、締め切った後に表示します/);
    expect(seen.some((r) => r.url.includes('/results'))).toBe(false);
    cleanup();
    renderWeb(<ResultsPage />, {
      me: signedInAs('officer'),
      route: `/surveys/${closed.id}/results`,
      path: '/surveys/:id/results',
      fetch,
    });
    await screen.findByText('回答者が5人未満のため、匿名のアンケートの集計は表示しません。');
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('lists the free-text answers for an officer', async () => {
    const survey = buildSurvey();
    const results = buildResults({ surveyId: survey.id, freeTextCount: 2 });
    renderWeb(<ResultsPage />, {
      me: signedInAs('officer'),
      route: `/surveys/${survey.id}/results`,
      path: '/surveys/:id/results',
      fetch: (url) => {
        if (path(url) === '/api/setup') return setup;
        if (path(url) === `/api/surveys/${survey.id}`) return survey;
        if (path(url) === `/api/surveys/${survey.id}/results`) return results;
        if (path(url) === `/api/surveys/${survey.id}/free-text`)
          return page([
            { text: '残業が多い', memberId: 'm1', memberName: '山田 太郎' },
            { text: '休憩室がほしい', memberId: 'm2', memberName: '鈴木 花子' },
          ]);
        return apiError(404, 'not_found');
      },
    });
    const section = within(await screen.findByRole('region', { name: /自由記述/ }));
    expect(await section.findByText('残業が多い')).toBeTruthy();
    expect(section.getByText('（鈴木 花子）')).toBeTruthy();
  });
});

describe('where surveys are started from', () => {
  it('links the 春闘 rule’s task to building this season’s survey', async () => {
    renderWeb(
      <ul>
        <TaskItem
          task={buildTask({ title: '全組合員への要求アンケートの実施', ruleId: 'shunto_survey' })}
          me={null}
          today="2026-12-07"
          onNotice={() => {}}
        />
        <TaskItem
          task={buildTask({ title: '別のタスク', ruleId: 'at_risk_follow_up' })}
          me={null}
          today="2026-12-07"
          onNotice={() => {}}
        />
      </ul>,
      { me: signedInAs('officer'), fetch: () => apiError(404, 'not_found') },
    );
    const link = screen.getByRole('link', { name: '今季の要求アンケートを作成' });
    expect(link.getAttribute('href')).toBe('/surveys/new?preselect=1');
    expect(screen.getAllByRole('link', { name: '今季の要求アンケートを作成' })).toHaveLength(1);
  });

  it('offers 要求アンケートを作成 on the demand list to those who build surveys, for the season shown', async () => {
    const serve = (url: string) =>
      path(url) === '/api/seasons'
        ? seasons
        : path(url) === '/api/demands'
          ? page(demands)
          : apiError(404, 'x');
    renderWeb(<DemandListPage />, {
      me: signedInAs('officer'),
      route: `/demands?season=${SEASON}`,
      path: '/demands',
      fetch: serve,
    });
    const link = await screen.findByRole('link', { name: '要求アンケートを作成' });
    expect(link.getAttribute('href')).toBe(`/surveys/new?preselect=1&season=${SEASON}`);
    cleanup();
    renderWeb(<DemandListPage />, {
      me: signedInAs('executive'),
      route: '/demands',
      path: '/demands',
      fetch: serve,
    });
    await screen.findByText('ベースアップ');
    expect(screen.queryByRole('link', { name: '要求アンケートを作成' })).toBeNull();
  });

  it('shows a demand’s support in each survey apart from its linked members', async () => {
    const id = D1;
    renderWeb(<SurveySupport demandId={id} />, {
      me: signedInAs('executive'),
      fetch: (url) =>
        path(url) === `/api/demands/${id}/survey-support`
          ? [
              {
                surveyId: 's1',
                title: '2027春闘 要求アンケート',
                anonymous: true,
                status: 'closed',
                respondents: 40,
                count: 30,
                withheld: null,
              },
              {
                surveyId: 's2',
                title: '秋の職場アンケート',
                anonymous: true,
                status: 'open',
                respondents: 3,
                count: null,
                withheld: 'open',
              },
            ]
          : apiError(404, 'not_found'),
    });
    const section = within(await screen.findByRole('region', { name: 'アンケートでの支持' }));
    expect(await section.findByText('回答者40人中 30人（75%）')).toBeTruthy();
    expect(section.getByText(/匿名・締切/)).toBeTruthy();
    expect(section.getByText('締切後に表示')).toBeTruthy();
  });
});
