// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import { signedInAs } from '../members/test-fixtures';
import { chartNamed } from './charts/fake-echarts';
import MonthlyDashboardPage from './MonthlyDashboardPage';
import { buildManyRates, buildMember, buildMonthly, page, recorder } from './test-fixtures';
import { buildCluster, buildVoices } from './voices-fixtures';

vi.mock('./charts/echarts', () => import('./charts/fake-echarts'));

// "Today" decides which month is current: 2026-11-24 in Tokyo.
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-24T03:00:00Z'));
});
afterAll(() => vi.useRealTimers());
afterEach(cleanup);

/** Where the page navigated to. */
function Where() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

function serve(data = buildMonthly(), voices = buildVoices()) {
  const rec = recorder();
  const atRisk = [
    buildMember({
      name: '阿部 康平',
      workplaceName: '倉庫課',
      workplaceId: data.organizationRates[0]!.workplaceId,
    }),
  ];
  const fetch = (url: string) => {
    const u = rec.record(url);
    if (u.pathname === '/api/dashboards/monthly') return data;
    if (u.pathname === '/api/voices/unmatched') return voices;
    if (u.pathname === '/api/dashboards/at-risk-members') return page(atRisk, 19);
    if (u.pathname === '/api/setup')
      return { needsSetup: false, organizationName: 'テスト労組', timezone: 'Asia/Tokyo' };
    return apiError(404, 'not_found');
  };
  return { rec, fetch, data };
}

const render = (route: string, fetch: (url: string) => unknown) =>
  renderWeb(
    <>
      <MonthlyDashboardPage />
      <Where />
    </>,
    { route, fetch },
  );

describe('MonthlyDashboardPage', () => {
  it('shows the voices no demand holds after the demands, with 要求として登録 for an officer', async () => {
    const { fetch, rec } = serve(buildMonthly(), buildVoices({ items: [buildCluster()] }));
    renderWeb(<MonthlyDashboardPage />, {
      route: '/dashboards/monthly?month=2026-03',
      fetch,
      me: signedInAs('officer'),
    });
    const voices = await screen.findByRole('region', { name: '要求になっていない声' });
    await within(voices).findByRole('heading', { level: 3, name: '駐車場、満車' });
    expect(within(voices).getByRole('button', { name: '要求として登録' })).toBeTruthy();
    // Right after the demands' section.
    const demands = screen
      .getByRole('heading', { level: 2, name: '要求別の関連組合員数' })
      .closest('section');
    expect(demands?.nextElementSibling).toBe(voices);
    // The voices are the present state: the month is not sent.
    expect(rec.last('/api/voices/unmatched')?.search).toBe('');
  });

  it('asks for the month in the URL and shows the API numbers in the tables; the report link carries the month', async () => {
    const { fetch, rec, data } = serve();
    render('/dashboards/monthly?month=2026-03', fetch);
    const demands = await screen.findByTestId('demands-table');

    // A past month is read as of its last day.
    expect(rec.last('/api/dashboards/monthly')?.searchParams.get('asOf')).toBe('2026-03-31');
    expect(screen.getByRole('link', { name: '印刷用レポート' }).getAttribute('href')).toBe(
      '/reports/monthly?month=2026-03',
    );
    expect((screen.getByLabelText('対象月') as HTMLInputElement).value).toBe('2026-03');

    const demandRows = within(demands).getAllByRole('row').slice(1);
    expect(demandRows.map((r) => within(r).getByRole('link').textContent)).toEqual(
      data.demands.map((d) => d.title),
    );
    expect(demandRows.map((r) => within(r).getByTestId('related-count').textContent)).toEqual([
      '248人',
      '142人',
      '41人',
    ]);
    expect(within(demandRows[0]!).getByText('高')).toBeTruthy();
    expect(within(demandRows[0]!).getByText('交渉中')).toBeTruthy();
    expect(within(demandRows[0]!).getByRole('link').getAttribute('href')).toBe(
      `/demands/${data.demands[0]!.demandId}`,
    );

    const rates = screen.getByTestId('rates-table');
    expect(
      within(rates)
        .getAllByTestId('rate')
        .map((c) => c.textContent),
    ).toEqual(['94.9%', '47.7%', '従業員数が未登録']);
    expect(screen.getByTestId('overall-rate').textContent).toBe('58.5%');
    const bands = within(screen.getByTestId('bands-table')).getAllByRole('row').slice(1);
    expect(within(bands[2]!).getByRole('link').textContent).toBe('営業部');
    expect(within(bands[5]!).getByRole('link').textContent).toBe('新設ライン');

    const trend = within(screen.getByTestId('attrition-table')).getAllByRole('row').slice(1);
    expect(trend).toHaveLength(12);
    expect(within(trend[11]!).getByRole('rowheader').textContent).toBe('2026年3月');
    expect(within(trend[11]!).getByRole('link').textContent).toBe('22人');

    const rateTrend = within(screen.getByTestId('rate-trend-table')).getAllByRole('row').slice(1);
    expect(
      within(rateTrend[0]!)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['—', '—', '—', '—', '記録なし']);
  });

  it('gives every chart an accessible summary and the numbers as a table behind 表で見る', async () => {
    const { fetch } = serve();
    render('/dashboards/monthly?month=2026-03', fetch);
    await screen.findByTestId('demands-table');
    const charts = await screen.findAllByRole('img');
    expect(charts.map((c) => c.getAttribute('aria-label'))).toEqual([
      '横棒グラフ：要求3件の関連組合員数。最も多いのは「ベースアップ（月額12,000円）」の248人。',
      '横棒グラフ：2職場の組織率。組合全体は58.5%。',
      '折れ線グラフ：2025年4月から2026年3月までの脱退リスクのある組合員数。26人から22人、最多は26人。',
      '折れ線グラフ：2025年4月から2026年3月までの組合全体の組織率。最新は59.1%。',
    ]);
    expect(screen.getAllByText('表で見る')).toHaveLength(4);
  });

  it('drills down: a bar opens its demand, a point of the trend lists that month’s at-risk members', async () => {
    const { fetch, rec, data } = serve();
    render('/dashboards/monthly?month=2026-03', fetch);
    await screen.findByTestId('demands-table');
    await vi.waitFor(() => chartNamed('脱退リスクのある組合員数'));

    chartNamed('脱退リスクのある組合員数').click(10); // 2026-02
    const drill = await screen.findByTestId('drill-down');
    expect(
      within(drill).getByRole('heading', { name: /2026年2月末に脱退リスクのあった組合員/ }),
    ).toBeTruthy();
    await within(drill).findByText('阿部 康平');
    expect(within(drill).getByText('19人')).toBeTruthy();
    const request = rec.last('/api/dashboards/at-risk-members')!;
    expect(request.searchParams.get('month')).toBe('2026-02');
    expect(request.searchParams.get('asOf')).toBe('2026-03-31');
    expect(screen.getByTestId('location').textContent).toContain('list=at_risk_month&listMonth=2026-02');

    await userEvent.setup().click(within(drill).getByRole('button', { name: '一覧を閉じる' }));
    expect(screen.queryByTestId('drill-down')).toBeNull();

    chartNamed('要求3件').click(1);
    await vi.waitFor(() =>
      expect(screen.getByTestId('location').textContent).toBe(`/demands/${data.demands[1]!.demandId}`),
    );
  });

  it('moves between months in the URL and does not ask for a month to come', async () => {
    const { fetch, rec } = serve();
    render('/dashboards/monthly?month=2026-03', fetch);
    await screen.findByTestId('demands-table');
    await userEvent.setup().click(screen.getByRole('button', { name: '前月' }));
    await vi.waitFor(() =>
      expect(rec.last('/api/dashboards/monthly')?.searchParams.get('asOf')).toBe('2026-02-28'),
    );
    cleanup();

    const future = serve();
    render('/dashboards/monthly?month=2027-01', future.fetch);
    expect(await screen.findByText('まだ来ていない月です。今月以前の月を選んでください。')).toBeTruthy();
    expect(future.rec.last('/api/dashboards/monthly')).toBeUndefined();
  });

  describe('a federation of 1,000 workplaces', () => {
    const many = () => buildMonthly(buildManyRates(1000));
    const ratesSection = () => screen.getByRole('region', { name: '組合組織率の職場別分布' });

    it('charts only the 30 workplaces with the lowest rate, lowest first, and says so', async () => {
      const { fetch, data } = serve(many());
      render('/dashboards/monthly?month=2026-03', fetch);
      await screen.findByTestId('rates-table');
      const section = ratesSection();
      expect(within(section).getByText('組織率の低い30職場（全1,000職場中）')).toBeTruthy();
      const chart = within(section).getByRole('img');
      expect(chart.getAttribute('aria-label')).toBe(
        '横棒グラフ：組織率の低い30職場（全1,000職場中）の組織率（低い順）。組合全体は50.0%。',
      );

      // The bars, top to bottom: 0.0%, 0.1%, … 2.9%.
      await vi.waitFor(() => chartNamed('組織率の低い30職場'));
      const drawn = chartNamed('組織率の低い30職場').option;
      const lowest = [...data.organizationRates].reverse().slice(0, 30);
      const yAxis = Array.isArray(drawn.yAxis) ? drawn.yAxis[0] : drawn.yAxis;
      expect((yAxis as { data: string[] }).data).toEqual(lowest.map((r) => r.name));

      // A bar still opens its workplace.
      chartNamed('組織率の低い30職場').click(0);
      await vi.waitFor(() =>
        expect(screen.getByTestId('location').textContent).toBe(`/workplaces/${lowest[0]!.workplaceId}`),
      );
    });

    it('shows the first 50 rows of the table until すべて表示 is chosen, and 20 names per band', async () => {
      const { fetch, data } = serve(many());
      render('/dashboards/monthly?month=2026-03', fetch);
      const table = await screen.findByTestId('rates-table');
      const section = ratesSection();
      const user = userEvent.setup();
      await user.click(within(section).getByText('表で見る'));

      const names = () =>
        within(table)
          .getAllByRole('rowheader')
          .map((h) => h.textContent);
      expect(names()).toEqual(data.organizationRates.slice(0, 50).map((r) => r.name));
      await user.click(within(section).getByRole('button', { name: 'すべて表示（1000件）' }));
      expect(names()).toHaveLength(1000);
      await user.click(within(section).getByRole('button', { name: '先頭の50件だけ表示' }));
      expect(names()).toHaveLength(50);

      // Each band of 200 names its first 20, and the rest on request.
      const bands = within(screen.getByTestId('bands-table')).getAllByRole('row').slice(1);
      expect(within(bands[0]!).getByRole('cell', { name: '200職場' })).toBeTruthy();
      expect(within(bands[0]!).getAllByRole('link')).toHaveLength(20);
      await user.click(within(bands[0]!).getByRole('button', { name: 'すべて表示（200件）' }));
      expect(within(bands[0]!).getAllByRole('link')).toHaveLength(200);
      expect(within(bands[1]!).getAllByRole('link')).toHaveLength(20);
    });

    it('speaks English too', async () => {
      const { fetch } = serve(many());
      renderWeb(<MonthlyDashboardPage />, { route: '/dashboards/monthly?month=2026-03', fetch, lang: 'en' });
      await screen.findByTestId('rates-table');
      expect(screen.getByText('The 30 workplaces with the lowest rate (of 1,000)')).toBeTruthy();
      expect(screen.getByRole('button', { name: 'Show all (1000)' })).toBeTruthy();
    });

    it('leaves a small union as it was: every bar, every row, no caption, no show-all', async () => {
      const { fetch } = serve();
      render('/dashboards/monthly?month=2026-03', fetch);
      await screen.findByTestId('rates-table');
      const section = ratesSection();
      expect(within(section).queryByText(/組織率の低い/)).toBeNull();
      expect(within(section).queryByRole('button', { name: /すべて表示/ })).toBeNull();
      await vi.waitFor(() => chartNamed('2職場の組織率'));
    });
  });
});
