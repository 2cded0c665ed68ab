// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import { signedInAs, USER_ID } from '../members/test-fixtures';
import { NavViews } from './NavViews';
import type { SavedView } from './queries';
import { SavedViewsMenu } from './SavedViewsMenu';
import { viewHref, viewParamsOf } from './view-params';

afterEach(cleanup);

const OTHER = '44444444-4444-4444-8444-444444444444';

function view(overrides: Partial<SavedView> = {}): SavedView {
  return {
    id: '55555555-5555-4555-8555-555555555555',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 3,
    name: '要注意の組合員',
    list: 'members',
    state: { params: { engagement: 'at_risk' } },
    sharedRoles: [],
    ownerId: USER_ID,
    ownerName: '佐藤 書記長',
    mine: true,
    missingFields: [],
    ...overrides,
  };
}

function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname + location.search}</output>;
}
const here = () => screen.getByTestId('location').textContent ?? '';

function setup(
  route: string,
  views: SavedView[],
  role: 'officer' | 'rep' | 'admin' = 'officer',
  customFields: { key: string; labelJa: string; labelEn: string }[] = [],
) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  const fetch = (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    if (url.startsWith('/api/auth/me')) return signedInAs(role);
    if (url.startsWith('/api/custom-fields')) return { items: customFields };
    if (url.startsWith('/api/saved-views')) {
      calls.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      if (method === 'GET') return { items: views };
      if (method === 'POST') {
        const body = JSON.parse(String(init?.body));
        return new Response(
          JSON.stringify(
            view({ id: OTHER, name: body.name, state: body.state, sharedRoles: body.sharedRoles }),
          ),
          { status: 201, headers: { 'content-type': 'application/json' } },
        );
      }
      if (method === 'PATCH') return { ...views[0], ...JSON.parse(String(init?.body)), version: 4 };
      if (method === 'DELETE') return new Response(null, { status: 204 });
    }
    return apiError(404, 'not_found');
  };
  renderWeb(
    <>
      <SavedViewsMenu list={(route.split('?')[0]!.slice(1) as SavedView['list']) ?? 'members'} />
      <NavViews list="members" label="組合員" />
      <LocationProbe />
    </>,
    { route, fetch, me: signedInAs(role) },
  );
  return calls;
}

describe('view params', () => {
  it('keeps filters, drops paging and the view marker; mine=1 stands for the user instead of their id', () => {
    const search = new URLSearchParams(
      `engagement=at_risk&offset=50&sv=x&mine=1&ownerId=${USER_ID}&cf.shift=night`,
    );
    expect(viewParamsOf('members', search, USER_ID)).toEqual({
      engagement: 'at_risk',
      mine: '1',
      'cf.shift': 'night',
    });
    // The owner filter changed since: the view keeps that owner, not mine.
    const changed = new URLSearchParams(`mine=1&ownerId=${OTHER}`);
    expect(viewParamsOf('members', changed, USER_ID)).toEqual({ ownerId: OTHER });
  });

  it('opens a view for whoever opens it, without the custom fields that were deleted', () => {
    const v = view({
      state: { params: { mine: '1', 'cf.gone': 'a', 'cf.kept': 'b', columns: 'cf.gone,cf.kept' } },
      missingFields: ['gone'],
    });
    const url = new URL(`http://x${viewHref(v, OTHER)}`);
    expect(url.pathname).toBe('/members');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      mine: '1',
      ownerId: OTHER,
      'cf.kept': 'b',
      columns: 'cf.kept',
      sv: v.id,
    });
  });
});

describe('SavedViewsMenu', () => {
  it('opens a view from the list: its params become the URL', async () => {
    setup('/members', [view(), view({ id: OTHER, name: '共有ビュー', mine: false, ownerName: '鈴木' })]);
    const select = await screen.findByLabelText('保存ビューを開く');
    expect(within(select).getByRole('option', { name: '共有ビュー（鈴木さんが共有）' })).toBeTruthy();
    await userEvent.selectOptions(select, '要注意の組合員');
    await waitFor(() => expect(here()).toContain('engagement=at_risk'));
    expect(here()).toContain(`sv=${view().id}`);
    expect(await screen.findByText('表示中のビュー: 要注意の組合員')).toBeTruthy();
  });

  it('saves the current filters under a name, shared with chosen roles', async () => {
    const calls = setup('/members?engagement=at_risk&offset=50&q=山田', []);
    await userEvent.click(await screen.findByRole('button', { name: 'ビューを保存' }));
    await userEvent.type(screen.getByLabelText('ビューの名前'), '山田さんたち');
    await userEvent.click(screen.getByLabelText('次の役割と共有'));
    await userEvent.click(screen.getByLabelText('職場委員'));
    await userEvent.click(screen.getByRole('button', { name: '保存する' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      name: '山田さんたち',
      list: 'members',
      state: { params: { engagement: 'at_risk', q: '山田' } },
      sharedRoles: ['rep'],
    });
    await waitFor(() => expect(here()).toContain(`sv=${OTHER}`));
  });

  it('overwrites the shown view with the current filters, and deletes it after a confirmation', async () => {
    const calls = setup(`/members?engagement=indifferent&sv=${view().id}`, [view()]);
    await userEvent.click(await screen.findByRole('button', { name: '現在の条件で上書き' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({
      version: 3,
      state: { params: { engagement: 'indifferent' } },
    });
    await userEvent.click(screen.getByRole('button', { name: '削除' }));
    expect(screen.getByText('保存ビュー「要注意の組合員」を削除しますか？元に戻せません。')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '削除する' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE')).toBe(true));
    expect(calls.find((c) => c.method === 'DELETE')!.url).toContain('version=3');
    await waitFor(() => expect(here()).not.toContain('sv='));
  });

  it('offers no change on a view shared by someone else, and names deleted fields', async () => {
    const shared = view({
      mine: false,
      ownerId: OTHER,
      ownerName: '鈴木',
      sharedRoles: ['rep'],
      missingFields: ['shift'],
    });
    setup(`/members?sv=${shared.id}`, [shared], 'rep');
    expect(
      await screen.findByText(
        'この保存ビューは削除された項目（shift）を含みます。その条件を除いて表示しています',
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: '現在の条件で上書き' })).toBeNull();
    expect(screen.queryByRole('button', { name: '削除' })).toBeNull();
  });

  it('names a deleted field by its label while its definition is kept (archived)', async () => {
    const v = view({ missingFields: ['shift', 'gone'] });
    setup(`/members?sv=${v.id}`, [v], 'officer', [{ key: 'shift', labelJa: '勤務帯', labelEn: 'Shift' }]);
    expect(
      await screen.findByText(
        'この保存ビューは削除された項目（勤務帯、gone）を含みます。その条件を除いて表示しています',
      ),
    ).toBeTruthy();
  });

  it('自分の担当だけ puts mine=1 and the user as 担当者 in the URL, and takes them out again', async () => {
    setup('/members?engagement=at_risk', []);
    const toggle = await screen.findByLabelText('自分の担当だけ');
    await userEvent.click(toggle);
    await waitFor(() => expect(here()).toContain(`ownerId=${USER_ID}`));
    expect(here()).toContain('mine=1');
    await userEvent.click(screen.getByLabelText('自分の担当だけ'));
    await waitFor(() => expect(here()).not.toContain('mine=1'));
    expect(here()).not.toContain('ownerId');
    expect(here()).toContain('engagement=at_risk');
  });

  it('resolves mine=1 of a shared link for the one who opens it', async () => {
    setup('/members?mine=1', []);
    await waitFor(() => expect(here()).toContain(`ownerId=${USER_ID}`));
    expect((screen.getByLabelText('自分の担当だけ') as HTMLInputElement).checked).toBe(true);
  });
});

describe('NavViews', () => {
  it('lists the list’s views behind a disclosure in the navigation', async () => {
    setup('/', [view(), view({ id: OTHER, name: '共有ビュー', mine: false, ownerName: '鈴木' })]);
    const button = await screen.findByRole('button', { name: '組合員の保存ビュー' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    await userEvent.click(button);
    await userEvent.click(screen.getByRole('link', { name: /共有ビュー/ }));
    await waitFor(() => expect(here()).toContain(`sv=${OTHER}`));
  });
});

describe('自分の担当だけ on the task inbox', () => {
  it('is on for my tasks (the default view) and switches an officer to every task they may see', async () => {
    setup('/tasks', []);
    const toggle = (await screen.findByLabelText('自分の担当だけ')) as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    await userEvent.click(toggle);
    await waitFor(() => expect(here()).toContain('view=all'));
    await userEvent.click(screen.getByLabelText('自分の担当だけ'));
    await waitFor(() => expect(here()).toContain('view=mine'));
    expect(here()).toContain('mine=1');
  });

  it('is not offered to a rep, whose inbox is their own tasks only', async () => {
    setup('/tasks', [], 'rep');
    await screen.findByRole('button', { name: 'ビューを保存' });
    expect(screen.queryByLabelText('自分の担当だけ')).toBeNull();
  });
});
