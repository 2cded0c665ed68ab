// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import { signedInAs } from '../members/test-fixtures';
import MonthlyReportPage from './MonthlyReportPage';
import { buildManyRates, buildMember, buildMonthly, page, recorder } from './test-fixtures';
import { buildCluster, buildVoices } from './voices-fixtures';

vi.mock('./charts/echarts', () => import('./charts/fake-echarts'));

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-24T03:00:00Z'));
});
afterAll(() => vi.useRealTimers());
afterEach(cleanup);

const stays = buildMember({ name: '継続 リスク' });
const fresh = buildMember({
  name: '新規 リスク',
  workplaceId: 'b157a7f0-eb3b-4791-959c-abdbef1006a9',
  workplaceName: '配送課',
  ownerName: '高橋 誠',
});
const recovered = buildMember({ name: '回復 した' });

function serve(monthly = buildMonthly(), voices = buildVoices()) {
  const rec = recorder();
  const fetch = (url: string) => {
    const u = rec.record(url);
    if (u.pathname === '/api/setup')
      return { needsSetup: false, organizationName: 'ものづくり労組', timezone: 'Asia/Tokyo' };
    if (u.pathname === '/api/dashboards/monthly') return monthly;
    if (u.pathname === '/api/voices/unmatched') return voices;
    if (u.pathname === '/api/dashboards/at-risk-members') {
      return u.searchParams.get('month') === '2026-03' ? page([stays, fresh]) : page([recovered, stays]);
    }
    return apiError(404, 'not_found');
  };
  return { rec, fetch };
}

describe('MonthlyReportPage', () => {
  it('shows this month against the previous one: at-risk count, organization rate, who is newly at risk', async () => {
    const { fetch, rec } = serve();
    renderWeb(<MonthlyReportPage />, {
      route: '/reports/monthly?month=2026-03',
      path: '/reports/monthly',
      fetch,
    });

    const changes = await screen.findByTestId('changes-table');
    expect(screen.getByText('ものづくり労組')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('2026年3月');
    expect(screen.getByText('2026年3月31日時点のデータ')).toBeTruthy();

    const cells = (testId: string) =>
      within(within(changes).getByTestId(testId))
        .getAllByRole('cell')
        .map((c) => c.textContent);
    expect(cells('change-at-risk')).toEqual(['24人', '22人', '−2人']);
    expect(cells('change-rate')).toEqual(['58.5%', '59.1%', '+0.6ポイント']);

    // Both month-ends' at-risk lists, as of the report's day.
    const asked = rec.seen.filter((u) => u.pathname === '/api/dashboards/at-risk-members');
    expect(asked.map((u) => [u.searchParams.get('month'), u.searchParams.get('asOf')]).sort()).toEqual([
      ['2026-02', '2026-03-31'],
      ['2026-03', '2026-03-31'],
    ]);
    const newRows = within(screen.getByTestId('new-at-risk')).getAllByRole('row').slice(1);
    expect(newRows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['新規 リスク']);
    expect(within(newRows[0]!).getByText('配送課')).toBeTruthy();
    expect(within(newRows[0]!).getByText('高橋 誠')).toBeTruthy();
    const gone = within(screen.getByTestId('no-longer-at-risk')).getAllByRole('row').slice(1);
    expect(gone.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['回復 した']);
  });

  it('prints the tables of every figure with the demands and their counts, and prints on request', async () => {
    const { fetch } = serve();
    const print = vi.fn();
    window.print = print;
    renderWeb(<MonthlyReportPage />, {
      route: '/reports/monthly?month=2026-03',
      path: '/reports/monthly',
      fetch,
    });
    const demands = await screen.findByTestId('demands-table');
    // On paper nothing can be opened: no 表で見る toggles, the tables are there.
    expect(screen.queryByText('表で見る')).toBeNull();
    expect(
      within(demands)
        .getAllByTestId('related-count')
        .map((c) => c.textContent),
    ).toEqual(['248人', '142人', '41人']);
    for (const id of ['rates-table', 'bands-table', 'attrition-table', 'rate-trend-table']) {
      expect(screen.getByTestId(id)).toBeTruthy();
    }
    expect(screen.getAllByRole('img')).toHaveLength(4);
    await userEvent.setup().click(screen.getByRole('button', { name: '印刷' }));
    expect(print).toHaveBeenCalledOnce();
    expect(screen.getByRole('link', { name: '月次ダッシュボードに戻る' }).getAttribute('href')).toBe(
      '/dashboards/monthly?month=2026-03',
    );
  });

  it('says so when there is no previous month to compare with', async () => {
    const data = buildMonthly();
    const prev = data.organizationRateTrend.at(-2)!;
    Object.assign(prev, { organizationRate: null, memberCount: null, employeeCount: null, source: 'none' });
    const { fetch } = serve();
    renderWeb(<MonthlyReportPage />, {
      route: '/reports/monthly?month=2026-03',
      path: '/reports/monthly',
      fetch: (url) => (url.startsWith('/api/dashboards/monthly') ? data : fetch(url)),
      lang: 'en',
    });
    const row = await screen.findByTestId('change-rate');
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['No record for the previous month', '59.1%', '—']);
    expect(screen.getByRole('heading', { name: /Newly at risk of leaving this month/ })).toBeTruthy();
  });

  it('prints a federation’s 30 lowest-rate workplaces and says how many it left out', async () => {
    const data = buildMonthly(buildManyRates(1000));
    const { fetch } = serve(data);
    renderWeb(<MonthlyReportPage />, {
      route: '/reports/monthly?month=2026-03',
      path: '/reports/monthly',
      fetch,
    });
    const rates = await screen.findByTestId('rates-table');
    const rows = within(rates).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(
      [...data.organizationRates]
        .reverse()
        .slice(0, 30)
        .map((r) => r.name),
    );
    expect(within(rows[0]!).getByText('0.0%')).toBeTruthy();
    expect(within(rows[29]!).getByText('2.9%')).toBeTruthy();
    expect(screen.getByText('組織率の低い30職場のみ掲載しています（ほか970職場は省略）。')).toBeTruthy();
    expect(screen.getByText('組織率の低い30職場（全1,000職場中）')).toBeTruthy();
    // Nothing to press on paper: each band names 20 workplaces and counts the rest.
    expect(screen.queryByRole('button', { name: /すべて表示/ })).toBeNull();
    const bands = within(screen.getByTestId('bands-table')).getAllByRole('row').slice(1);
    expect(within(bands[0]!).getAllByRole('link')).toHaveLength(20);
    expect(within(bands[0]!).getByText('ほか180職場')).toBeTruthy();
  });

  it('prints the voices no demand holds: words, counts, workplaces and excerpts, with nothing to press', async () => {
    const { fetch } = serve(buildMonthly(), buildVoices({ items: [buildCluster({ anonymousCount: 2 })] }));
    renderWeb(<MonthlyReportPage />, {
      route: '/reports/monthly?month=2026-03',
      path: '/reports/monthly',
      fetch,
      me: signedInAs('officer'),
    });
    const voices = await screen.findByRole('region', { name: '要求になっていない声' });
    const topic = await within(voices).findByRole('heading', { level: 3, name: '駐車場、満車' });
    const item = topic.closest('li')!;
    expect(within(item).getByTestId('voice-counts').textContent).toBe('組合員 3人・匿名回答 2件');
    expect(within(item).getByText('「社員駐車場がいつも満車で困る」')).toBeTruthy();
    expect(within(voices).queryByRole('button')).toBeNull();
    expect(within(voices).queryByRole('link')).toBeNull();
  });
});
