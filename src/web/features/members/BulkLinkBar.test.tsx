// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import MemberListPage from './MemberListPage';
import {
  buildDemand,
  buildMember,
  jsonBody,
  me,
  page,
  signedInAs,
  WORKPLACE_ID,
  workplace,
} from './test-fixtures';

afterEach(cleanup);

const A = buildMember({ id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', name: '山田 花子' });
const B = buildMember({
  id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
  name: '鈴木 一郎',
  nameKana: 'スズキ イチロウ',
});
const C = buildMember({
  id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
  name: '田中 次郎',
  nameKana: 'タナカ ジロウ',
});
const DEMAND = buildDemand('dddddddd-dddd-4ddd-8ddd-dddddddddddd', '賃上げ 月額1万円');

function setup(route = '/members', role: Parameters<typeof signedInAs>[0] = 'officer') {
  const writes: { method: string; url: string; body: Record<string, unknown> }[] = [];
  const demandUrls: string[] = [];
  const fetch = (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    if (url.startsWith(`/api/demands/${DEMAND.id}/members`) && method !== 'GET') {
      writes.push({ method, url, body: jsonBody(init) });
      return method === 'PUT'
        ? { linked: 2, relatedMemberCount: 14 }
        : { unlinked: 120, relatedMemberCount: 3 };
    }
    if (url.startsWith('/api/demands')) {
      demandUrls.push(url);
      return page([DEMAND]);
    }
    if (url.startsWith('/api/members')) return page([A, B, C], 120);
    if (url.startsWith('/api/workplaces')) return page([workplace]);
    if (url.startsWith('/api/staff')) return page([me]);
    if (url.startsWith('/api/auth/me')) return signedInAs(role);
    return apiError(404, 'not_found');
  };
  renderWeb(<MemberListPage />, { route, path: '/members', fetch });
  return { writes, demandUrls };
}

describe('selecting members on the list and linking them to a demand', () => {
  it('links the members ticked on the page, after a confirmation, and says how many and the new count', async () => {
    const user = userEvent.setup();
    const { writes, demandUrls } = setup();
    await user.click(await screen.findByRole('button', { name: '選択して一括操作' }));
    const bar = await screen.findByRole('region', { name: '選択した組合員の操作' });
    expect(within(bar).getByText('0人を選択中')).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: '山田 花子を選択' }));
    await user.click(screen.getByRole('checkbox', { name: '田中 次郎を選択' }));
    expect(within(bar).getByText('2人を選択中')).toBeTruthy();

    // The picker offers the current season's demands.
    await user.selectOptions(
      within(bar).getByLabelText('要求'),
      await within(bar).findByRole('option', { name: DEMAND.title }),
    );
    expect(demandUrls.some((u) => u.includes('season=current'))).toBe(true);
    await user.click(within(bar).getByRole('button', { name: '要求に紐付け' }));
    expect(within(bar).getByText(`2人を『${DEMAND.title}』に紐付けますか？`)).toBeTruthy();
    expect(writes).toEqual([]);
    await user.click(within(bar).getByRole('button', { name: '紐付ける' }));

    await within(bar).findByText(`2人を『${DEMAND.title}』に紐付けました（関連組合員数 14人）`);
    expect(writes).toEqual([
      { method: 'PUT', url: `/api/demands/${DEMAND.id}/members`, body: { memberIds: [A.id, C.id] } },
    ]);
    // The selection starts again.
    expect(within(bar).getByText('0人を選択中')).toBeTruthy();
    expect((screen.getByRole('checkbox', { name: '山田 花子を選択' }) as HTMLInputElement).checked).toBe(
      false,
    );
  });

  it('selects everyone the filters match and unlinks them by filter', async () => {
    const user = userEvent.setup();
    const { writes } = setup(`/members?workplaceId=${WORKPLACE_ID}&engagement=regular`);
    await user.click(await screen.findByRole('button', { name: '選択して一括操作' }));
    await user.click(await screen.findByRole('checkbox', { name: 'このページの全員を選択' }));
    const bar = screen.getByRole('region', { name: '選択した組合員の操作' });
    expect(within(bar).getByText('3人を選択中')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '条件に合う全員（120件）を選択' }));
    expect(within(bar).getByText('条件に合う全員（120件）を選択中')).toBeTruthy();
    // Every row shows it, and none can be unticked on its own.
    const row = screen.getByRole('checkbox', { name: '鈴木 一郎を選択' }) as HTMLInputElement;
    expect(row.checked && row.disabled).toBe(true);

    await user.selectOptions(
      within(bar).getByLabelText('要求'),
      await within(bar).findByRole('option', { name: DEMAND.title }),
    );
    await user.click(within(bar).getByRole('button', { name: '要求から外す' }));
    await user.click(within(bar).getByRole('button', { name: '外す' }));
    await within(bar).findByText(`120人を『${DEMAND.title}』から外しました（関連組合員数 3人）`);
    expect(writes).toEqual([
      {
        method: 'DELETE',
        url: `/api/demands/${DEMAND.id}/members`,
        body: { filter: { workplaceId: WORKPLACE_ID, engagement: 'regular', status: 'active' } },
      },
    ]);
  });

  it('cancels without writing, and a filter change clears the selection', async () => {
    const user = userEvent.setup();
    const { writes } = setup();
    await user.click(await screen.findByRole('button', { name: '選択して一括操作' }));
    await user.click(await screen.findByRole('checkbox', { name: '山田 花子を選択' }));
    const bar = screen.getByRole('region', { name: '選択した組合員の操作' });
    await user.selectOptions(
      within(bar).getByLabelText('要求'),
      await within(bar).findByRole('option', { name: DEMAND.title }),
    );
    await user.click(within(bar).getByRole('button', { name: '要求に紐付け' }));
    await user.click(within(bar).getByRole('button', { name: 'キャンセル' }));
    expect(within(bar).queryByText(/紐付けますか/)).toBeNull();
    expect(writes).toEqual([]);
    await user.selectOptions(screen.getByLabelText('関与度(感情温度)'), 'regular');
    await waitFor(() => expect(within(bar).getByText('0人を選択中')).toBeTruthy());
  });

  it('shows no selection before it is asked for', async () => {
    setup('/members', 'rep');
    await screen.findByRole('link', { name: '山田 花子' });
    expect(screen.queryByRole('checkbox', { name: '山田 花子を選択' })).toBeNull();
    expect(screen.queryByRole('region', { name: '選択した組合員の操作' })).toBeNull();
    // Reps link the members of their workplaces too (demands.link), so they may select.
    expect(await screen.findByRole('button', { name: '選択して一括操作' })).toBeTruthy();
  });
});
