// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, renderWeb } from '../../../../test/render';
import type { Demand, DemandMember } from '../../http/types';
import { signedInAs } from '../members/test-fixtures';
import {
  buildDemand,
  buildDemandMember,
  buildMember,
  page,
  recordRequest,
  type Seen,
} from '../workplaces/test-fixtures';
import DemandPage from './DemandPage';

afterEach(cleanup);

const WP_A = '0000000a-0000-4000-8000-000000000001';
const WP_B = '0000000b-0000-4000-8000-000000000002';

function fakeUnion() {
  let demand: Demand = buildDemand({
    title: '年間休日の増加',
    description: '年間休日を120日に',
    relatedMemberCount: 2,
    priority: 'medium',
    status: 'negotiating',
    nextNegotiationOn: '2026-12-03',
  });
  const linked: DemandMember[] = [
    buildDemandMember({
      name: '相川 一郎',
      workplaceId: WP_A,
      workplaceName: '製造一課',
      engagement: 'regular',
    }),
    buildDemandMember({
      name: '井上 花子',
      workplaceId: WP_A,
      workplaceName: '製造一課',
      engagement: 'at_risk',
    }),
    buildDemandMember({ name: '上田 次郎', workplaceId: WP_B, workplaceName: '品質保証課', status: 'left' }),
  ];
  const candidate = buildMember({
    name: '佐藤 三郎',
    nameKana: 'サトウ サブロウ',
    workplaceId: WP_B,
    workplaceName: '品質保証課',
  });
  const seen: Seen[] = [];
  const fetch = (url: string, init?: RequestInit) => {
    const req = recordRequest(seen, url, init);
    const path = url.split('?')[0] ?? '';
    const base = `/api/demands/${demand.id}`;
    if (path === base && req.method === 'GET') return demand;
    if (path === base && req.method === 'PATCH') {
      const body = req.body as Partial<Demand> & { version: number };
      if (body.version !== demand.version) {
        return apiError(409, 'conflict', { version: 'stale' }, { currentVersion: demand.version });
      }
      const { version: _read, ...changes } = body;
      demand = { ...demand, ...changes, version: demand.version + 1 };
      return demand;
    }
    if (path === base && req.method === 'DELETE') return new Response(null, { status: 204 });
    if (path === '/api/seasons') return { items: [], currentId: null };
    if (path === `${base}/members`) return page(linked);
    if (path === `${base}/notes`) return page([]);
    if (path === '/api/members') return page([candidate]);
    if (path === `${base}/members/${candidate.id}` && req.method === 'PUT') {
      linked.push(
        buildDemandMember({
          id: candidate.id,
          name: candidate.name,
          workplaceId: WP_B,
          workplaceName: '品質保証課',
        }),
      );
      demand = { ...demand, relatedMemberCount: demand.relatedMemberCount + 1 };
      return demand;
    }
    if (path.startsWith(`${base}/members/`) && req.method === 'DELETE') {
      const memberId = path.split('/').at(-1);
      linked.splice(
        linked.findIndex((m) => m.id === memberId),
        1,
      );
      demand = { ...demand, relatedMemberCount: demand.relatedMemberCount - 1 };
      return demand;
    }
    return apiError(404, 'not_found');
  };
  return {
    seen,
    fetch,
    candidate,
    linked,
    demand: () => demand,
    /** Someone else saves the demand meanwhile. */
    bump: () => {
      demand = { ...demand, version: demand.version + 1 };
    },
  };
}

function renderDemand(union: ReturnType<typeof fakeUnion>, me = signedInAs('officer')) {
  return renderWeb(<DemandPage />, {
    route: `/demands/${union.demand().id}`,
    path: '/demands/:id',
    fetch: union.fetch,
    me,
  });
}

/** The workplace group of the members list, found by its summary. */
const group = async (name: string) =>
  (await screen.findByText(name, { selector: '.dm-group-name' })).closest('details') as HTMLElement;
const groupHeading = (el: HTMLElement) => el.querySelector('summary')!.textContent;

const shownCount = () => screen.getByTestId('related-member-count').textContent;

describe('DemandPage: corrections', () => {
  it('edits the title and 内容 with the version read; a stale version keeps the typed text and reloads on request', async () => {
    const union = fakeUnion();
    renderDemand(union);
    await screen.findByRole('heading', { level: 1, name: '年間休日の増加' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '名称・内容を編集' }));
    const form = screen.getByRole('form', { name: '要求の名称・内容を編集' });
    const title = within(form).getByLabelText(/要求事項の名称/) as HTMLInputElement;
    expect(title.value).toBe('年間休日の増加');
    await user.clear(title);
    await user.type(title, '年間休日の増加（125日）');
    union.bump();
    await user.click(within(form).getByRole('button', { name: '保存' }));
    expect(await within(form).findByText(/他の人がこの記録を先に更新しました/)).toBeTruthy();
    expect(title.value).toBe('年間休日の増加（125日）');
    await user.click(within(form).getByRole('button', { name: '最新の内容を読み込む' }));
    await waitFor(() => expect(title.value).toBe('年間休日の増加'));
    await user.clear(title);
    await user.type(title, '年間休日の増加（125日）');
    await user.clear(within(form).getByLabelText('内容'));
    await user.type(within(form).getByLabelText('内容'), '年間休日を125日に');
    await user.click(within(form).getByRole('button', { name: '保存' }));
    expect(await screen.findByRole('heading', { level: 1, name: '年間休日の増加（125日）' })).toBeTruthy();
    const patches = union.seen.filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => r.body)).toEqual([
      { version: 1, title: '年間休日の増加（125日）', description: '年間休日を120日に', seasonId: null },
      { version: 2, title: '年間休日の増加（125日）', description: '年間休日を125日に', seasonId: null },
    ]);
  });

  it('lets an admin delete after a confirmation that counts the links and log entries; no delete for an officer', async () => {
    const union = fakeUnion();
    renderDemand(union, signedInAs('admin'));
    await screen.findByRole('heading', { level: 1, name: '年間休日の増加' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'この要求を削除' }));
    const dialog = screen.getByRole('alertdialog', { name: '要求の削除' });
    expect(
      await within(dialog).findByText(/紐付いている組合員3人の紐付けと、経営側の回答・交渉の経緯0件も/),
    ).toBeTruthy();
    expect(union.seen.some((r) => r.method === 'DELETE')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: '削除する' }));
    await waitFor(() => expect(union.seen.some((r) => r.method === 'DELETE')).toBe(true));
    expect(union.seen.find((r) => r.method === 'DELETE')!.url).toBe(
      `/api/demands/${union.demand().id}?version=1`,
    );
    cleanup();
    renderDemand(fakeUnion(), signedInAs('officer'));
    await screen.findByRole('heading', { level: 1, name: '年間休日の増加' });
    expect(screen.getByRole('button', { name: '名称・内容を編集' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'この要求を削除' })).toBeNull();
  });
});

describe('DemandPage', () => {
  it('shows the demand with 関連組合員数 and its members grouped by workplace', async () => {
    const union = fakeUnion();
    renderDemand(union);
    expect(await screen.findByRole('heading', { level: 1, name: '年間休日の増加' })).toBeTruthy();
    expect(shownCount()).toBe('2人');
    expect(screen.getByText('2026年12月3日')).toBeTruthy();

    const seeAll = union.seen.find((r) => r.url.startsWith(`/api/demands/${union.demand().id}/members`))!;
    expect(new URL(seeAll.url, 'http://x').searchParams.get('limit')).toBe('500');

    const a = await group('製造一課');
    expect(groupHeading(a)).toBe('製造一課2人');
    expect(a.hasAttribute('open')).toBe(true);
    expect(within(a).getByRole('link', { name: '井上 花子' }).getAttribute('href')).toBe(
      `/members/${union.linked[1]!.id}`,
    );
    expect(a.querySelector('[data-engagement="at_risk"]')).toBeTruthy();
    const b = await group('品質保証課');
    // Someone who left stays listed but is said not to count.
    expect(within(b).getByText('脱退・関連組合員数に数えません')).toBeTruthy();
  });

  it('links a searched member with PUT and shows the higher count after refetching', async () => {
    const union = fakeUnion();
    renderDemand(union);
    await screen.findByRole('heading', { level: 1, name: '年間休日の増加' });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('組合員を検索'), 'さとう');

    const add = await screen.findByRole('button', { name: '佐藤 三郎さんをこの要求に追加' });
    const search = union.seen.filter((r) => r.url.startsWith('/api/members?'));
    expect(search).toHaveLength(1);
    expect(Object.fromEntries(new URL(search[0]!.url, 'http://x').searchParams)).toEqual({
      q: 'さとう',
      limit: '10',
    });

    const getsBefore = union.seen.filter(
      (r) => r.method === 'GET' && r.url === `/api/demands/${union.demand().id}`,
    );
    await user.click(add);

    await waitFor(() => expect(shownCount()).toBe('3人'));
    const puts = union.seen.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => r.url)).toEqual([
      `/api/demands/${union.demand().id}/members/${union.candidate.id}`,
    ]);
    await waitFor(() =>
      expect(
        union.seen.filter((r) => r.method === 'GET' && r.url === `/api/demands/${union.demand().id}`).length,
      ).toBeGreaterThan(getsBefore.length),
    );
    const b = await group('品質保証課');
    expect(await within(b).findByRole('link', { name: '佐藤 三郎' })).toBeTruthy();
    expect(groupHeading(b)).toBe('品質保証課2人');
    expect(screen.getByText('追加済み')).toBeTruthy();
  });

  it('does not search while an IME composition is in progress', async () => {
    const union = fakeUnion();
    renderDemand(union);
    await screen.findByRole('heading', { level: 1, name: '年間休日の増加' });
    const box = screen.getByLabelText('組合員を検索');
    fireEvent.compositionStart(box);
    fireEvent.change(box, { target: { value: 'さと' } });
    await new Promise((r) => setTimeout(r, 450));
    expect(union.seen.some((r) => r.url.startsWith('/api/members'))).toBe(false);

    fireEvent.change(box, { target: { value: '佐藤' } });
    fireEvent.compositionEnd(box);
    await screen.findByRole('button', { name: '佐藤 三郎さんをこの要求に追加' });
    const search = union.seen.filter((r) => r.url.startsWith('/api/members'));
    expect(search.map((r) => new URL(r.url, 'http://x').searchParams.get('q'))).toEqual(['佐藤']);
  });

  it('unlinks a member with DELETE and lowers the count', async () => {
    const union = fakeUnion();
    renderDemand(union);
    await screen.findByRole('heading', { level: 1, name: '年間休日の増加' });
    const aikawa = union.linked[0]!.id;
    await userEvent.setup().click(await screen.findByRole('button', { name: '相川 一郎さんの紐付けを解除' }));
    await waitFor(() => expect(shownCount()).toBe('1人'));
    expect(union.seen.filter((r) => r.method === 'DELETE').map((r) => r.url)).toEqual([
      `/api/demands/${union.demand().id}/members/${aikawa}`,
    ]);
    await waitFor(() => expect(screen.queryByRole('link', { name: '相川 一郎' })).toBeNull());
  });

  it('keeps the typed status on a version conflict and loads the latest on request', async () => {
    const union = fakeUnion();
    const stale = union.fetch;
    let latest: Demand | undefined;
    const fetch = (url: string, init?: RequestInit) => {
      if (init?.method === 'PATCH') {
        recordRequest(union.seen, url, init);
        latest = { ...union.demand(), status: 'carried_over', version: 2 };
        return apiError(409, 'conflict', { version: 'stale' }, { currentVersion: 2 });
      }
      if (latest && url === `/api/demands/${latest.id}`) return latest;
      return stale(url, init);
    };
    renderWeb(<DemandPage />, {
      route: `/demands/${union.demand().id}`,
      path: '/demands/:id',
      fetch,
      me: signedInAs('officer'),
    });
    await screen.findByRole('heading', { level: 1, name: '年間休日の増加' });
    const user = userEvent.setup();
    const status = screen.getByLabelText('交渉ステータス') as HTMLSelectElement;
    await user.selectOptions(status, 'settled');
    await user.click(screen.getByRole('button', { name: '保存' }));

    expect(await screen.findByText(/他の人がこの記録を先に更新しました/)).toBeTruthy();
    expect(status.value).toBe('settled');
    const patchReq = union.seen.find((r) => r.method === 'PATCH')!;
    expect(patchReq.body).toEqual({
      version: 1,
      status: 'settled',
      priority: 'medium',
      nextNegotiationOn: '2026-12-03',
    });

    await user.click(screen.getByRole('button', { name: '最新の内容を読み込む' }));
    await waitFor(() =>
      expect((screen.getByLabelText('交渉ステータス') as HTMLSelectElement).value).toBe('carried_over'),
    );
    expect(screen.queryByText(/他の人がこの記録を先に更新しました/)).toBeNull();
  });

  it('lets a rep link and unlink members but not change the demand or its negotiation log', async () => {
    const union = fakeUnion();
    renderDemand(union, signedInAs('rep'));
    await screen.findByRole('heading', { level: 1, name: '年間休日の増加' });
    await group('製造一課');
    expect(screen.queryByRole('form', { name: '交渉の状況' })).toBeNull();
    expect(screen.queryByLabelText('交渉ステータス')).toBeNull();
    expect(screen.queryByRole('button', { name: '経緯を記録' })).toBeNull();
    expect(screen.getByLabelText('組合員を検索')).toBeTruthy();
    expect(screen.getByRole('button', { name: '井上 花子さんの紐付けを解除' })).toBeTruthy();
  });

  it('shows 見つかりません for a demand that does not exist (404)', async () => {
    const union = fakeUnion();
    renderWeb(<DemandPage />, {
      route: '/demands/99999999-9999-4999-8999-999999999999',
      path: '/demands/:id',
      fetch: union.fetch,
      me: signedInAs('rep'),
    });
    expect(await screen.findByRole('heading', { name: '見つかりません' })).toBeTruthy();
    expect(screen.queryByRole('heading', { level: 1 })).toBeNull();
  });
});
