// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import { signedInAs } from '../members/test-fixtures';
import { buildDemand, page, recordRequest, type Seen } from '../workplaces/test-fixtures';
import DemandListPage from './DemandListPage';

afterEach(cleanup);

const demands = [
  buildDemand({
    title: 'ベースアップ（月額12,000円）',
    relatedMemberCount: 248,
    priority: 'high',
    status: 'negotiating',
  }),
  buildDemand({ title: '年間休日の増加', relatedMemberCount: 124, priority: 'medium' }),
  buildDemand({ title: '社員食堂の改善', relatedMemberCount: 0, priority: 'low', status: 'settled' }),
];

const season = (name: string, startsOn: string, endsOn: string, demandCount: number) => ({
  id: crypto.randomUUID(),
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
  name,
  startsOn,
  endsOn,
  demandCount,
});
const spring = season('2027春闘', '2026-11-01', '2027-06-30', 3);
const autumn = season('2026秋闘', '2026-07-01', '2026-10-31', 2);
const seasons = { items: [spring, autumn], currentId: spring.id };

function server(seen: Seen[], onPost?: (req: Seen) => unknown) {
  return (url: string, init?: RequestInit) => {
    const req = recordRequest(seen, url, init);
    if (req.method === 'POST' && onPost) return onPost(req);
    if (url.split('?')[0] === '/api/demands') return page(demands, 3);
    if (url === '/api/seasons') return seasons;
    return apiError(404, 'not_found');
  };
}

/** The demand list requests, in order. */
const listRequests = (seen: Seen[]) =>
  seen.filter((r) => r.url.startsWith('/api/demands')).map((r) => new URL(r.url, 'http://x').searchParams);

describe('DemandListPage', () => {
  it('lists demands by 関連組合員数, most first, with bars proportional to the largest count', async () => {
    const seen: Seen[] = [];
    renderWeb(<DemandListPage />, {
      me: signedInAs('officer'),
      route: '/demands',
      path: '/demands',
      fetch: server(seen),
    });
    await screen.findByText('年間休日の増加');

    const listRequest = listRequests(seen)[0]!;
    expect(listRequest.get('sort')).toBe('-relatedMemberCount');
    // The current season is the API's default: no parameter.
    expect(listRequest.has('season')).toBe(false);

    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('link').textContent)).toEqual([
      'ベースアップ（月額12,000円）',
      '年間休日の増加',
      '社員食堂の改善',
    ]);
    expect(rows.map((r) => within(r).getByTestId('related-count').textContent)).toEqual([
      '248人',
      '124人',
      '0人',
    ]);
    expect(rows.map((r) => within(r).getByTestId('count-bar').style.width)).toEqual(['100%', '50%', '0%']);
    expect(within(rows[0]!).getByRole('link').getAttribute('href')).toBe(`/demands/${demands[0]!.id}`);
    expect(within(rows[0]!).getByText('高')).toBeTruthy();
    expect(within(rows[0]!).getByText('交渉中')).toBeTruthy();
  });

  it('takes its filters from the URL and keeps changes in it', async () => {
    const seen: Seen[] = [];
    renderWeb(<DemandListPage />, {
      me: signedInAs('officer'),
      route: '/demands?status=negotiating&priority=high',
      path: '/demands',
      fetch: server(seen),
    });
    await screen.findByText('年間休日の増加');
    const first = listRequests(seen)[0]!;
    expect(first.get('status')).toBe('negotiating');
    expect(first.get('priority')).toBe('high');
    expect((screen.getByLabelText('交渉ステータス') as HTMLSelectElement).value).toBe('negotiating');

    await userEvent.setup().selectOptions(screen.getByLabelText('交渉ステータス'), 'settled');
    const last = listRequests(seen).at(-1)!;
    expect(last.get('status')).toBe('settled');
    expect(last.get('priority')).toBe('high');
  });

  it('shows the current season by default, finds past seasons and すべて through the season selector', async () => {
    const seen: Seen[] = [];
    renderWeb(<DemandListPage />, {
      me: signedInAs('officer'),
      route: '/demands',
      path: '/demands',
      fetch: server(seen),
    });
    await screen.findByText('年間休日の増加');
    const select = (await screen.findByRole('option', { name: '2027春闘（現在）' })).closest('select')!;
    expect(select.value).toBe('');
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['2027春闘（現在）', '2026秋闘', 'すべて', 'シーズンなし']);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('交渉シーズン'), '2026秋闘');
    expect(listRequests(seen).at(-1)!.get('season')).toBe(autumn.id);
    await user.selectOptions(screen.getByLabelText('交渉シーズン'), 'すべて');
    expect(listRequests(seen).at(-1)!.get('season')).toBe('all');
  });

  it('lets an officer add a season (name and dates) from シーズンを管理; a rep has no such button', async () => {
    const seen: Seen[] = [];
    renderWeb(<DemandListPage />, {
      me: signedInAs('officer'),
      route: '/demands',
      path: '/demands',
      fetch: server(seen, (req) => ({
        ...season('2027秋闘', '2027-07-01', '2027-10-31', 0),
        ...(req.body as object),
      })),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'シーズンを管理' }));
    const manager = screen.getByRole('region', { name: '交渉シーズン' });
    expect(within(manager).getByText('2027春闘')).toBeTruthy();
    expect(within(manager).getByText('現在')).toBeTruthy();
    // A season with demands cannot be deleted: no delete button on it.
    expect(within(manager).queryByRole('button', { name: '2027春闘を削除' })).toBeNull();
    await user.click(within(manager).getByRole('button', { name: '+ シーズンを登録' }));
    const form = within(manager).getByRole('form', { name: 'シーズンを登録' });
    await user.type(within(form).getByLabelText(/シーズン名/), '2027秋闘');
    await user.type(within(form).getByLabelText(/開始日/), '2027-07-01');
    await user.type(within(form).getByLabelText(/終了日/), '2027-10-31');
    await user.click(within(form).getByRole('button', { name: '登録する' }));
    expect(await within(manager).findByText('シーズンを保存しました')).toBeTruthy();
    expect(seen.find((r) => r.method === 'POST')).toEqual({
      method: 'POST',
      url: '/api/seasons',
      body: { name: '2027秋闘', startsOn: '2027-07-01', endsOn: '2027-10-31' },
    });
    cleanup();
    renderWeb(<DemandListPage />, {
      me: signedInAs('rep'),
      route: '/demands',
      path: '/demands',
      fetch: server([]),
    });
    await screen.findByText('年間休日の増加');
    expect(screen.queryByRole('button', { name: 'シーズンを管理' })).toBeNull();
  });

  it('shows the server field errors of the new demand form beside their fields', async () => {
    const seen: Seen[] = [];
    renderWeb(<DemandListPage />, {
      me: signedInAs('officer'),
      route: '/demands',
      path: '/demands',
      fetch: server(seen, () =>
        apiError(400, 'validation_failed', {
          title: 'is required',
          nextNegotiationOn: 'must be a real calendar date (YYYY-MM-DD)',
        }),
      ),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '+ 要求を登録' }));
    const form = screen.getByRole('form', { name: '要求を登録' });
    await user.selectOptions(within(form).getByLabelText('要求の優先度'), 'high');
    await user.type(within(form).getByLabelText('内容'), '  ');
    await user.click(within(form).getByRole('button', { name: '登録する' }));

    expect(await within(form).findByText('入力してください')).toBeTruthy();
    expect(within(form).getByText('存在する日付を入力してください')).toBeTruthy();
    expect(within(form).getByText('入力内容を確認してください')).toBeTruthy();
    expect(
      within(form)
        .getByLabelText(/要求事項の名称/)
        .getAttribute('aria-invalid'),
    ).toBe('true');
    expect(within(form).getByLabelText('次の交渉期日').getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByLabelText('要求の優先度').getAttribute('aria-invalid')).toBe('false');

    const posted = seen.find((r) => r.method === 'POST')!;
    expect(posted.url).toBe('/api/demands');
    expect(posted.body).toEqual({
      title: '',
      description: null,
      priority: 'high',
      status: 'not_submitted',
      nextNegotiationOn: null,
    });
  });

  it('speaks English on request', async () => {
    renderWeb(<DemandListPage />, {
      me: signedInAs('officer'),
      lang: 'en',
      route: '/demands',
      path: '/demands',
      fetch: server([]),
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Demands' })).toBeTruthy();
    expect(await screen.findByRole('columnheader', { name: 'Members holding it' })).toBeTruthy();
    expect(screen.getByRole('cell', { name: 'Negotiating' })).toBeTruthy();
  });

  it('offers no 要求を登録 to a rep, who reads demands and links members only', async () => {
    renderWeb(<DemandListPage />, {
      me: signedInAs('rep'),
      route: '/demands',
      path: '/demands',
      fetch: server([]),
    });
    expect(await screen.findByText('年間休日の増加')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '+ 要求を登録' })).toBeNull();
  });
});
