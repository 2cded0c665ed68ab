// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../test/render';
import { PERMISSIONS } from '../../core/access/policy';
import { signedInAs } from '../features/members/test-fixtures';
import { useAccess, useCan } from './access';
import { Layout } from './Layout';

afterEach(cleanup);

function Probe() {
  const may = useAccess();
  // useCan and useAccess answer alike.
  const recordsWrite = useCan('records.write');
  if (recordsWrite !== may('records.write')) throw new Error('useCan and useAccess disagree');
  return (
    <ul>
      {PERMISSIONS.map((p) => (
        <li key={p} data-testid={p}>
          {String(may(p))}
        </li>
      ))}
    </ul>
  );
}
const allowed = () => PERMISSIONS.filter((p) => screen.getByTestId(p).textContent === 'true');

describe('useCan', () => {
  it('follows the role table: a rep reads contact details, adds notes, changes engagement and atmosphere, records meetings, links demands and tracks surveys', () => {
    renderWeb(<Probe />, { me: signedInAs('rep') });
    expect(allowed()).toEqual([
      'notes.create',
      'contacts.read',
      'engagement.change',
      'atmosphere.change',
      'meetings.record',
      'demands.link',
      'surveys.track',
    ]);
  });

  it('gives an executive demands and survey results only, and an admin everything', () => {
    renderWeb(<Probe />, { me: signedInAs('executive') });
    expect(allowed()).toEqual(['demands.write', 'demands.link', 'surveys.read']);
    cleanup();
    renderWeb(<Probe />, { me: signedInAs('admin') });
    expect(allowed()).toEqual([...PERMISSIONS]);
  });

  it('allows nothing while the user is unknown or signed out', async () => {
    renderWeb(<Probe />, { fetch: () => apiError(401, 'unauthorized') });
    expect(allowed()).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(allowed()).toEqual([]);
  });
});

describe('Layout navigation', () => {
  const render = (role: 'admin' | 'officer' | 'executive' | 'rep') => {
    const me = signedInAs(role);
    renderWeb(<Layout user={me} />, { me, fetch: () => ({ items: [], total: 0 }) });
    return within(screen.getByRole('navigation', { name: 'メニュー' }));
  };

  it.each(['officer', 'executive', 'rep'] as const)('shows a %s the dashboards but not 設定', (role) => {
    const nav = render(role);
    for (const name of ['週次', '月次', '組合員', '職場', '交渉・要求', 'アンケート', 'タスク']) {
      expect(nav.getByRole('link', { name: new RegExp(`^${name}`) })).toBeTruthy();
    }
    expect(nav.queryByRole('link', { name: '設定' })).toBeNull();
    expect(screen.getByRole('link', { name: '本文へ移動' }).getAttribute('href')).toBe('#main');
  });

  it('shows an admin 設定 (users, organization, workflow rules)', () => {
    const nav = render('admin');
    expect(nav.getByRole('link', { name: '設定' }).getAttribute('href')).toBe('/settings');
    expect(nav.getByRole('link', { name: 'アンケート' }).getAttribute('href')).toBe('/surveys');
  });
});
