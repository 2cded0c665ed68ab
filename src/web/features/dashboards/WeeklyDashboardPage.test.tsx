// @vitest-environment happy-dom
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import { ENGAGEMENTS } from '../../../core/enums';
import { todayIn } from '../../components/today';
import type { Me } from '../../http/types';
import { signedInAs } from '../members/test-fixtures';
import { buildMapRow, buildWeekly, recorder, uuid } from './test-fixtures';
import WeeklyDashboardPage from './WeeklyDashboardPage';

vi.mock('./charts/echarts', () => import('./charts/fake-echarts'));

afterEach(cleanup);

const followUp = (over: Partial<ReturnType<typeof buildWeekly>['followUps'][number]>) => ({
  memberId: uuid(),
  memberName: '山田 太郎',
  caseId: uuid(),
  caseTitle: '相談',
  dueOn: '2026-11-26',
  overdue: false,
  sensitive: false,
  ownerId: null,
  ownerName: '佐藤 健一',
  ...over,
});

function serve(data: ReturnType<typeof buildWeekly>, user: Me | null = null) {
  const rec = recorder();
  const fetch = (url: string) => {
    const u = rec.record(url);
    if (u.pathname === '/api/dashboards/weekly') return data;
    if (u.pathname === '/api/auth/me') return user ?? apiError(401, 'unauthenticated');
    if (u.pathname === '/api/setup')
      return { needsSetup: false, organizationName: 'テスト労組', timezone: 'Asia/Tokyo' };
    return apiError(404, 'not_found');
  };
  return { rec, fetch };
}

describe('WeeklyDashboardPage', () => {
  it('prints every row of a long list: 印刷 opens the print dialog, and printing expands the lists', async () => {
    const many = Array.from({ length: 14 }, (_, i) =>
      followUp({ memberName: `組合員 ${i + 1}`, dueOn: `2026-11-${String(10 + i).padStart(2, '0')}` }),
    );
    const { fetch } = serve(buildWeekly({ followUps: many }));
    // happy-dom has no print dialog: stand one in.
    const print = vi.fn();
    vi.stubGlobal('print', print);
    renderWeb(<WeeklyDashboardPage />, { route: '/dashboards/weekly', path: '/dashboards/weekly', fetch });
    expect(await screen.findAllByTestId('follow-up')).toHaveLength(10);
    await userEvent.click(screen.getByRole('button', { name: '印刷' }));
    expect(print).toHaveBeenCalledOnce();
    act(() => {
      window.dispatchEvent(new Event('beforeprint'));
    });
    expect(screen.getAllByTestId('follow-up')).toHaveLength(14);
    act(() => {
      window.dispatchEvent(new Event('afterprint'));
    });
    expect(screen.getAllByTestId('follow-up')).toHaveLength(10);
    vi.unstubAllGlobals();
  });

  it.each([
    ['officer', '専従役員・書記長の週次ダッシュボード'],
    ['admin', '専従役員・書記長の週次ダッシュボード'],
    ['executive', '執行委員の週次ダッシュボード'],
    ['rep', '担当職場の週次ダッシュボード'],
  ] as const)('is titled for the %s reading it', async (role, title) => {
    const { fetch } = serve(buildWeekly({}), signedInAs(role));
    renderWeb(<WeeklyDashboardPage />, { route: '/dashboards/weekly', path: '/dashboards/weekly', fetch });
    await screen.findByRole('heading', { level: 1, name: title });
    expect(document.title).toContain(title);
  });

  it('lists overdue follow-ups first, marked 期限切れ, each linking to its member', async () => {
    const later = followUp({ memberName: '今週 期日', caseTitle: '育休の相談', dueOn: '2026-11-27' });
    const overdue = followUp({
      memberName: '期限 切れ子',
      caseTitle: 'ハラスメントの相談',
      dueOn: '2026-11-10',
      overdue: true,
      sensitive: true,
      ownerName: '鈴木 美穂',
    });
    const { fetch } = serve(buildWeekly({ followUps: [later, overdue] }));
    renderWeb(<WeeklyDashboardPage />, { route: '/dashboards/weekly', path: '/dashboards/weekly', fetch });

    const rows = await screen.findAllByTestId('follow-up');
    expect(rows.map((r) => within(r).getByRole('link').textContent)).toEqual(['期限 切れ子', '今週 期日']);
    const [first, second] = rows as [HTMLElement, HTMLElement];
    expect(within(first).getByRole('link').getAttribute('href')).toBe(`/members/${overdue.memberId}`);
    expect(within(first).getByText('期限切れ')).toBeTruthy();
    expect(within(first).getByText('2026年11月10日')).toBeTruthy();
    expect(within(first).getByText('要配慮')).toBeTruthy();
    expect(within(first).getByText('鈴木 美穂')).toBeTruthy();
    expect(within(second).queryByText('期限切れ')).toBeNull();
    expect(within(second).queryByText('要配慮')).toBeNull();
    expect(screen.getByText('うち期限切れ 1件')).toBeTruthy();
  });

  it('lists the next actions due this week, overdue first, with links to each member and to the member list filters', async () => {
    const today = todayIn('Asia/Tokyo');
    const nextAction = (over: Partial<ReturnType<typeof buildWeekly>['nextActions'][number]>) => ({
      memberId: uuid(),
      name: '山田 太郎',
      nextAction: '面談',
      nextActionDueOn: today,
      overdue: false,
      workplaceId: null,
      workplaceName: null,
      ownerId: null,
      ownerName: null,
      ...over,
    });
    const late = nextAction({
      name: '期限 切れ子',
      nextAction: '職場訪問',
      nextActionDueOn: '2020-01-06',
      overdue: true,
    });
    const due = nextAction({ name: '今週 期日', nextAction: null, ownerName: '鈴木 美穂' });
    const { fetch } = serve(buildWeekly({ asOf: today, nextActions: [late, due] }));
    renderWeb(<WeeklyDashboardPage />, { route: '/dashboards/weekly', path: '/dashboards/weekly', fetch });

    const section = (await screen.findByRole('heading', { name: /今週期日の次のアクション/ })).closest(
      'section',
    )!;
    const rows = within(section).getAllByTestId('next-action');
    expect(rows.map((r) => within(r).getAllByRole('link')[0]!.textContent)).toEqual([
      '期限 切れ子',
      '今週 期日',
    ]);
    const [first, second] = rows as [HTMLElement, HTMLElement];
    expect(within(first).getAllByRole('link')[0]!.getAttribute('href')).toBe(`/members/${late.memberId}`);
    expect(within(first).getByText('職場訪問')).toBeTruthy();
    expect(within(first).getByText('期限切れ')).toBeTruthy();
    expect(within(first).getByText('2020年1月6日')).toBeTruthy();
    expect(within(second).getByText('（内容未記入）')).toBeTruthy();
    expect(within(second).getByText('鈴木 美穂')).toBeTruthy();
    expect(within(second).queryByText('期限切れ')).toBeNull();
    expect(
      within(section).getByRole('link', { name: '期限切れを組合員一覧で開く' }).getAttribute('href'),
    ).toBe('/members?nextActionDue=overdue');
    expect(
      within(section).getByRole('link', { name: '今週期日のものを組合員一覧で開く' }).getAttribute('href'),
    ).toBe('/members?nextActionDue=this_week');
    // The summary counts them.
    expect(screen.getByRole('link', { name: /次のアクション\s*2件/ }).getAttribute('href')).toBe(
      '#dash-next-actions',
    );
  });

  it('offers no member-list links for another week (the filter is relative to today), and says when none is due', async () => {
    const { fetch } = serve(buildWeekly({ asOf: '2020-01-08' }));
    renderWeb(<WeeklyDashboardPage />, { route: '/dashboards/weekly', path: '/dashboards/weekly', fetch });
    expect(await screen.findByText('今週までに期日を迎える次のアクションはありません')).toBeTruthy();
    expect(screen.queryByRole('link', { name: '期限切れを組合員一覧で開く' })).toBeNull();
  });

  it('has a heat-map cell per workplace × engagement with its count, linking to those members', async () => {
    const split = buildMapRow({
      name: '第二製造課',
      atmosphere: 'split_risk',
      counts: { active_core: 3, regular: 8, occasional: 23, rare: 20, indifferent: 16, at_risk: 6 },
    });
    const calm = buildMapRow({
      name: '経理部',
      atmosphere: 'normal',
      counts: { active_core: 2, regular: 4, occasional: 13, rare: 5, indifferent: 4, at_risk: 0 },
    });
    const { fetch } = serve(buildWeekly({ workplaceMap: [split, calm] }));
    renderWeb(<WeeklyDashboardPage />, { route: '/dashboards/weekly', path: '/dashboards/weekly', fetch });

    const rows = await screen.findAllByTestId('map-row');
    // The API's order: the split-risk workplace first, with its atmosphere written out.
    expect(rows.map((r) => within(r).getByRole('rowheader').querySelector('a')?.textContent)).toEqual([
      '第二製造課',
      '経理部',
    ]);
    expect(within(rows[0]!).getByText('分裂リスクあり')).toBeTruthy();
    for (const [row, data] of [
      [rows[0]!, split],
      [rows[1]!, calm],
    ] as const) {
      const cells = row.querySelectorAll('td[data-engagement]');
      expect([...cells].map((c) => c.getAttribute('data-engagement'))).toEqual([...ENGAGEMENTS]);
      for (const cell of cells) {
        const engagement = cell.getAttribute('data-engagement') as (typeof ENGAGEMENTS)[number];
        const link = within(cell as HTMLElement).getByRole('link');
        expect(link.textContent).toBe(String(data.counts[engagement]));
        const href = new URL(link.getAttribute('href')!, 'http://x');
        expect(href.pathname).toBe('/members');
        expect(Object.fromEntries(href.searchParams)).toEqual({
          workplaceId: data.workplaceId,
          engagement,
          status: 'active',
        });
      }
    }
    // The link names the cell for a screen reader, not just "6".
    expect(screen.getByRole('link', { name: '第二製造課の「脱退リスクあり」6人の一覧を開く' })).toBeTruthy();
    expect(
      screen.getByRole('link', { name: '第二製造課の組合員76人の一覧を開く' }).getAttribute('href'),
    ).toBe(`/members?workplaceId=${split.workplaceId}&status=active`);
  });

  it('says how long each member has been at risk, and shows early warnings as from → to', async () => {
    const data = buildWeekly({
      attritionRisk: [
        {
          memberId: uuid(),
          name: '長く 続く',
          workplaceId: uuid(),
          workplaceName: '営業部',
          since: '2026-08-20T01:00:00.000Z',
          sinceOn: '2026-08-20',
          ownerId: null,
          ownerName: null,
        },
        {
          memberId: uuid(),
          name: '最近 なった',
          workplaceId: null,
          workplaceName: null,
          since: '2026-11-12T01:00:00.000Z',
          sinceOn: '2026-11-12',
          ownerId: null,
          ownerName: '高橋 誠',
        },
      ],
      earlyWarnings: [
        {
          memberId: uuid(),
          name: '急に 冷めた',
          workplaceId: null,
          workplaceName: null,
          from: 'regular',
          to: 'at_risk',
          steps: 4,
          changedAt: '2026-11-19T05:06:00.000Z',
          ownerId: null,
          ownerName: null,
        },
      ],
    });
    const { fetch } = serve(data);
    renderWeb(<WeeklyDashboardPage />, { route: '/dashboards/weekly', path: '/dashboards/weekly', fetch });

    const risks = await screen.findAllByTestId('attrition-risk');
    expect(risks.map((r) => within(r).getByTestId('at-risk-for').textContent)).toEqual(['3か月', '12日']);
    expect(within(risks[0]!).getByRole('link', { name: '営業部' })).toBeTruthy();
    expect(within(risks[1]!).getByText('所属職場なし')).toBeTruthy();

    const [warning] = screen.getAllByTestId('early-warning');
    expect(within(warning!).getByText('定期参加')).toBeTruthy();
    expect(within(warning!).getByText('脱退リスクあり')).toBeTruthy();
    expect(within(warning!).getByText('4段階')).toBeTruthy();
  });

  it('keeps the day in the URL: the week before asks the API for asOf − 7 days', async () => {
    const { fetch, rec } = serve(
      buildWeekly({ asOf: '2026-11-18', weekStart: '2026-11-16', weekEnd: '2026-11-22' }),
    );
    renderWeb(<WeeklyDashboardPage />, {
      route: '/dashboards/weekly?asOf=2026-11-18',
      path: '/dashboards/weekly',
      fetch,
    });
    await screen.findByText('2026年11月16日〜2026年11月22日の週');
    expect(rec.last('/api/dashboards/weekly')?.searchParams.get('asOf')).toBe('2026-11-18');
    expect((screen.getByLabelText('基準日') as HTMLInputElement).value).toBe('2026-11-18');

    await userEvent.setup().click(screen.getByRole('button', { name: '前の週' }));
    await vi.waitFor(() =>
      expect(rec.last('/api/dashboards/weekly')?.searchParams.get('asOf')).toBe('2026-11-11'),
    );
  });

  it('speaks English on request and says when a list is empty', async () => {
    const { fetch } = serve(
      buildWeekly({
        followUps: [followUp({ overdue: true, dueOn: '2026-11-02', memberName: 'Overdue Member' })],
      }),
    );
    renderWeb(<WeeklyDashboardPage />, {
      route: '/dashboards/weekly',
      path: '/dashboards/weekly',
      fetch,
      lang: 'en',
    });
    const [row] = await screen.findAllByTestId('follow-up');
    expect(within(row!).getByText('Overdue')).toBeTruthy();
    expect(within(row!).getByText('2026-11-02')).toBeTruthy();
    expect(screen.getByText('No member is at risk of leaving')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'Weekly dashboard for officers and the secretary general',
    );
  });

  it('shows a federation’s first 50 workplaces of the map (the API puts those at risk first) until すべて表示', async () => {
    const workplaceMap = Array.from({ length: 1000 }, (_, i) =>
      buildMapRow({
        name: `職場${String(i + 1).padStart(4, '0')}`,
        atmosphere: i < 10 ? 'split_risk' : i < 40 ? 'indifferent' : 'normal',
      }),
    );
    const { fetch } = serve(buildWeekly({ workplaceMap }));
    renderWeb(<WeeklyDashboardPage />, { route: '/dashboards/weekly', path: '/dashboards/weekly', fetch });

    const map = await screen.findByRole('table', { name: '職場別・関与度別の組合員数' });
    const names = () =>
      within(map)
        .getAllByRole('rowheader')
        .map((h) => h.querySelector('a')?.textContent);
    expect(names()).toEqual(workplaceMap.slice(0, 50).map((r) => r.name));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'すべて表示（1000件）' }));
    expect(names()).toHaveLength(1000);
    expect(names().at(-1)).toBe('職場1000');
    await user.click(screen.getByRole('button', { name: '先頭の50件だけ表示' }));
    expect(names()).toHaveLength(50);
  });
});
