// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import type { User } from '../../http/types';
import { staffAnswer } from '../users/test-fixtures';
import MemberListPage from './MemberListPage';
import { buildMember, me, page, signedInAs, WORKPLACE_ID, workplace } from './test-fixtures';

afterEach(cleanup);

function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname + location.search}</output>;
}

const locationSearch = () =>
  new URLSearchParams(screen.getByTestId('location').textContent?.split('?')[1] ?? '');

function setup({
  route = '/members',
  staff = [me] as User[],
  members = [buildMember()],
  signedIn = me as User,
  targets = 0,
} = {}) {
  const memberUrls: string[] = [];
  const countUrls: string[] = [];
  const fetch = (url: string) => {
    // TotalNote's count of the organizing targets among the list's filters.
    if (
      url.startsWith('/api/members') &&
      url.includes('unionRole=organizing_target') &&
      url.includes('limit=1&')
    ) {
      countUrls.push(url);
      return page([], targets);
    }
    if (url.startsWith('/api/members')) {
      memberUrls.push(url);
      return page(members, members.length ? 120 : 0);
    }
    if (url.startsWith('/api/workplaces')) return page([workplace]);
    if (url.startsWith('/api/staff')) return staffAnswer(url, staff);
    if (url.startsWith('/api/auth/me')) return signedIn;
    return apiError(404, 'not_found');
  };
  renderWeb(
    <>
      <MemberListPage />
      <LocationProbe />
    </>,
    { route, path: '/members', fetch },
  );
  const lastQuery = () => new URLSearchParams(memberUrls.at(-1)?.split('?')[1] ?? '');
  return { memberUrls, countUrls, lastQuery };
}

describe('MemberListPage', () => {
  it('lists active members in kana order, 50 per page, by default', async () => {
    const { lastQuery } = setup();
    await screen.findByRole('link', { name: '山田 花子' });
    expect(Object.fromEntries(lastQuery())).toEqual({
      status: 'active',
      sort: 'nameKana',
      limit: '50',
      offset: '0',
    });
    expect(screen.getByText('ヤマダ ハナコ')).toBeTruthy();
    expect(screen.getByRole('link', { name: '山田 花子' }).getAttribute('href')).toBe(
      `/members/${buildMember().id}`,
    );
    expect(screen.getByText('120件中 1–50件')).toBeTruthy();
  });

  it('explains its total against the dashboards: the organizing targets it includes, with the same filters', async () => {
    const { countUrls } = setup({ route: '/members?workplaceId=' + WORKPLACE_ID + '&q=山田', targets: 7 });
    const note = await screen.findByText(/うちオルグ対象 7件/);
    expect(note.textContent).toContain('ダッシュボードの組合員数には含まれません');
    expect(Object.fromEntries(new URLSearchParams(countUrls.at(-1)!.split('?')[1]))).toMatchObject({
      workplaceId: WORKPLACE_ID,
      q: '山田',
      status: 'active',
      unionRole: 'organizing_target',
    });
    await userEvent.click(screen.getByRole('link', { name: 'オルグ対象だけを表示' }));
    expect(Object.fromEntries(locationSearch())).toEqual({
      workplaceId: WORKPLACE_ID,
      q: '山田',
      unionRole: 'organizing_target',
    });
  });

  it('says nothing about organizing targets when there are none, or when the list is filtered by 組合役職', async () => {
    const { countUrls } = setup({ route: '/members?unionRole=general_member', targets: 0 });
    await screen.findByRole('link', { name: '山田 花子' });
    expect(countUrls).toEqual([]);
    expect(screen.queryByText(/オルグ対象 \d+件/)).toBeNull();
  });

  it('says 1年未満 for a member who joined this year, not 0年', async () => {
    setup({
      members: [
        buildMember({ id: 'a0000000-0000-4000-8000-000000000001', name: '新人 一郎', tenureYears: 0 }),
        buildMember({ id: 'a0000000-0000-4000-8000-000000000002', name: '古参 二郎', tenureYears: 12 }),
      ],
    });
    const newcomer = (await screen.findByRole('link', { name: '新人 一郎' })).closest('tr')!;
    expect(newcomer.textContent).toContain('1年未満');
    expect(newcomer.textContent).not.toContain('0年');
    const veteran = screen.getByRole('link', { name: '古参 二郎' }).closest('tr')!;
    expect(veteran.textContent).toContain('12年');
  });

  it('puts the filters into the URL and asks the API for exactly those', async () => {
    const user = userEvent.setup();
    const { lastQuery } = setup();
    await screen.findByRole('option', { name: '本社工場' });

    await user.selectOptions(screen.getByLabelText('所属職場'), WORKPLACE_ID);
    await user.selectOptions(screen.getByLabelText('関与度(感情温度)'), 'at_risk');
    await user.selectOptions(screen.getByLabelText('役職'), 'workplace_rep');
    await user.selectOptions(screen.getByLabelText('並び順'), 'nextActionDueOn');

    await waitFor(() => expect(lastQuery().get('sort')).toBe('nextActionDueOn'));
    expect(Object.fromEntries(lastQuery())).toEqual({
      workplaceId: WORKPLACE_ID,
      engagement: 'at_risk',
      unionRole: 'workplace_rep',
      status: 'active',
      sort: 'nextActionDueOn',
      limit: '50',
      offset: '0',
    });
    expect(Object.fromEntries(locationSearch())).toEqual({
      workplaceId: WORKPLACE_ID,
      engagement: 'at_risk',
      unionRole: 'workplace_rep',
      sort: 'nextActionDueOn',
    });

    // "All" statuses sends no status at all.
    await user.selectOptions(screen.getByLabelText('在籍状況'), 'all');
    await waitFor(() => expect(locationSearch().get('status')).toBe('all'));
    await waitFor(() => expect(lastQuery().has('status')).toBe(false));
  });

  it('filters by when the next action is due (期限切れ / 今週 / 来週以降), kept in the URL', async () => {
    const user = userEvent.setup();
    const { lastQuery } = setup({ route: '/members?nextActionDue=overdue' });
    await screen.findByRole('link', { name: '山田 花子' });
    expect(lastQuery().get('nextActionDue')).toBe('overdue');
    const select = screen.getByLabelText('次のアクションの期日') as HTMLSelectElement;
    expect(select.value).toBe('overdue');
    expect([...select.options].map((o) => o.textContent)).toEqual(['すべて', '期限切れ', '今週', '来週以降']);

    await user.selectOptions(select, 'this_week');
    await waitFor(() => expect(lastQuery().get('nextActionDue')).toBe('this_week'));
    expect(locationSearch().get('nextActionDue')).toBe('this_week');
    await user.selectOptions(select, 'later');
    await waitFor(() => expect(lastQuery().get('nextActionDue')).toBe('later'));
    await user.selectOptions(select, '');
    await waitFor(() => expect(lastQuery().has('nextActionDue')).toBe(false));
    expect(locationSearch().has('nextActionDue')).toBe(false);
  });

  it('ignores an unknown nextActionDue in a shared link', async () => {
    const { lastQuery } = setup({ route: '/members?nextActionDue=tomorrow' });
    await screen.findByRole('link', { name: '山田 花子' });
    expect(lastQuery().has('nextActionDue')).toBe(false);
  });

  it('reads filters and the page from a shared link, and pages on the server', async () => {
    const user = userEvent.setup();
    const { lastQuery } = setup({ route: '/members?engagement=rare&offset=50' });
    await screen.findByRole('link', { name: '山田 花子' });
    expect(lastQuery().get('engagement')).toBe('rare');
    expect(lastQuery().get('offset')).toBe('50');
    expect((screen.getByLabelText('関与度(感情温度)') as HTMLSelectElement).value).toBe('rare');

    await user.click(screen.getByRole('button', { name: '次へ' }));
    await waitFor(() => expect(lastQuery().get('offset')).toBe('100'));
    expect(locationSearch().get('offset')).toBe('100');
    // A new filter starts from the first page again.
    await user.selectOptions(screen.getByLabelText('役職'), 'general_member');
    await waitFor(() => expect(lastQuery().get('unionRole')).toBe('general_member'));
    expect(lastQuery().get('offset')).toBe('0');
    expect(locationSearch().has('offset')).toBe(false);
  });

  it('searches after a pause in typing, and not while an IME is composing', async () => {
    const { memberUrls, lastQuery } = setup();
    await screen.findByRole('link', { name: '山田 花子' });
    const box = screen.getByLabelText('検索（氏名・フリガナ・社員番号）');

    fireEvent.compositionStart(box);
    fireEvent.change(box, { target: { value: 'やまd' } });
    fireEvent.change(box, { target: { value: 'やまだ' } });
    await new Promise((r) => setTimeout(r, 450));
    expect(memberUrls.some((u) => u.includes('q='))).toBe(false);

    fireEvent.compositionEnd(box, { data: '山田' });
    fireEvent.change(box, { target: { value: '山田' } });
    await waitFor(() => expect(lastQuery().get('q')).toBe('山田'));
    expect(
      memberUrls.filter((u) => u.includes('q=')).map((u) => new URLSearchParams(u.split('?')[1]).get('q')),
    ).toEqual(['山田']);
    expect(locationSearch().get('q')).toBe('山田');
  });

  it.each(['officer', 'rep'] as const)('offers a %s the owner filter, from the staff list', async (role) => {
    const staff: User[] = [
      me,
      { ...me, id: '44444444-4444-4444-8444-444444444444', displayName: '高橋 委員長' },
      { ...me, id: '55555555-5555-4555-8555-555555555555', displayName: '退職者', disabled: true },
    ];
    const user = userEvent.setup();
    const { lastQuery } = setup({ staff, signedIn: signedInAs(role) });
    const owner = (await screen.findByLabelText('担当者')) as HTMLSelectElement;
    await screen.findByRole('option', { name: '高橋 委員長' });
    expect(Array.from(owner.options).map((o) => o.textContent)).toEqual([
      'すべて',
      '佐藤 書記長',
      '高橋 委員長',
    ]);
    await user.selectOptions(owner, me.id);
    await waitFor(() => expect(lastQuery().get('ownerId')).toBe(me.id));
  });

  it('tells an empty union apart from a search without results', async () => {
    setup({ members: [] });
    expect(await screen.findByText(/まだ組合員が登録されていません/)).toBeTruthy();
    cleanup();
    setup({ route: '/members?q=zzz', members: [] });
    expect(await screen.findByText(/条件に合う組合員がいません/)).toBeTruthy();
  });

  it('opens the registration form on its own URL', async () => {
    const user = userEvent.setup();
    setup();
    await user.click(await screen.findByRole('button', { name: /組合員を登録/ }));
    expect(await screen.findByRole('heading', { level: 1, name: '組合員を登録' })).toBeTruthy();
    expect(locationSearch().get('new')).toBe('1');
    await user.click(screen.getByRole('button', { name: 'キャンセル' }));
    expect(await screen.findByRole('heading', { level: 1, name: '組合員一覧' })).toBeTruthy();
  });

  it('offers a rep (and an executive) no registration, not even from a shared ?new=1 link', async () => {
    for (const role of ['rep', 'executive'] as const) {
      const { memberUrls } = setup({ route: '/members?new=1', signedIn: signedInAs(role) });
      expect(await screen.findByRole('link', { name: '山田 花子' })).toBeTruthy();
      expect(screen.getByRole('heading', { level: 1, name: '組合員一覧' })).toBeTruthy();
      expect(screen.queryByRole('button', { name: /組合員を登録/ })).toBeNull();
      expect(screen.queryByRole('heading', { name: '組合員を登録' })).toBeNull();
      expect(memberUrls.length).toBeGreaterThan(0);
      // The owner filter stays (GET /api/staff answers every role): filtering is not editing.
      expect(await screen.findByLabelText('担当者')).toBeTruthy();
      cleanup();
    }
  });
});
