// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import { staffAnswer } from '../users/test-fixtures';
import SettingsPage from './SettingsPage';
import { admin, buildSettings, buildUser, page, recordRequest, type Seen } from './test-fixtures';

afterEach(cleanup);

function server(seen: Seen[], me: unknown) {
  return (url: string, init?: RequestInit) => {
    recordRequest(seen, url, init);
    const path = url.split('?')[0];
    if (path === '/api/auth/me') return me;
    if (path === '/api/settings') return buildSettings();
    if (path === '/api/users') return page([admin]);
    if (path === '/api/staff') return staffAnswer(url, [admin]);
    return apiError(403, 'forbidden');
  };
}

describe('SettingsPage', () => {
  it('tells a non-admin that the page is for admins only, and asks the server for nothing else', async () => {
    const seen: Seen[] = [];
    const officer = buildUser({ role: 'officer', displayName: '佐藤 健一' });
    renderWeb(<SettingsPage />, { route: '/settings', path: '/settings', fetch: server(seen, officer) });
    expect(await screen.findByRole('heading', { level: 2, name: '管理者のみ' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: '設定' })).toBeTruthy();
    expect(screen.queryByLabelText('組織名')).toBeNull();
    // Give any stray query a chance to start.
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.map((r) => r.url)).toEqual(['/api/auth/me']);
  });

  it('says the same in English', async () => {
    const seen: Seen[] = [];
    renderWeb(<SettingsPage />, {
      lang: 'en',
      route: '/settings',
      path: '/settings',
      fetch: server(seen, buildUser({ role: 'rep' })),
    });
    expect(await screen.findByRole('heading', { level: 2, name: 'Admins only' })).toBeTruthy();
  });

  it('shows an admin the organization settings first, with the sections as links', async () => {
    const seen: Seen[] = [];
    renderWeb(<SettingsPage />, { route: '/settings', path: '/settings', fetch: server(seen, admin) });
    expect(await screen.findByDisplayValue('ものづくり産業労働組合')).toBeTruthy();
    const current = screen.getByRole('link', { name: '組織の設定' });
    expect(current.getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'ワークフロー' }).getAttribute('href')).toBe(
      '/settings?tab=workflows',
    );
    expect(screen.getByRole('link', { name: '利用者' }).getAttribute('href')).toBe('/settings?tab=users');
    expect(seen.some((r) => r.url === '/api/settings')).toBe(true);
  });
});
