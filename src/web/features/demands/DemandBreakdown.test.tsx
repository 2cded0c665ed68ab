// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import type { DemandBreakdown as Breakdown } from '../../../core/demands/breakdown';
import { signedInAs } from '../members/test-fixtures';
import { buildDemandMember, page, recordRequest, type Seen } from '../workplaces/test-fixtures';
import { DemandBreakdown, DemandBreakdownList, drillOf, drillQuery, drillSearch } from './DemandBreakdown';

vi.mock('../dashboards/charts/echarts', () => import('../dashboards/charts/fake-echarts'));

afterEach(cleanup);

const DEMAND = '0000000d-0000-4000-8000-000000000001';
const WP_A = '0000000a-0000-4000-8000-000000000001';
const WP_B = '0000000b-0000-4000-8000-000000000002';

const breakdown: Breakdown = {
  demandId: DEMAND,
  total: 5,
  workplaces: [
    { workplaceId: WP_A, workplaceName: '製造一課', count: 3, memberCount: 8, share: 3 / 8 },
    { workplaceId: WP_B, workplaceName: '品質保証課', count: 1, memberCount: 4, share: 0.25 },
    { workplaceId: null, workplaceName: null, count: 1, memberCount: null, share: null },
  ],
  jobTypes: [
    { value: '製造', count: 4 },
    { value: null, count: 1 },
  ],
  grades: [{ value: 'G2', count: 5 }],
  engagements: [
    { value: 'regular', count: 2 },
    { value: 'at_risk', count: 3 },
  ],
  unionRoles: [{ value: 'general_member', count: 5 }],
  history: {
    from: '2027-03-01',
    to: '2027-03-03',
    points: [
      { date: '2027-03-01', count: 4, links: { bulk: 4 }, unlinks: {} },
      { date: '2027-03-02', count: 4, links: {}, unlinks: {} },
      { date: '2027-03-03', count: 6, links: { officer: 1, survey: 2 }, unlinks: { removal: 1 } },
    ],
  },
};

function fakeServer() {
  const seen: Seen[] = [];
  const fetch = (url: string, init?: RequestInit) => {
    recordRequest(seen, url, init);
    const path = url.split('?')[0];
    if (path === `/api/demands/${DEMAND}/breakdown`) return breakdown;
    if (path === `/api/demands/${DEMAND}/members`) {
      return page([
        buildDemandMember({ name: '相川 一郎', workplaceId: WP_A, workplaceName: '製造一課' }),
        buildDemandMember({ name: '井上 花子', workplaceId: WP_A, workplaceName: '製造一課' }),
      ]);
    }
    return apiError(404, 'not_found');
  };
  return { seen, fetch };
}

describe('drill-down parameters', () => {
  it('round-trips a figure through the URL and asks the member list for exactly it', () => {
    for (const drill of [
      { by: 'workplace', value: WP_A },
      { by: 'workplace', value: null },
      { by: 'jobType', value: '製造 / 組立' },
      { by: 'grade', value: null },
      { by: 'engagement', value: 'at_risk' },
      { by: 'all' },
    ] as const) {
      expect(drillOf(new URLSearchParams(drillSearch(drill)))).toEqual(drill);
    }
    expect(drillQuery({ by: 'workplace', value: WP_A })).toEqual({ counted: 'true', workplaceId: WP_A });
    expect(drillQuery({ by: 'workplace', value: null })).toEqual({ counted: 'true', unset: 'workplace' });
    expect(drillQuery({ by: 'jobType', value: '製造' })).toEqual({ counted: 'true', jobType: '製造' });
    expect(drillQuery({ by: 'unionRole', value: 'general_member' })).toEqual({
      counted: 'true',
      unionRole: 'general_member',
    });
    expect(drillOf(new URLSearchParams('?by=department&value=x'))).toBeNull();
    expect(drillOf(new URLSearchParams('?by=grade'))).toBeNull();
  });
});

describe('DemandBreakdown (the demand page)', () => {
  it('shows each dimension with its counts, the workplaces’ share, 未設定, and the history with sources', async () => {
    const server = fakeServer();
    renderWeb(<DemandBreakdown demandId={DEMAND} />, {
      route: `/demands/${DEMAND}`,
      path: '/demands/:id',
      fetch: server.fetch,
      me: signedInAs('rep'),
    });
    const workplaces = await screen.findByTestId('breakdown-workplace');
    const rowA = within(workplaces).getByText('製造一課').closest('tr')!;
    expect(
      within(rowA)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['3人', '8人', '37.5%']);
    const unset = workplaces.querySelector('tr[data-key="unset"]')!;
    expect(unset.textContent).toContain('未設定');
    expect(within(screen.getByTestId('breakdown-jobType')).getByText('未設定')).toBeTruthy();
    const engagement = screen.getByTestId('breakdown-engagement');
    expect(engagement.querySelectorAll('[data-engagement]')).toHaveLength(2);
    const history = screen.getByTestId('breakdown-history');
    const day = history.querySelector('tr[data-date="2027-03-03"]')!;
    expect(day.textContent).toContain('個別 1・アンケート 2');
    expect(day.textContent).toContain('削除・消去 1');
    // A day without events is a point of the chart, not a row of the table.
    expect(history.querySelector('tr[data-date="2027-03-02"]')).toBeNull();
    expect(screen.getByRole('img', { name: /2027年3月1日の4件から2027年3月3日の6件へ/ })).toBeTruthy();
  });

  it('opens the members a count counts, with the figure’s filter, and closes them', async () => {
    const server = fakeServer();
    renderWeb(<DemandBreakdown demandId={DEMAND} />, {
      route: `/demands/${DEMAND}`,
      path: '/demands/:id',
      fetch: server.fetch,
      me: signedInAs('officer'),
    });
    const jobTypes = await screen.findByTestId('breakdown-jobType');
    await userEvent.click(within(jobTypes).getByRole('link', { name: '職種「製造」の4人を一覧で見る' }));
    const drill = await screen.findByTestId('breakdown-drill');
    expect(within(drill).getByRole('heading', { name: /職種「製造」の関連組合員/ })).toBeTruthy();
    await within(drill).findByText('相川 一郎');
    const asked = server.seen.find((s) => s.url.includes('/members?'))!;
    const query = new URL(asked.url, 'http://x').searchParams;
    expect(query.get('counted')).toBe('true');
    expect(query.get('jobType')).toBe('製造');

    await userEvent.click(within(screen.getByTestId('breakdown-workplace')).getAllByRole('link').at(-1)!);
    await waitFor(() =>
      expect(
        server.seen.some((s) => new URL(s.url, 'http://x').searchParams.get('unset') === 'workplace'),
      ).toBe(true),
    );
    await userEvent.click(screen.getByRole('button', { name: '一覧を閉じる' }));
    await waitFor(() => expect(screen.queryByTestId('breakdown-drill')).toBeNull());
  });
});

describe('DemandBreakdownList (the monthly dashboard and report)', () => {
  const ranked = [
    { demandId: DEMAND, title: '年間休日の増加', relatedMemberCount: 5 },
    { demandId: '0000000d-0000-4000-8000-000000000002', title: '誰もいない要求', relatedMemberCount: 0 },
  ];

  it('shows the top workplaces with their share and links each figure to the demand’s drill-down', async () => {
    const server = fakeServer();
    renderWeb(<DemandBreakdownList demands={ranked} />, { fetch: server.fetch, me: signedInAs('officer') });
    const list = await screen.findByTestId('demand-breakdowns');
    const link = await within(list).findByRole('link', { name: /製造一課」の3人を一覧で見る/ });
    expect(link.textContent).toBe('製造一課 3人（37.5%）');
    expect(link.getAttribute('href')).toBe(`/demands/${DEMAND}?by=workplace&value=${WP_A}`);
    expect(
      within(list)
        .getByRole('link', { name: /関与度「脱退リスクあり」の3人/ })
        .getAttribute('href'),
    ).toBe(`/demands/${DEMAND}?by=engagement&value=at_risk`);
    // A demand no one is counted for has nothing to break down (and is not asked for).
    expect(within(list).queryByText('誰もいない要求')).toBeNull();
    expect(server.seen.filter((s) => s.url.includes('/breakdown'))).toHaveLength(1);
  });

  it('prints the same figures as text', async () => {
    const server = fakeServer();
    renderWeb(<DemandBreakdownList demands={ranked} links={false} />, {
      fetch: server.fetch,
      me: signedInAs('officer'),
    });
    const list = await screen.findByTestId('demand-breakdowns');
    await within(list).findByText(/製造一課 3人（37.5%）/);
    expect(within(list).queryAllByRole('link')).toHaveLength(0);
  });
});
