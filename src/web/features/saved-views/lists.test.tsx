// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import { page, signedInAs, USER_ID } from '../members/test-fixtures';
import WorkplaceListPage from '../workplaces/WorkplaceListPage';

afterEach(cleanup);

describe('自分の担当だけ on the workplace list', () => {
  it('asks for the workplaces the user is 担当者 of, and lists every one again when unticked', async () => {
    const asked: URL[] = [];
    const fetch = (url: string) => {
      const u = new URL(url, 'http://localhost');
      if (u.pathname === '/api/auth/me') return signedInAs('officer');
      if (u.pathname === '/api/workplaces') {
        asked.push(u);
        return page([]);
      }
      if (u.pathname === '/api/saved-views') return { items: [] };
      if (u.pathname.startsWith('/api/')) return page([]);
      return apiError(404, 'not_found');
    };
    renderWeb(<WorkplaceListPage />, {
      route: '/workplaces',
      path: '/workplaces',
      fetch,
      me: signedInAs('officer'),
    });
    await userEvent.click(await screen.findByLabelText('自分の担当だけ'));
    await waitFor(() => expect(asked.at(-1)?.searchParams.get('ownerId')).toBe(USER_ID));
    await userEvent.click(screen.getByLabelText('自分の担当だけ'));
    await waitFor(() => expect(asked.at(-1)?.searchParams.has('ownerId')).toBe(false));
  });
});
