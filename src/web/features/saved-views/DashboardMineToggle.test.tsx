// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import MonthlyDashboardPage from '../dashboards/MonthlyDashboardPage';
import { buildMapRow, buildMonthly, buildWeekly } from '../dashboards/test-fixtures';
import WeeklyDashboardPage from '../dashboards/WeeklyDashboardPage';
import { signedInAs } from '../members/test-fixtures';

afterEach(cleanup);

function serve() {
  const urls: URL[] = [];
  const fetch = (url: string) => {
    const u = new URL(url, 'http://localhost');
    urls.push(u);
    if (u.pathname === '/api/dashboards/weekly') return buildWeekly({ workplaceMap: [buildMapRow()] });
    if (u.pathname === '/api/dashboards/monthly') return buildMonthly();
    if (u.pathname === '/api/auth/me') return signedInAs('officer');
    if (u.pathname === '/api/setup')
      return { needsSetup: false, organizationName: 'テスト労組', timezone: 'Asia/Tokyo' };
    return apiError(404, 'not_found');
  };
  const asked = (path: string) => urls.filter((u) => u.pathname === path);
  return { fetch, asked };
}

describe('自分の担当だけ on the dashboards', () => {
  it('weekly: asks for mine=1 when ticked, and the workplace map links to the same members', async () => {
    const { fetch, asked } = serve();
    renderWeb(<WeeklyDashboardPage />, { route: '/dashboards/weekly', path: '/dashboards/weekly', fetch });
    await waitFor(() => expect(asked('/api/dashboards/weekly').length).toBeGreaterThan(0));
    expect(asked('/api/dashboards/weekly').at(-1)!.searchParams.has('mine')).toBe(false);
    await userEvent.click(await screen.findByLabelText('自分の担当だけ'));
    await waitFor(() => expect(asked('/api/dashboards/weekly').at(-1)!.searchParams.get('mine')).toBe('1'));
    await waitFor(() =>
      expect(
        [...document.querySelectorAll('a[href^="/members?"]')].every((a) =>
          a.getAttribute('href')!.includes('mine=1'),
        ),
      ).toBe(true),
    );
  });

  it('monthly: a shared link with mine=1 asks for the user’s own figures', async () => {
    const { fetch, asked } = serve();
    renderWeb(<MonthlyDashboardPage />, {
      route: '/dashboards/monthly?mine=1',
      path: '/dashboards/monthly',
      fetch,
    });
    await waitFor(() => expect(asked('/api/dashboards/monthly').at(-1)?.searchParams.get('mine')).toBe('1'));
    expect((screen.getByLabelText('自分の担当だけ') as HTMLInputElement).checked).toBe(true);
  });
});
